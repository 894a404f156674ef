package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.ledger.HoldInfo;
import java.time.Instant;

/** No deploy hold: the hold label is not on the PR. The reader fills in who held and why from our comments. */
public final class HoldGate implements Gate {
    public static final String NAME = "hold";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "nobody holds deploys (/hold, the hold label)";
    }

    @Override
    public GateResult evaluate(Snapshot s, Instant now) {
        if (s.pr().hasLabel(s.config().hold().label()) || s.hold().isPresent()) {
            return GateResult.closed(NAME, s.hold().map(HoldInfo::describe)
                    .orElse("Held: " + s.config().hold().label() + " label"));
        }
        return GateResult.open(NAME, "not held");
    }
}
