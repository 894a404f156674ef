package io.prow.autodeploy.rollout;

import io.prow.autodeploy.rollback.Deploy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the latest deploy of a repo stands: merged → applying → running, or failed / stuck / unknown.
 * {@code NOT_FOLLOWED}: no {@code rollout} configured, a merged deploy counts as running at its merge.
 * {@code detail} is short, stable for a given state (no countdown) and free of user text except the job name.
 * {@code recorded}: "running since" was read back from our status on the merge commit (nothing to write);
 * {@code contextsPassed}: every {@code rollout.contexts} entry succeeded on the merge commit.
 */
public record RolloutState(Phase phase, Optional<Deploy> deploy, String detail, int ready, int total,
                           Optional<FailedJob> failedJob, List<String> notOnTag, Optional<Instant> runningSince,
                           boolean recorded, boolean contextsPassed) {
    public enum Phase { NOT_FOLLOWED, APPLYING, RUNNING, FAILED, STUCK, UNKNOWN }

    /** A deploy context that failed: the job's name and its link (Prow's job page). */
    public record FailedJob(String context, String url) {}

    public RolloutState {
        notOnTag = List.copyOf(notOnTag);
    }

    public static RolloutState notFollowed(Optional<Deploy> deploy) {
        return new RolloutState(Phase.NOT_FOLLOWED, deploy, "merged (rollout not followed)", 0, 0,
                Optional.empty(), List.of(), deploy.map(Deploy::mergedAt), true, true);
    }

    /** Whether the deploy is known to run (or is taken to, when not followed). */
    public boolean running() {
        return phase == Phase.RUNNING || phase == Phase.NOT_FOLLOWED;
    }

    /** A failed or stuck rollout: deploys are held and one comment explains it. */
    public boolean broken() {
        return phase == Phase.FAILED || phase == Phase.STUCK;
    }

    /** When pacing and the alert watch count from: the running time when known, else the merge. */
    public Optional<Instant> countFrom() {
        return runningSince.or(() -> deploy.map(Deploy::mergedAt));
    }

    /** "4/6 containers" when Prometheus is followed, else empty. */
    public String containers() {
        return total == 0 ? "" : ready + "/" + total + " containers";
    }
}
