package io.prow.autodeploy.bench;

import io.prow.autodeploy.bench.GitHubProxy.Purpose;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The week's figures as text: one row per simulated day, then the targets with their verdicts. Judges nothing
 * beyond the targets the issue set (charged <= 2x floor for the week and <= 300 on any day, no map growing after
 * day 2 ({@link #grows}), p99 event -> write <= 50 ms). */
final class WeekReport {
    static final int DAY_BUDGET = 300;
    static final double FLOOR_FACTOR = 2;
    static final double P99_MILLIS = 50;
    /** How many of the week's slowest timed events are listed with their requests. */
    static final int SLOWEST = 5;

    private WeekReport() {}

    /**
     * {@code warmUp}: the day replayed first in the same JVM on a throwaway world so that the measured week runs in a
     * warm JVM, as a plugin that has run for weeks does; only its cold-start figures are shown, as such.
     */
    static String render(WeekModel model, WeekReplay.Week warmUp, WeekReplay.Week ours, WeekReplay.Week naive,
                         WeekReplay.Week base) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "week replay: %d days from %s (%s), other-PR traffic x%s, seed %d; "
                        + "faults: %.0f%% of requests 502, outage %s (%d min), secondary rate limit %s, restart %s%n",
                model.days(), model.start(), model.zone(), BenchTable.format(ours.scale()), model.seed(),
                model.faults().failShare() * 100, model.faults().outage(), model.faults().outageMinutes(),
                model.faults().secondaryRateLimit(), model.faults().restart()));
        out.append("alert notification: POST /alertmanager once a working day; rollout following: ")
                .append(model.rolloutFollowing() ? "on" : "not replayed (no such feature yet; hook in WeekReplay)")
                .append('\n');
        out.append(String.format(Locale.ROOT, "warm-up: %d day (%s, x%s) replayed first in this JVM against its own "
                        + "sandbox, proxy, plugin and clock, then discarded (%.1f s): every figure below is the "
                        + "measured week's, in a warm JVM, but the \"cold JVM\" rows%n%n", warmUp.days().size(),
                warmUp.days().get(0).date(), BenchTable.format(warmUp.scale()), warmUp.wallSeconds()));
        out.append(days(ours)).append('\n');
        out.append(sizes(ours)).append('\n');
        BenchTable t = new BenchTable();
        targets(t, ours, naive, base);
        coldJvm(t, warmUp);
        out.append(t.render()).append('\n');
        out.append("charged requests of the week by purpose, method and path (most first):\n");
        ours.chargedBy().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %6d  %s%n", e.getValue(), e.getKey())));
        out.append("\nevery request of the week, 304s included, by purpose, method and path (most first; each may fault):\n");
        ours.sentBy().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %6d  %s%n", e.getValue(), e.getKey())));
        out.append(String.format(Locale.ROOT, "%n%d slowest timed events of the week (webhook sent -> first write "
                + "at GitHub; the requests made up to it, +ms since the webhook was sent):%n", SLOWEST));
        TimedEvent.slowest(ours.timed(), SLOWEST).forEach(e -> out.append(e.render()));
        out.append(String.format(Locale.ROOT, "%nwall time: warm-up %.1f s, ours %.1f s, naive %.1f s%s%n",
                warmUp.wallSeconds(), ours.wallSeconds(), naive.wallSeconds(), base == null ? "" : String.format(Locale.ROOT, ", scale 1 %.1f s",
                        base.wallSeconds())));
        return out.toString();
    }

    private static String days(WeekReplay.Week w) {
        StringBuilder b = new StringBuilder();
        b.append("| day | webhooks | requests | 304 | charged | faults | writes | floor | charged/floor | decision | command"
                + " | sweep | recovery | history | startup | wake-up | alert | p50 / p99 ms | heap live | end state |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (WeekReplay.Day d : w.days()) {
            List<Double> lat = d.latenciesMillis().stream().sorted().toList();
            b.append(String.format(Locale.ROOT, "| %s %s | %d | %d | %d | %d | %d | %d | %d | %s | %d | %d | %d | %d | %d"
                            + " | %d | %d | %d | %s | %s | %s |%n",
                    d.date().getDayOfWeek().toString().substring(0, 3), d.date(), d.webhooks(), d.total(),
                    d.notModified(), d.charged(), d.faults(), d.writes(), d.floor(),
                    d.floor() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", d.charged() / (double) d.floor()),
                    d.charged(Purpose.DECISION), d.charged(Purpose.COMMAND), d.charged(Purpose.SWEEP),
                    d.charged(Purpose.RECOVERY), d.charged(Purpose.HISTORY), d.charged(Purpose.STARTUP),
                    d.charged(Purpose.WAKEUP), d.charged(Purpose.ALERT),
                    lat.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", pct(lat, 50), pct(lat, 99)),
                    BenchTable.mib(d.heapLiveBytes()), d.problems().isEmpty() ? "as modelled"
                            : String.join("; ", d.problems())));
        }
        b.append(String.format(Locale.ROOT, "| week | %d | %d | %d | %d | %d | %d | %d | %.2f | | | | | | | | | %s | | "
                        + "|%n", w.webhooks(), w.days().stream().mapToLong(WeekReplay.Day::total).sum(),
                w.days().stream().mapToLong(WeekReplay.Day::notModified).sum(), w.charged(), w.faults(), w.writes(),
                w.floor(),
                w.charged() / (double) w.floor(), latencies(w.latencies())));
        return b.toString();
    }

    /** Every map and cache of the plugin, its entries at the end of each day. */
    private static String sizes(WeekReplay.Week w) {
        TreeSet<String> names = new TreeSet<>();
        w.days().forEach(d -> names.addAll(d.sizes().keySet()));
        StringBuilder b = new StringBuilder("| plugin map / cache (entries at day's end) |");
        w.days().forEach(d -> b.append(' ').append(d.date().getDayOfWeek().toString(), 0, 3).append(" |"));
        b.append("\n|---|").append("---:|".repeat(w.days().size())).append('\n');
        for (String n : names) {
            b.append("| ").append(n).append(" |");
            w.days().forEach(d -> b.append(' ').append(d.sizes().getOrDefault(n, 0L)).append(" |"));
            b.append('\n');
        }
        return b.toString();
    }

    private static void targets(BenchTable t, WeekReplay.Week ours, WeekReplay.Week naive, WeekReplay.Week base) {
        String s = "week";
        t.info(s, "charged / floor writes (the week)", ours.charged() + " / " + ours.floor());
        t.atMost(s, "charged requests / floor (the week)", ours.charged() / (double) ours.floor(), "x",
                FLOOR_FACTOR);
        t.info(s, "charged that were injected faults (502s, outage 503s, the 403; GitHub never saw them)",
                share(ours.faults(), ours.charged()));
        t.info(s, "charged less injected faults / floor", String.format(Locale.ROOT, "%.2fx",
                (ours.charged() - ours.faults()) / (double) ours.floor()));
        WeekReplay.Day worst = ours.days().stream().max(Comparator.comparingLong(WeekReplay.Day::charged))
                .orElseThrow();
        t.atMost(s, "charged requests on the worst day (" + worst.date() + ")", worst.charged(), "", DAY_BUDGET);
        List<Double> lat = ours.latencies();
        t.info(s, "events that changed something (timed)", Integer.toString(lat.size()));
        t.info(s, "event -> GitHub write p50", String.format(Locale.ROOT, "%.1f ms", pct(lat, 50)));
        t.atMost(s, "event -> GitHub write p99", pct(lat, 99), " ms", P99_MILLIS);
        t.atMost(s, "days whose end state differs from the model",
                ours.days().stream().filter(d -> !d.problems().isEmpty()).count(), "", 0);
        growth(t, ours);
        t.info("naive plugin (no ETag cache, no relevance filter)", "charged requests (the week)",
                naive.charged() + " (" + String.format(Locale.ROOT, "%.1f", naive.charged() / (double) naive.floor())
                        + "x floor)");
        t.info("naive plugin (no ETag cache, no relevance filter)", "ours / naive charged",
                String.format(Locale.ROOT, "%.3f", ours.charged() / (double) naive.charged()));
        if (base != null) {
            String sc = "scale x" + BenchTable.format(ours.scale()) + " vs x1";
            t.info(sc, "webhooks ratio", ratio(ours.webhooks(), base.webhooks()));
            t.info(sc, "writes ratio", ratio(ours.writes(), base.writes()));
            t.info(sc, "charged ratio (should follow writes, not traffic)", ratio(ours.charged(), base.charged()));
        }
    }

    /**
     * A map grows when it ends the week larger than after day 2 and has not settled: no working day after its last
     * rise kept it at that size (it may still be rising). A bounded map that reached its bound after day 2 and then
     * held it through a working day (an entry per repo first written after Tuesday's restart, the labels inside a
     * cached page) has settled; a map that rises with each working day's traffic rises on Friday and fails.
     */
    private static void growth(BenchTable t, WeekReplay.Week w) {
        if (w.days().size() < 3) {
            return;
        }
        List<Boolean> working = w.days().stream().map(d -> isWorkingDay(d.date().getDayOfWeek())).toList();
        TreeSet<String> names = new TreeSet<>();
        w.days().forEach(d -> names.addAll(d.sizes().keySet()));
        List<String> growing = new ArrayList<>();
        List<String> settled = new ArrayList<>();
        for (String n : names) {
            List<Long> sizes = w.days().stream().map(d -> d.sizes().getOrDefault(n, 0L)).toList();
            String shape = n + " " + sizes.get(1) + "->" + sizes.get(sizes.size() - 1);
            if (grows(sizes, working)) {
                growing.add(shape);
            } else if (sizes.get(sizes.size() - 1) > sizes.get(1)) {
                settled.add(shape);
            }
        }
        t.atMost("week", "maps/caches still growing after day 2" + (growing.isEmpty() ? ""
                : ": " + String.join(", ", growing)), growing.size(), "", 0);
        if (!settled.isEmpty()) {
            t.info("week", "larger than day 2 but settled (flat on a working day after its last rise)",
                    String.join(", ", settled));
        }
        long h2 = w.days().get(1).heapLiveBytes();
        long hl = w.days().get(w.days().size() - 1).heapLiveBytes();
        t.info("week", "heap live after full GC day 2 -> last day (whole JVM: sandbox state grows too)",
                BenchTable.mib(h2) + " -> " + BenchTable.mib(hl));
    }

    static boolean isWorkingDay(java.time.DayOfWeek d) {
        return d != java.time.DayOfWeek.SATURDAY && d != java.time.DayOfWeek.SUNDAY;
    }

    /**
     * {@code sizes}: a map's entries at the end of each day (index 1 is day 2); {@code working}: which days had
     * traffic. Growing: larger at the end than on day 2, and no working day after its last rise kept that size.
     */
    static boolean grows(List<Long> sizes, List<Boolean> working) {
        int last = sizes.size() - 1;
        if (sizes.get(last) <= sizes.get(1)) {
            return false;
        }
        int lastRise = 1;
        for (int i = 2; i <= last; i++) {
            if (sizes.get(i) > sizes.get(i - 1)) {
                lastRise = i;
            }
        }
        for (int i = lastRise + 1; i <= last; i++) {
            if (working.get(i) && sizes.get(i).equals(sizes.get(lastRise))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The warm-up day's cold-start figures: its first timed event is the JVM's first decision (every class of the
     * adapter, JSON and HTTP stack used for the first time), which a plugin pays once per process, not per week.
     */
    private static void coldJvm(BenchTable t, WeekReplay.Week warmUp) {
        List<TimedEvent> timed = warmUp.timed();
        if (timed.isEmpty()) {
            return;
        }
        TimedEvent first = timed.get(0);
        t.info("cold JVM", "first autobump decision (warm-up day, not in the week's p99): " + first.what() + " at "
                + first.at().toLocalTime(), String.format(Locale.ROOT, "%.1f ms", first.millis()));
        t.info("cold JVM", "event -> GitHub write p99 of the warm-up day (" + timed.size() + " timed, not in the "
                + "week's p99)", String.format(Locale.ROOT, "%.1f ms", pct(warmUp.latencies(), 99)));
    }

    /** "12 of 665 (1.8%)": how much of {@code whole} {@code part} is. */
    static String share(long part, long whole) {
        return whole == 0 ? part + " of 0" : String.format(Locale.ROOT, "%d of %d (%.1f%%)", part, whole,
                100.0 * part / whole);
    }

    private static String ratio(long a, long b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.2f (%d / %d)", a / (double) b, a, b);
    }

    private static String latencies(List<Double> sorted) {
        return sorted.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", pct(sorted, 50), pct(sorted, 99));
    }

    /** Nearest-rank percentile of a sorted list. */
    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        List<Double> s = sorted.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }
}
