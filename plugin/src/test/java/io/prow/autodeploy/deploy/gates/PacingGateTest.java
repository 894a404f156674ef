package io.prow.autodeploy.deploy.gates;

import static io.prow.autodeploy.deploy.gates.GateCase.closedUntil;
import static io.prow.autodeploy.deploy.gates.GateCase.la;
import static io.prow.autodeploy.deploy.gates.GateCase.open;
import static io.prow.autodeploy.deploy.gates.Snapshots.autobump;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PacingGateTest {
    static final String LAST = "v20261126-0123456";
    static final Instant MERGED = la("2026-11-27T10:00");

    static Snapshot lastDeployAt10() {
        return autobump().lastDeploy(LAST, MERGED).build();
    }

    static Stream<GateCase> cases() {
        return Stream.of(
                closedUntil("59m since the last deploy", lastDeployAt10(), la("2026-11-27T10:59"),
                        "Waiting: last deploy (" + LAST + ") under 1h ago, opens Fri Nov 27 11:00 America/Los_Angeles",
                        la("2026-11-27T11:00")),
                closedUntil("one nanosecond short of 1h", lastDeployAt10(), la("2026-11-27T11:00").minusNanos(1),
                        "Waiting: last deploy (" + LAST + ") under 1h ago, opens Fri Nov 27 11:00 America/Los_Angeles",
                        la("2026-11-27T11:00")),
                open("exactly 60m since the last deploy", lastDeployAt10(), la("2026-11-27T11:00"),
                        "last deploy 1h or more ago"),
                open("no earlier deploy", autobump().build(), la("2026-11-27T10:01"), "no earlier deploy"),
                open("minInterval 0 opens a minute after a deploy",
                        autobump().config("window:\n  minInterval: '0'\n").lastDeploy(LAST, MERGED).build(),
                        la("2026-11-27T10:01"), "no pacing configured"),
                closedUntil("minInterval 1h30m, opensAt in the repo's zone", autobump()
                                .config("window:\n  minInterval: 1h30m\n").lastDeploy(LAST, MERGED).build(),
                        la("2026-11-27T10:01"), "Waiting: last deploy (" + LAST + ") under 1h30m ago, "
                                + "opens Fri Nov 27 11:30 America/Los_Angeles", la("2026-11-27T11:30")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(GateCase c) {
        c.verify(new PacingGate());
    }

    @Test
    void reasonStaysTheSameWhileWaitingSoTheStatusIsNotRewritten() {
        Snapshot s = lastDeployAt10();
        PacingGate gate = new PacingGate();
        String first = gate.evaluate(s, MERGED).reason();
        for (Duration d = Duration.ofMinutes(1); d.toMinutes() < 60; d = d.plusMinutes(1)) {
            assertThat(gate.evaluate(s, MERGED.plus(d)).reason()).as("after %s", d).isEqualTo(first);
        }
    }
}
