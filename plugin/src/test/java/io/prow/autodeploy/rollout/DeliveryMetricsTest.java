package io.prow.autodeploy.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The four figures on a seeded history, against values worked out by hand (in the comments). */
class DeliveryMetricsTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z"); // period: 2026-10-31T12:00Z .. NOW
    static final Duration WATCH = Duration.ofHours(1);

    static Instant t(String iso) {
        return Instant.parse(iso);
    }

    static DeliveryMetrics.DeployRecord deploy(int n, String tag, boolean rollback, String created, String merged,
                                               String running) {
        return new DeliveryMetrics.DeployRecord(n, tag, rollback, t(created), t(merged),
                Optional.ofNullable(running).map(Instant::parse));
    }

    static final List<DeliveryMetrics.DeployRecord> HISTORY = List.of(
            // before the period: not counted, but it is what #2's incident could blame if the order were wrong
            deploy(1, "v20261001-aaaaaaaaaa", false, "2026-10-01T08:00:00Z", "2026-10-01T09:00:00Z", null),
            // lead 08:00 -> 10:20 = 2h20m = 8400 s
            deploy(2, "v20261101-bbbbbbbbbb", false, "2026-11-01T08:00:00Z", "2026-11-01T10:00:00Z",
                    "2026-11-01T10:20:00Z"),
            // lead 09:00 -> 10:30 = 1h30m = 5400 s; rolled back at 11:00 (30m after running, inside the 1h watch)
            deploy(3, "v20261103-cccccccccc", false, "2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z",
                    "2026-11-03T10:30:00Z"),
            // the rollback: opened 11:00 (the incident), running 11:45 -> restored 45m = 2700 s after the incident
            deploy(4, "v20261101-bbbbbbbbbb", true, "2026-11-03T11:00:00Z", "2026-11-03T11:30:00Z",
                    "2026-11-03T11:45:00Z"),
            // lead 08:00 -> 09:00 (not followed: running = merged) = 3600 s; an alert hold 2h after: outside the watch
            deploy(5, "v20261110-dddddddddd", false, "2026-11-10T08:00:00Z", "2026-11-10T09:00:00Z", null));

    static final List<DeliveryMetrics.Incident> INCIDENTS = List.of(
            new DeliveryMetrics.Incident(t("2026-11-03T11:00:00Z"), "rollback #4"),
            new DeliveryMetrics.Incident(t("2026-11-10T11:00:00Z"), "hold"));

    @Test
    void fourFiguresByHand() {
        DeliveryMetrics.Figures f = DeliveryMetrics.compute(HISTORY, INCIDENTS, WATCH, NOW);
        assertEquals(4, f.deploys(), "#2..#5 ran in the period");
        assertEquals(4 / 30.0, f.deploysPerDay(), 1e-9);
        // leads of the autobump deploys #2, #3, #5: 8400, 5400, 3600 -> median 5400 s
        assertEquals(Optional.of(Duration.ofSeconds(5400)), f.leadTime());
        // #3 is followed by the rollback within the watch; #5's hold came 2h later: 1 of 4
        assertEquals(Optional.of(0.25), f.changeFailureRate());
        // incident 11-03 11:00 -> #4 running 11:45 = 2700 s; incident 11-10 11:00 -> no later deploy: not restored
        assertEquals(Optional.of(Duration.ofSeconds(2700)), f.timeToRestore());
        assertEquals(2, f.incidents());
        assertEquals(30, f.days().size());
        assertEquals(LocalDate.parse("2026-11-30"), f.days().get(29).date());
        DeliveryMetrics.Day nov3 = f.days().stream().filter(d -> d.date().equals(LocalDate.parse("2026-11-03")))
                .findFirst().orElseThrow();
        assertEquals(new DeliveryMetrics.Day(LocalDate.parse("2026-11-03"), 2, 1), nov3);
    }

    @Test
    void nothingToComputeFromIsEmptyNotZero() {
        DeliveryMetrics.Figures f = DeliveryMetrics.compute(List.of(), List.of(), WATCH, NOW);
        assertEquals(0, f.deploys());
        assertEquals(Optional.empty(), f.leadTime());
        assertEquals(Optional.empty(), f.changeFailureRate());
        assertEquals(Optional.empty(), f.timeToRestore());
    }

    @Test
    void evenCountMedianIsTheMean() {
        assertEquals(Optional.of(Duration.ofMinutes(15)), DeliveryMetrics.median(List.of(Duration.ofMinutes(10),
                Duration.ofMinutes(20))));
    }
}
