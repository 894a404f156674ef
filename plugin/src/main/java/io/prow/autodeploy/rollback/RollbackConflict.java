package io.prow.autodeploy.rollback;

/**
 * An open PR already holds the rollback's branch but is not the rollback the plan describes (someone else opened it,
 * or its changes differ): it is neither labelled nor reported as ours. The message is safe to post: it names only
 * the PR number, the branch and the planned tag (all ours), never text from that PR.
 */
public final class RollbackConflict extends RuntimeException {
    private final int number;
    private final String plannedTag;

    public RollbackConflict(int number, String plannedTag, String message) {
        super(message);
        this.number = number;
        this.plannedTag = plannedTag;
    }

    /** The tag the refused rollback was for (validated, safe to repeat). */
    public String plannedTag() {
        return plannedTag;
    }

    /** The conflicting PR. */
    public int number() {
        return number;
    }
}
