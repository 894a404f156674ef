package io.prow.autodeploy.deploy;

import java.time.Instant;
import java.util.Optional;

/**
 * One gate's verdict: open, or closed with a reason a person can act on and, when known, the instant it opens.
 * {@code reason} is short: it ends up in a 140-character commit status.
 */
public record GateResult(String gate, boolean open, String reason, Optional<Instant> opensAt) {
    public static GateResult open(String gate, String reason) {
        return new GateResult(gate, true, reason, Optional.empty());
    }

    public static GateResult closed(String gate, String reason) {
        return new GateResult(gate, false, reason, Optional.empty());
    }

    public static GateResult closedUntil(String gate, String reason, Instant opensAt) {
        return new GateResult(gate, false, reason, Optional.of(opensAt));
    }
}
