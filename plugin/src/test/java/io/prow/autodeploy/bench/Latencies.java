package io.prow.autodeploy.bench;

import java.util.Arrays;
import java.util.List;

/** Latency samples of one side, merged over its rounds; percentiles by nearest rank on the sorted samples. */
record Latencies(long[] sortedNanos, long non200, long[] sortedSendLagNanos) {
    static Latencies of(List<OpenLoopLoad.Run> runs) {
        long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.latencyNanos())).sorted().toArray();
        long[] lag = runs.stream().flatMapToLong(r -> Arrays.stream(r.sendLagNanos())).sorted().toArray();
        return new Latencies(all, runs.stream().mapToLong(OpenLoopLoad.Run::non200).sum(), lag);
    }

    int count() {
        return sortedNanos.length;
    }

    double percentileMillis(double p) {
        return percentile(sortedNanos, p) / 1e6;
    }

    double sendLagPercentileMillis(double p) {
        return percentile(sortedSendLagNanos, p) / 1e6;
    }

    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double maxMillis() {
        return sortedNanos[sortedNanos.length - 1] / 1e6;
    }
}
