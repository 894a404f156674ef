package io.prow.autodeploy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table the benchmark prints: each figure with its target and whether it met it. Judges nothing else. */
final class BenchTable {
    private record Row(String section, String metric, String value, String target, String verdict) {}

    private final List<Row> rows = new ArrayList<>();

    /** A figure without a target (context for the others). */
    void info(String section, String metric, String value) {
        rows.add(new Row(section, metric, value, "", ""));
    }

    /** A figure with an upper bound: met when {@code value <= bound}. */
    void atMost(String section, String metric, double value, String unit, double bound) {
        rows.add(new Row(section, metric, format(value) + unit, "<= " + format(bound) + unit,
                value <= bound ? "ok" : "MISSED"));
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    String render() {
        int[] w = {7, 6, 5, 6, 7};
        for (Row r : rows) {
            w[0] = Math.max(w[0], r.section().length());
            w[1] = Math.max(w[1], r.metric().length());
            w[2] = Math.max(w[2], r.value().length());
            w[3] = Math.max(w[3], r.target().length());
            w[4] = Math.max(w[4], r.verdict().length());
        }
        String fmt = "| %-" + w[0] + "s | %-" + w[1] + "s | %" + w[2] + "s | %-" + w[3] + "s | %-" + w[4] + "s |%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(fmt, "section", "metric", "value", "target", "verdict"));
        out.append(String.format(fmt, "-".repeat(w[0]), "-".repeat(w[1]), "-".repeat(w[2]), "-".repeat(w[3]),
                "-".repeat(w[4])));
        rows.forEach(r -> out.append(String.format(fmt, r.section(), r.metric(), r.value(), r.target(), r.verdict())));
        return out.toString();
    }

    /** Where and on what the figures were measured: they mean little without it. */
    static String machine() {
        Runtime rt = Runtime.getRuntime();
        return "machine: " + cpuModel() + ", nproc=" + rt.availableProcessors() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "; JVM "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + mib(rt.maxMemory()) + ", GC " + gcNames();
    }

    /** Other work on the machine skews every figure here; the 1-minute load average says how much there was. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String gcNames() {
        return String.join("+", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
