package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.deploy.gates.Decision;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.github.Comments;
import java.time.Instant;
import java.util.Optional;

/**
 * What a decision asks us to say on the PR besides labels and status: the breaking-change notice and the
 * {@code /retest} of a flaky failure. Runs under the PR's reconcile lock, after the decision and before applying it.
 */
public final class FollowUps {
    private final BreakingChangeNotice notice;
    private final FlakyRetrier retrier;

    public FollowUps(Comments comments) {
        this.notice = new BreakingChangeNotice(comments);
        this.retrier = new FlakyRetrier(comments);
    }

    /** The snapshot as it is after what was written, when something was; the caller decides again on it. */
    public Optional<Snapshot> act(Snapshot s, Decision d, Instant now) {
        if (!s.pr().open()) {
            return Optional.empty();
        }
        Optional<Snapshot> noticed = notice.postIfNeeded(s, d);
        Snapshot after = noticed.orElse(s);
        Optional<Snapshot> retried = retrier.retestIfFlaky(after, d, now);
        return retried.isPresent() ? retried : noticed;
    }
}
