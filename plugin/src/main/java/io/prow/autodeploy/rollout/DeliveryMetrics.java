package io.prow.autodeploy.rollout;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The four delivery figures (DORA) of one repo over a period (30 days), pure: computed from the deploys and
 * incidents read from GitHub, nothing local.
 * <ul>
 *   <li><b>deployment frequency</b>: deploys (autobump and rollback) that reached running in the period, per day;</li>
 *   <li><b>lead time for changes</b>: median, over the period's autobump deploys, of change start → running, the
 *       change start being the Prow commit's time when known, else the autobump PR's creation;</li>
 *   <li><b>change failure rate</b>: the period's deploys followed, within {@code watch} after running, by an incident
 *       (a rollback PR opened, an alert hold, a failed or stuck rollout), divided by the period's deploys;</li>
 *   <li><b>time to restore</b>: median, over the period's incidents, of incident start → the next deploy that reached
 *       running and was not itself followed by an incident.</li>
 * </ul>
 * A deploy whose rollout was not followed (or not seen running) counts as running at its merge.
 */
public final class DeliveryMetrics {
    public static final Duration PERIOD = Duration.ofDays(30);

    /** One deploy: {@code changeStart} is the Prow commit time or the PR's creation; {@code running} when known. */
    public record DeployRecord(int number, String tag, boolean rollback, Instant changeStart, Instant merged,
                               Optional<Instant> running) {
        public Instant runningOrMerged() {
            return running.orElse(merged);
        }
    }

    /** Something that went wrong after a deploy: a rollback PR opened, an alert hold, a failed or stuck rollout. */
    public record Incident(Instant start, String what) {}

    /** One day of the chart (UTC): deploys that reached running that day, and how many of them failed. */
    public record Day(LocalDate date, int deploys, int failed) {}

    /** The four figures; a figure is empty when there is nothing to compute it from. */
    public record Figures(int deploys, double deploysPerDay, Optional<Duration> leadTime,
                          Optional<Double> changeFailureRate, Optional<Duration> timeToRestore, int incidents,
                          List<Day> days) {
        public Figures {
            days = List.copyOf(days);
        }
    }

    private DeliveryMetrics() {}

    public static Figures compute(List<DeployRecord> all, List<Incident> incidents, Duration watch, Instant now) {
        Instant from = now.minus(PERIOD);
        List<DeployRecord> byRunning = all.stream().sorted(Comparator.comparing(DeployRecord::runningOrMerged))
                .toList();
        List<DeployRecord> inPeriod = byRunning.stream().filter(d -> !d.runningOrMerged().isBefore(from)
                && !d.runningOrMerged().isAfter(now)).toList();
        java.util.Set<DeployRecord> failed = byRunning.stream().filter(d -> failed(d, byRunning, incidents, watch))
                .collect(java.util.stream.Collectors.toSet());
        List<Duration> leads = inPeriod.stream().filter(d -> !d.rollback())
                .map(d -> Duration.between(d.changeStart(), d.runningOrMerged()))
                .filter(d -> !d.isNegative()).toList();
        long failedInPeriod = inPeriod.stream().filter(failed::contains).count();
        List<Duration> restores = new ArrayList<>();
        List<Incident> periodIncidents = incidents.stream()
                .filter(i -> !i.start().isBefore(from) && !i.start().isAfter(now)).toList();
        for (Incident i : periodIncidents) {
            byRunning.stream().filter(d -> d.runningOrMerged().isAfter(i.start()) && !failed.contains(d))
                    .findFirst().ifPresent(d -> restores.add(Duration.between(i.start(), d.runningOrMerged())));
        }
        return new Figures(inPeriod.size(), inPeriod.size() / (double) PERIOD.toDays(), median(leads),
                inPeriod.isEmpty() ? Optional.empty() : Optional.of(failedInPeriod / (double) inPeriod.size()),
                median(restores), periodIncidents.size(), days(inPeriod, failed, now));
    }

    /** An incident starting after {@code d} merged and within {@code watch} after it ran, before the next deploy. */
    static boolean failed(DeployRecord d, List<DeployRecord> byRunning, List<Incident> incidents, Duration watch) {
        Instant until = d.runningOrMerged().plus(watch);
        Optional<Instant> next = byRunning.stream().map(DeployRecord::merged).filter(m -> m.isAfter(d.merged()))
                .min(Comparator.naturalOrder());
        return incidents.stream().anyMatch(i -> !i.start().isBefore(d.merged()) && !i.start().isAfter(until)
                && next.map(n -> i.start().isBefore(n)).orElse(true));
    }

    private static List<Day> days(List<DeployRecord> inPeriod, java.util.Set<DeployRecord> failed, Instant now) {
        LocalDate last = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<Day> days = new ArrayList<>();
        for (int i = (int) PERIOD.toDays() - 1; i >= 0; i--) {
            LocalDate date = last.minusDays(i);
            List<DeployRecord> that = inPeriod.stream()
                    .filter(d -> d.runningOrMerged().atZone(ZoneOffset.UTC).toLocalDate().equals(date)).toList();
            days.add(new Day(date, that.size(), (int) that.stream().filter(failed::contains).count()));
        }
        return days;
    }

    static Optional<Duration> median(List<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
    }
}
