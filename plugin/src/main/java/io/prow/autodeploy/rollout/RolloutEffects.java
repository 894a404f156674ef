package io.prow.autodeploy.rollout;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.StatusState;
import io.prow.autodeploy.github.Statuses;
import io.prow.autodeploy.ledger.DeployHolds;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollback.DeployHistory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a rollout state changes on GitHub, as differences, idempotent:
 * <ul>
 *   <li>running, not yet recorded → our success status {@code <statusContext>/rollout} on the merge commit
 *       ("Running vX since …"), so "running since" survives restarts and replicas agree;</li>
 *   <li>failed or stuck → deploys held ({@link DeployHolds}) and one comment on the merged PR naming what failed and
 *       offering {@code /rollback <previous>}; once per deploy ({@link RolloutMarker}): after oncall releases the
 *       hold it is not set again for the same deploy;</li>
 *   <li>a failed deploy job that passes on retry → that one comment is edited to say so; the hold stays.</li>
 * </ul>
 */
public final class RolloutEffects {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutEffects.class);

    private final Comments comments;
    private final Statuses statuses;
    private final DeployHolds holds;
    // Deploys whose comment already says "passed on retry": no need to read the comments again (bounded by deploys).
    private final Set<String> retriedNoted = ConcurrentHashMap.newKeySet();

    public RolloutEffects(Comments comments, Statuses statuses, DeployHolds holds) {
        this.comments = comments;
        this.statuses = statuses;
        this.holds = holds;
    }

    /** {@code holdReason}: the reason of the hold now on the autobump PR, when known. Returns what was done. */
    public List<String> act(RepoConfig c, RolloutState s, List<PullRequest> closed, Optional<String> holdReason) {
        if (!c.rollout().enabled() || s.deploy().isEmpty()) {
            return List.of();
        }
        Deploy d = s.deploy().get();
        if (s.broken()) {
            return broken(c, s, d, closed);
        }
        List<String> done = new java.util.ArrayList<>();
        Optional<String> sha = RolloutFollower.mergeSha(closed, d);
        if (s.phase() == RolloutState.Phase.RUNNING && !s.recorded() && sha.isPresent()) {
            statuses.setStatus(c.repo(), sha.get(), StatusState.SUCCESS, RolloutTracker.recordContext(c),
                    RolloutTracker.recordDescription(d, s.runningSince().orElseThrow()), null);
            done.add("recorded " + d.tag() + " running");
        }
        boolean heldForThisJob = holdReason.filter(r -> r.startsWith("rollout of " + d.tag() + " failed")).isPresent();
        if (heldForThisJob && s.contextsPassed() && !c.rollout().contexts().isEmpty()
                && retriedNoted.add(c.repo() + " " + d.tag())) {
            done.addAll(passedOnRetry(c, d));
        }
        return done;
    }

    /**
     * The marked comment is posted before holding: holding reconciles the autobump PR, which follows the rollout
     * again and must find the marker (else it would hold again, and again). A replica that commented at the same
     * moment loses to the oldest comment and deletes its own. The comment then gets its final text.
     */
    private List<String> broken(RepoConfig c, RolloutState s, Deploy d, List<PullRequest> closed) {
        if (RolloutMarker.find(comments.comments(c.repo(), d.number()), comments.botLogin(), d.tag()).isPresent()) {
            return List.of(); // said and held once for this deploy; a released hold stays released
        }
        Optional<String> back = DeployHistory.of(c, closed).rollbackTarget().map(Deploy::tag);
        Comment mine = comments.createComment(c.repo(), d.number(), RolloutComment.broken(s, back, Optional.empty()));
        Optional<Comment> oldest = RolloutMarker.find(comments.comments(c.repo(), d.number()), comments.botLogin(),
                d.tag());
        if (oldest.isPresent() && oldest.get().id() != mine.id()) {
            comments.deleteComment(c.repo(), mine.id());
            return List.of();
        }
        String reason = RolloutComment.holdReason(s);
        LOG.warn("{} in {}: holding deploys", reason, c.repo());
        Optional<PullRequest> heldOn = holds.hold(c, comments.botLogin(), reason);
        comments.editComment(c.repo(), mine.id(), RolloutComment.broken(s, back, heldOn.map(PullRequest::number)));
        return List.of("held deploys: " + reason);
    }

    private List<String> passedOnRetry(RepoConfig c, Deploy d) {
        Optional<Comment> ours = RolloutMarker.find(comments.comments(c.repo(), d.number()), comments.botLogin(),
                d.tag());
        if (ours.isEmpty() || RolloutMarker.parse(ours.get().body()).orElseThrow().state()
                != RolloutMarker.State.FAILED) {
            return List.of();
        }
        comments.editComment(c.repo(), ours.get().id(),
                RolloutComment.retried(ours.get().body(), String.join(", ", c.rollout().contexts())));
        return List.of("noted the deploy job of " + d.tag() + " passed on retry");
    }
}
