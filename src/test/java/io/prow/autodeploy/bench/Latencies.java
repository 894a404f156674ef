package io.prow.autodeploy.bench;

import java.util.Arrays;
import java.util.List;

/** Latency samples of one side, merged over its rounds; percentiles by nearest rank on the sorted samples. */
record Latencies(long[] sortedNanos, long non200) {
    static Latencies of(List<OpenLoopLoad.Run> runs) {
        long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.latencyNanos())).sorted().toArray();
        return new Latencies(all, runs.stream().mapToLong(OpenLoopLoad.Run::non200).sum());
    }

    int count() {
        return sortedNanos.length;
    }

    double percentileMillis(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return sortedNanos[sortedNanos.length - 1] / 1e6;
    }
}
