package io.prow.autodeploy.deploy.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollout.RolloutState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutGateTest {
    static final Instant MERGED = Instant.parse("2026-11-30T18:02:00Z"); // Mon 10:02 in Los Angeles
    static final Instant NOW = Instant.parse("2026-11-30T18:40:00Z");
    static final Deploy LAST = new Deploy(41, "v20261126-0123456", Deploy.Kind.AUTOBUMP, MERGED,
            "https://github.com/kubernetes/test-infra/pull/41");

    record Case(String name, String rolloutYaml, RolloutState state, boolean open, String reason,
                String pacingReason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static RolloutState state(RolloutState.Phase phase, String detail, Optional<Instant> since) {
        return new RolloutState(phase, Optional.of(LAST), detail, 4, 6,
                phase == RolloutState.Phase.FAILED ? Optional.of(new RolloutState.FailedJob("post-deploy",
                        "https://prow.k8s.io/view/1")) : Optional.empty(), List.of(), since, false, false);
    }

    static final String WAIT = "rollout: {contexts: [post-deploy]}";
    static final String PROCEED = "rollout: {contexts: [post-deploy], onUnknown: proceed}";

    static Stream<Case> cases() {
        return Stream.of(
                new Case("not followed: open, pacing from the merge", "{}", RolloutState.notFollowed(Optional.of(LAST)),
                        true, "rollout not followed",
                        "Waiting: last deploy (v20261126-0123456) under 1h ago, opens Mon Nov 30 11:02 America/Los_Angeles"),
                new Case("running: open, pacing from running", WAIT, state(RolloutState.Phase.RUNNING, "running",
                        Optional.of(MERGED.plusSeconds(20 * 60))), true, "v20261126-0123456 running",
                        "Waiting: last deploy (v20261126-0123456) under 1h ago, opens Mon Nov 30 11:22 America/Los_Angeles"),
                new Case("applying: waits", WAIT, state(RolloutState.Phase.APPLYING, "rolling out: 4/6 containers",
                        Optional.empty()), false, "Waiting: v20261126-0123456 rolling out: 4/6 containers", null),
                new Case("failed: blocked", WAIT, state(RolloutState.Phase.FAILED, "deploy job post-deploy failed",
                        Optional.empty()), false,
                        "Blocked: rollout of v20261126-0123456 failed: deploy job post-deploy failed", null),
                new Case("stuck: blocked", WAIT, state(RolloutState.Phase.STUCK,
                        "not running after 30m: deck not on v20261126-0123456", Optional.empty()), false,
                        "Blocked: rollout of v20261126-0123456 stuck: not running after 30m: deck not on v20261126-0123456",
                        null),
                new Case("unknown, onUnknown wait: waits saying so", WAIT, state(RolloutState.Phase.UNKNOWN,
                        "rollout unknown: Prometheus timed out", Optional.empty()), false,
                        "Waiting: v20261126-0123456 rollout unknown: Prometheus timed out", null),
                new Case("unknown, onUnknown proceed: open saying so", PROCEED, state(RolloutState.Phase.UNKNOWN,
                        "rollout unknown: Prometheus timed out", Optional.empty()), true,
                        "rollout unknown: Prometheus timed out, configured to proceed", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gate(Case c) {
        Snapshot base = Snapshots.autobump().config(c.rolloutYaml()).lastDeploy(LAST.tag(), MERGED).build();
        Snapshot s = base.withRollout(c.state());
        GateResult r = new RolloutGate().evaluate(s, NOW);
        assertEquals(c.open(), r.open());
        assertEquals(c.reason(), r.reason());
        if (c.state().phase() == RolloutState.Phase.FAILED) {
            assertEquals(Optional.of("https://prow.k8s.io/view/1"), r.link());
        }
        if (c.pacingReason() != null) {
            assertEquals(c.pacingReason(), new PacingGate().evaluate(s, NOW).reason());
        }
    }
}
