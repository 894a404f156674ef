package io.prow.autodeploy.deploy;

import java.time.Instant;

/** Who held deploys and why; {@code by} and {@code reason} may be unknown when the label was added by hand. */
public record HoldInfo(String by, String reason, Instant since) {
    public String describe() {
        String who = by == null || by.isBlank() ? "hold label" : "@" + by;
        return reason == null || reason.isBlank() ? "Held by " + who : "Held by " + who + ": " + reason;
    }
}
