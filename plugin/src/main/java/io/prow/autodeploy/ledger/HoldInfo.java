package io.prow.autodeploy.ledger;

import java.time.Instant;

/** Who held deploys and why; {@code by} and {@code reason} may be unknown when the label was added by hand. */
public record HoldInfo(String by, String reason, Instant since) {
    public String describe() {
        String who = by == null || by.isBlank() ? "hold label" : "@" + by;
        return reason == null || reason.isBlank() ? "Held by " + who : "Held by " + who + ": " + reason;
    }

    /** {@link #describe()} for a GitHub comment: the holder named, the reason (people's text) escaped. */
    public String describeInComment() {
        String who = by == null || by.isBlank() ? "hold label"
                : "@" + io.prow.autodeploy.ledger.LedgerCodec.login(by);
        String why = io.prow.autodeploy.ledger.PeoplesText.escape(reason);
        return why.isBlank() ? "Held by " + who : "Held by " + who + ": " + why;
    }
}
