package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import java.util.Optional;

/**
 * Holding and releasing automatic deploys of a repo, on the latest autobump PR (open, or the last closed one so
 * the hold carries to the next). GitHub is the only store: the hold label plus our marked comment with the reason.
 */
public interface DeployHolds {
    /** Holds deploys; returns the autobump PR that now carries the hold, if there is one. Idempotent. */
    Optional<PullRequest> hold(RepoConfig config, String by, String reason);

    /** Releases the hold; returns the PR it was released on, if any. Idempotent. */
    Optional<PullRequest> release(RepoConfig config, String by);
}
