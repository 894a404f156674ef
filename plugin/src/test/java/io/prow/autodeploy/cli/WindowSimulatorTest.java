package io.prow.autodeploy.cli;

import static io.prow.autodeploy.deploy.gates.GateCase.la;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.Gate;
import io.prow.autodeploy.deploy.gates.PacingGate;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.deploy.gates.Snapshots;
import io.prow.autodeploy.deploy.gates.WindowGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WindowSimulatorTest {
    static final String ALL_DAYS = "  days: [MON, TUE, WED, THU, FRI, SAT, SUN]\n  blackouts: []\n";

    static RepoConfig window(String lines) {
        return Snapshots.config("window:\n" + lines);
    }

    /** Each day as {@code yyyy-mm-dd cells}, the table without its decoration. */
    static List<String> rows(WindowSimulator.Simulation sim) {
        return sim.days().stream().map(d -> d.date() + " " + d.hours().stream()
                .map(c -> String.valueOf(c.symbol)).collect(Collectors.joining()))
                .toList();
    }

    record Case(String name, RepoConfig config, Instant start, Optional<Instant> last, int days,
            List<String> rows, List<Instant> deploys) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("Friday from 10:00, 1h pacing: a deploy every hour, weekend closed", Snapshots.config(),
                        la("2026-11-27T10:00"), Optional.empty(), 3,
                        List.of("2026-11-27           DDDDDDD.......",
                                "2026-11-28 ........................",
                                "2026-11-29 ........................"),
                        hourly("2026-11-27T10:00", 7)),
                new Case("3h pacing shows as p between deploys", window("  minInterval: 3h\n"),
                        la("2026-11-30T00:00"), Optional.empty(), 1,
                        List.of("2026-11-30 .........DppDppDp......."),
                        List.of(la("2026-11-30T09:00"), la("2026-11-30T12:00"), la("2026-11-30T15:00"))),
                new Case("a last deploy at 08:30 moves the first to 09:30", Snapshots.config(),
                        la("2026-11-30T00:00"), Optional.of(la("2026-11-30T08:30")), 1,
                        List.of("2026-11-30 .........DDDDDDDD......."),
                        hourly("2026-11-30T09:30", 8)),
                new Case("20m pacing: three deploys an hour", window("  minInterval: 20m\n  hours: '09:00-10:00'\n"),
                        la("2026-11-30T00:00"), Optional.empty(), 1,
                        List.of("2026-11-30 .........D.............."),
                        List.of(la("2026-11-30T09:00"), la("2026-11-30T09:20"), la("2026-11-30T09:40"))),
                new Case("minInterval 0: open hours are D, no deploys counted", window("  minInterval: '0'\n"),
                        la("2026-11-30T00:00"), Optional.empty(), 1,
                        List.of("2026-11-30 .........DDDDDDDD......."), List.of()),
                new Case("blackout marks the hours it takes away, weekend stays .", Snapshots.config(),
                        la("2027-01-01T00:00"), Optional.empty(), 4,
                        List.of("2027-01-01 .........BBBBBBBB.......",
                                "2027-01-02 ........................",
                                "2027-01-03 ........................",
                                "2027-01-04 .........DDDDDDDD......."),
                        hourly("2027-01-04T09:00", 8)),
                new Case("Berlin spring forward: 02 skipped, pacing runs over the jump",
                        window("  timezone: Europe/Berlin\n  hours: '01:30-05:00'\n  minInterval: 90m\n" + ALL_DAYS),
                        Instant.parse("2027-03-27T23:00:00Z"), Optional.empty(), 1,
                        List.of("2027-03-28 .D~pD..................."),
                        List.of(Instant.parse("2027-03-28T00:30:00Z"), Instant.parse("2027-03-28T02:00:00Z"))),
                new Case("LA fall back: the repeated hour 01 is one cell holding two deploys",
                        window("  hours: '00:00-03:00'\n" + ALL_DAYS), Instant.parse("2026-11-01T07:00:00Z"),
                        Optional.empty(), 1,
                        List.of("2026-11-01 DDD....................."),
                        Stream.iterate(Instant.parse("2026-11-01T07:00:00Z"), t -> t.plus(Duration.ofHours(1)))
                                .limit(4).toList()),
                new Case("a window that never opens: its allowed day is blacked out", window("  days: [SAT]\n  blackouts: ['2026-01-01..2030-12-31']\n"),
                        la("2026-11-28T00:00"), Optional.empty(), 1,
                        List.of("2026-11-28 .........BBBBBBBB......."), List.of()));
    }

    static List<Instant> hourly(String firstLocal, int n) {
        return Stream.iterate(la(firstLocal), t -> t.plus(Duration.ofHours(1))).limit(n).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void simulates(Case c) {
        WindowSimulator.Simulation sim = WindowSimulator.simulate(c.config(), c.start(), c.last(), c.days());
        assertThat(rows(sim)).isEqualTo(c.rows());
        assertThat(sim.deploys()).isEqualTo(c.deploys());
    }

    /** Each simulated deploy is the first instant at which the real window and pacing gates both open. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyDeployIsTheFirstInstantTheGatesAllow(Case c) {
        WindowSimulator.Simulation sim = WindowSimulator.simulate(c.config(), c.start(), c.last(), c.days());
        List<Gate> timeGates = List.of(new WindowGate(), new PacingGate());
        Optional<Instant> last = c.last();
        List<Instant> checked = new ArrayList<>();
        for (Instant deploy : sim.deploys()) {
            Snapshots.Builder b = Snapshots.autobump().config(c.config());
            last.ifPresent(t -> b.lastDeploy("v20261126-0123456", t));
            Snapshot s = b.build();
            assertThat(timeGates).as("open at %s", deploy).allMatch(g -> g.evaluate(s, deploy).open());
            Instant before = deploy.minus(Duration.ofMinutes(1));
            if (!before.isBefore(c.start())) {
                assertThat(timeGates).as("one closed at %s", before).anyMatch(g -> !g.evaluate(s, before).open());
            }
            checked.add(deploy);
            last = Optional.of(deploy);
        }
        assertThat(checked).hasSameSizeAs(c.deploys());
    }

    @Test
    void rendersATableWithHeadingSummariesAndLegend() {
        String text = WindowSimulator.render(WindowSimulator.simulate(window("  minInterval: 3h\n"),
                la("2026-12-23T12:30"), Optional.of(la("2026-12-23T11:00")), 2));
        assertThat(text).isEqualTo("""
                kubernetes/test-infra: MON-FRI 09:00-17:00 America/Los_Angeles, minInterval 3h, blackouts 2026-12-24..2027-01-02
                from Wed Dec 23 12:30 America/Los_Angeles, last deploy Wed Dec 23 11:00 America/Los_Angeles, a bump always waiting

                                 0         1         2
                                 012345678901234567890123
                Wed 2026-12-23               ppDpp.......   1 deploy, first 14:00
                Thu 2026-12-24   .........BBBBBBBB.......

                D  a deploy can happen in this hour (simulated: at the first possible instant, then again each 3h)
                p  inside the window, but the previous deploy was less than 3h ago
                B  blackout date
                .  outside the deploy window (hours or weekday)
                ~  the clock skips this hour (daylight saving); an hour it repeats is one cell
                   (blank) before the start
                """);
    }

    @Test
    void saysSoWhenNoDeployIsPossible() {
        String text = WindowSimulator.render(WindowSimulator.simulate(Snapshots.config(), la("2026-11-28T00:00"),
                Optional.empty(), 2));
        assertThat(text).contains("No deploy is possible in these 2 days.");
    }

    @Test
    void describesDaysCompactly() {
        assertThat(WindowSimulator.describe(window("  days: [MON, WED, FRI, SAT, SUN]\n  hours: '00:00-24:00'\n"
                + "  blackouts: []\n").window()))
                .isEqualTo("MON,WED,FRI-SUN 00:00-24:00 America/Los_Angeles, minInterval 1h, no blackouts");
    }

    @Test
    void rejectsAnEmptyHorizon() {
        assertThatThrownBy(() -> WindowSimulator.simulate(Snapshots.config(), la("2026-11-28T00:00"),
                Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
