package io.prow.autodeploy.deploy.gates;

import java.time.Instant;

/**
 * One condition a deploy needs. Pure: no I/O, everything comes from the snapshot and {@code now}, so a gate is
 * table-tested without fakes. The list of gates is data ({@link Gates}); status, metrics and /help derive from it.
 */
public interface Gate {
    /** Stable short name, used in metrics labels ({@code gate="window"}) and logs. */
    String name();

    /** One line for /help and the README. */
    String description();

    GateResult evaluate(Snapshot snapshot, Instant now);
}
