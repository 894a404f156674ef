package io.prow.autodeploy.deploy.gates;

import java.time.Instant;
import java.util.Optional;

/**
 * One gate's verdict: open, or closed with a reason a person can act on and, when known, the instant it opens.
 * {@code reason} is short: it ends up in a 140-character commit status.
 */
public record GateResult(String gate, boolean open, String reason, Optional<Instant> opensAt, Optional<String> link) {
    public GateResult(String gate, boolean open, String reason, Optional<Instant> opensAt) {
        this(gate, open, reason, opensAt, Optional.empty());
    }

    /** The same verdict with a page that explains it (the status links there), e.g. GitHub's compare view. */
    public GateResult withLink(String url) {
        return new GateResult(gate, open, reason, opensAt, Optional.ofNullable(url));
    }

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
