package io.prow.autodeploy.deploy.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/** One named row of a gate table: a snapshot at an instant, and the exact verdict expected. */
public record GateCase(String name, Snapshot snapshot, Instant now, boolean open, String reason, Optional<Instant> opensAt) {
    /** Friday 2026-11-27 10:00 in Los Angeles: inside the fixture's window. */
    public static final Instant FRIDAY_10AM = la("2026-11-27T10:00");

    public static GateCase open(String name, Snapshot s, Instant now, String reason) {
        return new GateCase(name, s, now, true, reason, Optional.empty());
    }

    public static GateCase closed(String name, Snapshot s, Instant now, String reason) {
        return new GateCase(name, s, now, false, reason, Optional.empty());
    }

    public static GateCase closedUntil(String name, Snapshot s, Instant now, String reason, Instant opensAt) {
        return new GateCase(name, s, now, false, reason, Optional.of(opensAt));
    }

    public static Instant la(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of("America/Los_Angeles")).toInstant();
    }

    /** Evaluates and checks every field, and that the reason fits a commit status. */
    void verify(Gate gate) {
        GateResult r = gate.evaluate(snapshot, now);
        assertThat(r.gate()).isEqualTo(gate.name());
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.open()).as("open").isEqualTo(open);
        assertThat(r.opensAt()).as("opensAt").isEqualTo(opensAt);
        assertThat(r.reason().length()).as("reason length").isLessThanOrEqualTo(Decision.STATUS_MAX);
    }

    @Override
    public String toString() {
        return name;
    }
}
