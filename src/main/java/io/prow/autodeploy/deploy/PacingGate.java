package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.GoDuration;
import java.time.Duration;
import java.time.Instant;

/** At least {@code window.minInterval} since the last autobump or rollback merged into the base branch. */
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
        if (s.lastDeploy().isEmpty() || min.isZero()) {
            return GateResult.open(NAME, "no recent deploy");
        }
        Deploy last = s.lastDeploy().get();
        Instant opens = last.mergedAt().plus(min);
        if (!now.isBefore(opens)) {
            return GateResult.open(NAME, GoDuration.format(min) + " since last deploy");
        }
        return GateResult.closedUntil(NAME, "Waiting: " + GoDuration.format(min) + " since last deploy ("
                + last.tag() + "), opens " + WindowGate.format(opens, s.config().window().timezone()), opens);
    }
}
