package io.prow.autodeploy.rollback;

/** What {@link RollbackPlanner} found: a plan, or why there is nothing to do. Both carry the history it read. */
public sealed interface PlanOutcome {
    DeployHistory history();

    record Planned(RollbackPlan plan, DeployHistory history) implements PlanOutcome {}

    /** {@code message} is safe to post: it never repeats the tag someone typed unless that tag was valid. */
    record Refused(Reason reason, String message, DeployHistory history) implements PlanOutcome {}

    enum Reason {
        INVALID_TAG,
        NO_DEPLOYS,
        NEVER_DEPLOYED,
        ALREADY_CURRENT,
        NO_EARLIER_DEPLOY,
        NO_BASE_BRANCH,
        NO_FILES,
        NOTHING_TO_CHANGE;

        /** The refusals where listing recent deploys helps the person pick a tag. */
        public boolean listsDeploys() {
            return this == INVALID_TAG || this == NEVER_DEPLOYED || this == NO_EARLIER_DEPLOY
                    || this == ALREADY_CURRENT;
        }
    }
}
