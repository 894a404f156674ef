package io.prow.autodeploy.deploy.gates;

import static io.prow.autodeploy.deploy.gates.GateCase.FRIDAY_10AM;
import static io.prow.autodeploy.deploy.gates.GateCase.la;
import static io.prow.autodeploy.deploy.gates.Snapshots.autobump;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.StatusState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionTest {
    record Case(String name, Snapshot snapshot, Instant now, boolean deploy, StatusState state, String text,
            Optional<Instant> nextEvaluation) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("all gates open", autobump().build(), FRIDAY_10AM, true, StatusState.SUCCESS,
                        "Deploying v20261127-abc1234 (all gates open)", Optional.empty()),
                new Case("untrusted fails (a person should look)", autobump().author("mallory").build(), FRIDAY_10AM,
                        false, StatusState.FAILURE, "Not trusted: @mallory is not an autobump author",
                        Optional.empty()),
                new Case("the first closed gate in order is named: hold before tests (a held PR says held)",
                        autobump().check("e2e", Check.State.FAILURE).labels("do-not-merge/hold").build(), FRIDAY_10AM,
                        false, StatusState.PENDING, "Held: do-not-merge/hold label", Optional.empty()),
                new Case("not held: failed tests are named", autobump().check("e2e", Check.State.FAILURE).build(),
                        FRIDAY_10AM, false, StatusState.PENDING, "Waiting: tests failed: e2e", Optional.empty()),
                new Case("held: pending, nothing to wake up for", autobump().labels("do-not-merge/hold").build(),
                        FRIDAY_10AM, false, StatusState.PENDING, "Held: do-not-merge/hold label", Optional.empty()),
                new Case("window named, but wake at the earlier pacing opening", autobump()
                        .lastDeploy("v20261126-0123456", la("2026-11-27T16:30")).build(), la("2026-11-27T17:00"),
                        false, StatusState.PENDING,
                        "Waiting: outside deploy hours, opens Mon Nov 30 09:00 America/Los_Angeles",
                        Optional.of(la("2026-11-27T17:30"))),
                new Case("pacing only", autobump().lastDeploy("v20261126-0123456", la("2026-11-27T09:30")).build(),
                        FRIDAY_10AM, false, StatusState.PENDING, "Waiting: last deploy (v20261126-0123456) under 1h "
                        + "ago, opens Fri Nov 27 10:30 America/Los_Angeles", Optional.of(la("2026-11-27T10:30"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        Decision d = Gates.standard().evaluate(c.snapshot(), c.now());
        assertThat(d.deploy()).as("deploy").isEqualTo(c.deploy());
        assertThat(d.statusState()).as("state").isEqualTo(c.state());
        assertThat(d.statusText()).as("text").isEqualTo(c.text());
        assertThat(d.nextEvaluation()).as("nextEvaluation").isEqualTo(c.nextEvaluation());
        assertThat(d.results()).extracting(GateResult::gate)
                .containsExactly("trusted", "hold", "tests", "alerts", "rollout", "breaking-changes", "window", "pacing");
    }

    @Test
    void overlongReasonIsCutTo140Characters() {
        String longPath = "hack/" + "very-long-directory-name/".repeat(8) + "script.sh";
        Decision d = Gates.standard().evaluate(autobump().files(longPath).build(), FRIDAY_10AM);
        assertThat(d.firstClosed().orElseThrow().reason()).hasSizeGreaterThan(Decision.STATUS_MAX);
        assertThat(d.statusText()).hasSize(Decision.STATUS_MAX).startsWith("Not trusted: hack/").endsWith("…");
    }

    @Test
    void successTextWithoutATagStillReads() {
        Decision d = new Decision(List.of(GateResult.open("x", "fine")), Optional.empty());
        assertThat(d.statusText()).isEqualTo("Deploying this bump (all gates open)");
        assertThat(d.statusState()).isEqualTo(StatusState.SUCCESS);
    }
}
