package io.prow.autodeploy.rollback;

import java.time.Instant;

/** A deploy that happened: an autobump or rollback PR merged into the base branch. */
public record Deploy(int number, String tag, Kind kind, Instant mergedAt, String url) {
    public enum Kind { AUTOBUMP, ROLLBACK }
}
