package io.prow.autodeploy.deploy.gates;

import static io.prow.autodeploy.deploy.gates.GateCase.closed;
import static io.prow.autodeploy.deploy.gates.GateCase.closedUntil;
import static io.prow.autodeploy.deploy.gates.GateCase.la;
import static io.prow.autodeploy.deploy.gates.GateCase.open;
import static io.prow.autodeploy.deploy.gates.Snapshots.autobump;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WindowGateTest {
    static final String MONDAY_9 = "opens Mon Nov 30 09:00 America/Los_Angeles";
    static final String ALL_DAYS = "  days: [MON, TUE, WED, THU, FRI, SAT, SUN]\n";

    static Snapshot withWindow(String windowLines) {
        return autobump().config("window:\n" + windowLines).build();
    }

    static Stream<GateCase> cases() {
        Snapshot la = autobump().build();
        Snapshot laAllDays = withWindow(ALL_DAYS);
        Snapshot berlinAllDays = withWindow("  timezone: Europe/Berlin\n" + ALL_DAYS);
        return Stream.of(
                open("Friday 16:59 open", la, la("2026-11-27T16:59"), "inside the deploy window"),
                closedUntil("Friday 17:00 closed", la, la("2026-11-27T17:00"),
                        "Waiting: outside deploy hours, " + MONDAY_9, la("2026-11-30T09:00")),
                closedUntil("Saturday opens Monday 09:00", la, la("2026-11-28T11:00"),
                        "Waiting: no deploys on Saturdays, " + MONDAY_9, la("2026-11-30T09:00")),
                closedUntil("Monday before hours", la, la("2026-11-30T07:00"),
                        "Waiting: outside deploy hours, " + MONDAY_9, la("2026-11-30T09:00")),
                closedUntil("blackout over New Year opens the next allowed day after it", la,
                        la("2026-12-31T10:00"), "Waiting: blackout 2026-12-24..2027-01-02, "
                                + "opens Mon Jan 4 09:00 America/Los_Angeles", la("2027-01-04T09:00")),
                closedUntil("single-date blackout is named as one date",
                        withWindow("  blackouts: ['2026-11-26']\n"), la("2026-11-26T10:00"),
                        "Waiting: blackout 2026-11-26, opens Fri Nov 27 09:00 America/Los_Angeles",
                        la("2026-11-27T09:00")),
                closedUntil("LA spring forward 2027-03-14: 09:00 PDT", laAllDays, Instant.parse("2027-03-14T08:00:00Z"),
                        "Waiting: outside deploy hours, opens Sun Mar 14 09:00 America/Los_Angeles",
                        Instant.parse("2027-03-14T16:00:00Z")),
                closedUntil("LA fall back 2026-11-01: 09:00 PST", laAllDays, Instant.parse("2026-11-01T07:00:00Z"),
                        "Waiting: outside deploy hours, opens Sun Nov 1 09:00 America/Los_Angeles",
                        Instant.parse("2026-11-01T17:00:00Z")),
                closedUntil("Berlin spring forward 2027-03-28: 09:00 CEST", berlinAllDays,
                        Instant.parse("2027-03-28T00:30:00Z"),
                        "Waiting: outside deploy hours, opens Sun Mar 28 09:00 Europe/Berlin",
                        Instant.parse("2027-03-28T07:00:00Z")),
                closedUntil("Berlin fall back 2026-10-25: 09:00 CET", berlinAllDays,
                        Instant.parse("2026-10-24T23:30:00Z"),
                        "Waiting: outside deploy hours, opens Sun Oct 25 09:00 Europe/Berlin",
                        Instant.parse("2026-10-25T08:00:00Z")),
                closedUntil("hours 02:30-04:00 on spring forward open at the jump, 03:00 PDT",
                        withWindow(ALL_DAYS + "  hours: '02:30-04:00'\n"), Instant.parse("2027-03-14T09:00:00Z"),
                        "Waiting: outside deploy hours, opens Sun Mar 14 03:00 America/Los_Angeles",
                        Instant.parse("2027-03-14T10:00:00Z")),
                open("hours 01:30-04:00 open across the spring-forward jump",
                        withWindow(ALL_DAYS + "  hours: '01:30-04:00'\n"), Instant.parse("2027-03-14T10:00:00Z"),
                        "inside the deploy window"),
                closed("window that never opens", withWindow("  days: [SAT]\n  blackouts: ['2026-01-01..2030-12-31']\n"),
                        la("2026-11-27T10:00"), "Waiting: the deploy window never opens (check window config)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(GateCase c) {
        c.verify(new WindowGate());
    }

    /** The applier rewrites the status only when the text changes: a closed stretch must not count down. */
    @Test
    void weekendTextsChangeOnlyWithTheCauseAndAllNameTheSameOpening() {
        Snapshot s = autobump().build();
        WindowGate gate = new WindowGate();
        List<String> texts = new ArrayList<>(); // each text once per stretch in which it is shown
        for (Instant t = la("2026-11-27T17:00"); t.isBefore(la("2026-11-30T09:00")); t = t.plus(Duration.ofMinutes(7))) {
            GateResult r = gate.evaluate(s, t);
            assertThat(r.opensAt()).contains(la("2026-11-30T09:00"));
            if (texts.isEmpty() || !texts.get(texts.size() - 1).equals(r.reason())) {
                texts.add(r.reason());
            }
        }
        assertThat(texts).containsExactly(
                "Waiting: outside deploy hours, " + MONDAY_9,
                "Waiting: no deploys on Saturdays, " + MONDAY_9,
                "Waiting: no deploys on Sundays, " + MONDAY_9,
                "Waiting: outside deploy hours, " + MONDAY_9);
    }
}
