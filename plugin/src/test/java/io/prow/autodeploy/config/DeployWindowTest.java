package io.prow.autodeploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.deploy.gates.Snapshots;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact openings and closings of {@link DeployWindow}, including the days the clock jumps. */
class DeployWindowTest {
    static final String LA = "America/Los_Angeles";
    static final String ALL_DAYS = "days: [MON, TUE, WED, THU, FRI, SAT, SUN]\n";

    static DeployWindow window(String windowYaml) {
        return new DeployWindow(Snapshots.base().mergeAt("window", windowYaml).repoConfig().window());
    }

    /** Wall time in a zone; for a repeated hour, the first pass (Java's default, the earlier offset). */
    static Instant at(String zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    record Case(String name, String windowYaml, Instant now, boolean open, Instant nextOpening, Instant closesAt) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String dst = "timezone: %s\n" + ALL_DAYS + "hours: '%s'\n";
        return Stream.of(
                new Case("Friday 16:59 open, closes 17:00", "{}", at(LA, "2026-11-27T16:59"), true,
                        at(LA, "2026-11-27T16:59"), at(LA, "2026-11-27T17:00")),
                new Case("Friday 17:00 closed, opens Monday 09:00", "{}", at(LA, "2026-11-27T17:00"), false,
                        at(LA, "2026-11-30T09:00"), at(LA, "2026-11-27T17:00")),
                new Case("Monday 08:59 opens in a minute", "{}", at(LA, "2026-11-30T08:59"), false,
                        at(LA, "2026-11-30T09:00"), at(LA, "2026-11-30T08:59")),
                new Case("Saturday opens Monday 09:00", "{}", at(LA, "2026-11-28T12:00"), false,
                        at(LA, "2026-11-30T09:00"), at(LA, "2026-11-28T12:00")),
                new Case("evening before the blackout opens after it, Monday Jan 4", "{}",
                        at(LA, "2026-12-23T17:30"), false, at(LA, "2027-01-04T09:00"), at(LA, "2026-12-23T17:30")),
                new Case("inside the blackout, New Year's Day working hours", "{}", at(LA, "2027-01-01T10:00"), false,
                        at(LA, "2027-01-04T09:00"), at(LA, "2027-01-01T10:00")),
                new Case("LA spring forward 2027-03-14 opens 09:00 PDT", dst.formatted(LA, "09:00-17:00"),
                        Instant.parse("2027-03-14T01:00:00Z"), false,
                        Instant.parse("2027-03-14T16:00:00Z"), Instant.parse("2027-03-14T01:00:00Z")),
                new Case("Berlin spring forward 2027-03-28 opens 09:00 CEST",
                        dst.formatted("Europe/Berlin", "09:00-17:00"), Instant.parse("2027-03-27T16:00:00Z"), false,
                        Instant.parse("2027-03-28T07:00:00Z"), Instant.parse("2027-03-27T16:00:00Z")),
                new Case("LA fall back 2026-11-01 opens 09:00 PST", dst.formatted(LA, "09:00-17:00"),
                        Instant.parse("2026-11-01T00:00:00Z"), false,
                        Instant.parse("2026-11-01T17:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")),
                new Case("Berlin fall back 2026-10-25 opens 09:00 CET, closes 17:00 CET",
                        dst.formatted("Europe/Berlin", "09:00-17:00"), Instant.parse("2026-10-25T08:00:00Z"), true,
                        Instant.parse("2026-10-25T08:00:00Z"), Instant.parse("2026-10-25T16:00:00Z")),
                new Case("LA spring forward, hours 01:30-04:00: opens 01:30 PST, lasts 1h30m",
                        dst.formatted(LA, "01:30-04:00"), Instant.parse("2027-03-14T08:00:00Z"), false,
                        Instant.parse("2027-03-14T09:30:00Z"), Instant.parse("2027-03-14T08:00:00Z")),
                new Case("LA spring forward, hours 01:30-04:00: open across the jump, closes 04:00 PDT",
                        dst.formatted(LA, "01:30-04:00"), Instant.parse("2027-03-14T09:59:00Z"), true,
                        Instant.parse("2027-03-14T09:59:00Z"), Instant.parse("2027-03-14T11:00:00Z")),
                new Case("LA spring forward, hours 02:30-04:00: start skipped, opens at the jump 03:00 PDT",
                        dst.formatted(LA, "02:30-04:00"), Instant.parse("2027-03-14T08:00:00Z"), false,
                        Instant.parse("2027-03-14T10:00:00Z"), Instant.parse("2027-03-14T08:00:00Z")),
                new Case("LA spring forward, hours 02:00-03:00 lie in the gap: opens the next day",
                        dst.formatted(LA, "02:00-03:00"), Instant.parse("2027-03-14T08:00:00Z"), false,
                        Instant.parse("2027-03-15T09:00:00Z"), Instant.parse("2027-03-14T08:00:00Z")),
                new Case("LA fall back, hours 01:30-04:00: opens at the first 01:30 (PDT)",
                        dst.formatted(LA, "01:30-04:00"), Instant.parse("2026-11-01T08:00:00Z"), false,
                        Instant.parse("2026-11-01T08:30:00Z"), Instant.parse("2026-11-01T08:00:00Z")),
                new Case("LA fall back, hours 01:30-04:00: closes while the clock repeats 01:00-01:30",
                        dst.formatted(LA, "01:30-04:00"), Instant.parse("2026-11-01T08:30:00Z"), true,
                        Instant.parse("2026-11-01T08:30:00Z"), Instant.parse("2026-11-01T09:00:00Z")),
                new Case("LA fall back, hours 01:30-04:00: reopens at the second 01:30 (PST), closes 04:00 PST",
                        dst.formatted(LA, "01:30-04:00"), Instant.parse("2026-11-01T09:00:00Z"), false,
                        Instant.parse("2026-11-01T09:30:00Z"), Instant.parse("2026-11-01T09:00:00Z")),
                new Case("LA fall back, hours 01:30-04:00: second stretch ends 04:00 PST",
                        dst.formatted(LA, "01:30-04:00"), Instant.parse("2026-11-01T09:30:00Z"), true,
                        Instant.parse("2026-11-01T09:30:00Z"), Instant.parse("2026-11-01T12:00:00Z")),
                new Case("LA fall back, hours 00:00-01:30: closes at first 01:30 PDT",
                        dst.formatted(LA, "00:00-01:30"), Instant.parse("2026-11-01T08:00:00Z"), true,
                        Instant.parse("2026-11-01T08:00:00Z"), Instant.parse("2026-11-01T08:30:00Z")),
                new Case("LA fall back, hours 00:00-01:30: reopens for the second pass at 01:00 PST",
                        dst.formatted(LA, "00:00-01:30"), Instant.parse("2026-11-01T08:30:00Z"), false,
                        Instant.parse("2026-11-01T09:00:00Z"), Instant.parse("2026-11-01T08:30:00Z")),
                new Case("hours to 24:00 then 00:00 the next day: one stretch over midnight",
                        "timezone: UTC\ndays: [FRI, SAT]\nhours: '00:00-24:00'\n", Instant.parse("2026-11-27T10:00:00Z"),
                        true, Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-29T00:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opensAndClosesExactly(Case c) {
        DeployWindow w = window(c.windowYaml());
        assertThat(w.isOpen(c.now())).as("isOpen").isEqualTo(c.open());
        assertThat(w.nextOpening(c.now())).as("nextOpening").contains(c.nextOpening());
        assertThat(w.closesAt(c.now())).as("closesAt").contains(c.closesAt());
    }

    @Test
    void windowWithNoAllowedDayWithinTheHorizonNeverOpens() {
        DeployWindow w = window("days: [MON]\nblackouts: ['2026-01-01..2029-12-31']\n");
        assertThat(w.nextOpening(at(LA, "2026-11-27T10:00"))).isEmpty();
        // Just inside the horizon it is found: the first Monday after the blackout.
        assertThat(w.nextOpening(at(LA, "2027-12-01T10:00"))).contains(at(LA, "2030-01-07T09:00"));
    }

    @Test
    void windowOpenEveryMinuteNeverCloses() {
        DeployWindow w = window("timezone: UTC\n" + ALL_DAYS + "hours: '00:00-24:00'\nblackouts: []\n");
        assertThat(w.closesAt(Instant.parse("2026-11-27T23:59:59.999999999Z"))).isEmpty();
    }

    @Test
    void boundedSearchStopsAtItsLimit() {
        DeployWindow w = window("{}");
        Instant fridayEvening = at(LA, "2026-11-27T18:00");
        assertThat(w.nextOpening(fridayEvening, at(LA, "2026-11-30T09:00"))).isEmpty();
        assertThat(w.nextOpening(fridayEvening, at(LA, "2026-11-30T09:01"))).contains(at(LA, "2026-11-30T09:00"));
    }

    static Stream<Arguments> oracleCases() {
        return Stream.of(
                Arguments.of("LA working hours, spring", LA, "09:00-17:00", "2027-03-12T00:00"),
                Arguments.of("LA 01:30-04:00, spring", LA, "01:30-04:00", "2027-03-12T00:00"),
                Arguments.of("LA 02:30-02:45, spring (wholly in the gap)", LA, "02:30-02:45", "2027-03-12T00:00"),
                Arguments.of("LA 00:00-01:30, fall", LA, "00:00-01:30", "2026-10-30T00:00"),
                Arguments.of("LA 01:15-01:45, fall (inside the repeated hour)", LA, "01:15-01:45", "2026-10-30T00:00"),
                Arguments.of("Berlin 02:00-24:00, spring", "Europe/Berlin", "02:00-24:00", "2027-03-26T00:00"),
                Arguments.of("Berlin 02:30-03:30, fall", "Europe/Berlin", "02:30-03:30", "2026-10-23T00:00"),
                Arguments.of("Lord Howe 01:45-02:15, half-hour shift", "Australia/Lord_Howe", "01:45-02:15",
                        "2026-10-02T00:00"));
    }

    /**
     * Against a brute-force oracle: scan minute by minute (every boundary here is on a whole minute) and check that
     * nextOpening and closesAt name the first minute whose isOpen differs, from every start minute of five days.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCases")
    void agreesWithMinuteByMinuteScan(String name, String zone, String hours, String from) {
        DeployWindow w = window("timezone: " + zone + "\n" + ALL_DAYS + "hours: '" + hours + "'\nblackouts: []\n");
        Instant t0 = at(zone, from);
        int minutes = 5 * 24 * 60;
        boolean[] open = new boolean[minutes];
        for (int i = 0; i < minutes; i++) {
            open[i] = w.isOpen(t0.plus(Duration.ofMinutes(i)));
        }
        int[] nextFlip = new int[minutes]; // first j >= i with open[j] != open[i], or -1
        for (int i = minutes - 1; i >= 0; i--) {
            nextFlip[i] = i + 1 < minutes ? (open[i + 1] != open[i] ? i + 1 : nextFlip[i + 1]) : -1;
        }
        int checked = 0;
        for (int i = 0; i < minutes; i++) {
            if (nextFlip[i] < 0) {
                continue;
            }
            Instant now = t0.plus(Duration.ofMinutes(i));
            Instant flip = t0.plus(Duration.ofMinutes(nextFlip[i]));
            Optional<Instant> expectedOpening = Optional.of(open[i] ? now : flip);
            Optional<Instant> expectedClose = Optional.of(open[i] ? flip : now);
            assertThat(w.nextOpening(now)).as("nextOpening from %s", ZonedDateTime.ofInstant(now, w.zone()))
                    .isEqualTo(expectedOpening);
            assertThat(w.closesAt(now)).as("closesAt from %s", ZonedDateTime.ofInstant(now, w.zone()))
                    .isEqualTo(expectedClose);
            checked++;
        }
        assertThat(checked).isGreaterThan(minutes / 2);
    }

    @Test
    void fixtureWindowIsWhatTheTablesAssume() {
        RepoConfig.Window w = Snapshots.config().window();
        assertThat(w.timezone()).isEqualTo(ZoneId.of(LA));
        assertThat(w.minInterval()).isEqualTo(Duration.ofHours(1));
    }
}
