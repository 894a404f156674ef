package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollout.RolloutState;
import java.time.Instant;

/**
 * The last deploy runs before the next one lands: while it rolls out the bump waits, a failed or stuck rollout
 * blocks (and holds, see {@code rollout.RolloutEffects}), and an unknown one waits unless
 * {@code rollout.onUnknown: proceed}. Open when the rollout is not followed (no {@code rollout} configured).
 */
public final class RolloutGate implements Gate {
    public static final String NAME = "rollout";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the last deploy runs (its deploy job passed and every listed container runs its tag)";
    }

    @Override
    public GateResult evaluate(Snapshot s, Instant now) {
        RolloutState r = s.rollout();
        String tag = r.deploy().map(Deploy::tag).orElse("the last deploy");
        return switch (r.phase()) {
            case NOT_FOLLOWED -> GateResult.open(NAME, "rollout not followed");
            case RUNNING -> GateResult.open(NAME, tag + " running");
            case APPLYING -> GateResult.closed(NAME, "Waiting: " + tag + " " + r.detail());
            case FAILED, STUCK -> {
                GateResult closed = GateResult.closed(NAME, "Blocked: rollout of " + tag + " " + (r.phase()
                        == RolloutState.Phase.FAILED ? "failed: " : "stuck: ") + r.detail());
                yield r.failedJob().map(j -> j.url() == null ? closed : closed.withLink(j.url())).orElse(closed);
            }
            case UNKNOWN -> s.config().rollout().proceedWhenUnknown()
                    ? GateResult.open(NAME, r.detail() + ", configured to proceed")
                    : GateResult.closed(NAME, "Waiting: " + tag + " " + r.detail());
        };
    }
}
