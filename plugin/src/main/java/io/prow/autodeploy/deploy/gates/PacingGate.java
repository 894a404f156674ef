package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.config.GoDuration;
import io.prow.autodeploy.rollback.Deploy;
import java.time.Duration;
import java.time.Instant;

/**
 * At least {@code window.minInterval} since the last autobump or rollback merged into the base branch.
 * The reason names the last tag and the opening instant, never a countdown: see {@link WindowGate}.
 */
public final class PacingGate implements Gate {
    public static final String NAME = "pacing";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "at least the minimum interval has passed since the last deploy merged";
    }

    @Override
    public GateResult evaluate(Snapshot s, Instant now) {
        Duration min = s.config().window().minInterval();
        if (min.isZero()) {
            return GateResult.open(NAME, "no pacing configured");
        }
        if (s.lastDeploy().isEmpty()) {
            return GateResult.open(NAME, "no earlier deploy");
        }
        Deploy last = s.lastDeploy().get();
        // With rollout followed, pacing counts from "running" (RolloutGate keeps the bump waiting until then).
        Instant opens = s.rollout().countFrom().orElse(last.mergedAt()).plus(min);
        if (!now.isBefore(opens)) {
            return GateResult.open(NAME, "last deploy " + GoDuration.format(min) + " or more ago");
        }
        return GateResult.closedUntil(NAME, "Waiting: last deploy (" + last.tag() + ") under "
                + GoDuration.format(min) + " ago, opens " + WindowGate.format(opens, s.config().window().timezone()),
                opens);
    }
}
