package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.BreakingChangeGate;
import io.prow.autodeploy.deploy.gates.GateResult;
import io.prow.autodeploy.deploy.gates.PrMarkers;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.deploy.gates.SourceChanges;
import io.prow.autodeploy.deploy.reconcile.DeployReconciler;
import io.prow.autodeploy.deploy.reconcile.SnapshotReader;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.rollback.AutobumpPulls;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What oncall's {@code /approve-deploy} and {@code /deploy-now} decide, on the autobump PR the comment is on (or
 * the open one, from elsewhere). The result names the marker to write in the command's one reply: the reply is
 * the store, so a redelivered command re-renders the same reply and writes nothing. {@link #reconcile} then lets
 * the gates see it.
 */
public final class DeployOverrides {
    private static final Logger LOG = LoggerFactory.getLogger(DeployOverrides.class);

    private final PullRequests prs;
    private final Comments comments;
    private final SnapshotReader reader;
    private final DeployReconciler reconciler;
    private final Clock clock;
    private final Metrics metrics;

    public DeployOverrides(PullRequests prs, Comments comments, SnapshotReader reader, DeployReconciler reconciler,
                           Clock clock, Metrics metrics) {
        this.prs = prs;
        this.comments = comments;
        this.reader = reader;
        this.reconciler = reconciler;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The outcome of an override command. */
    public sealed interface Outcome {}

    /** No open autobump PR to act on. */
    public record NoBump() implements Outcome {}

    /** The breaking-change guard is open without an approval; {@code why} is its reason. */
    public record NothingToApprove(PullRequest pr, String why) implements Outcome {}

    /** The approval to write as a marker; {@code fresh} unless this very command is redelivered. */
    public record Approved(PullRequest pr, PrMarkers.Approval approval, SourceChanges changes, boolean fresh)
            implements Outcome {}

    /** The tag was approved before, by another comment. */
    public record AlreadyApproved(PullRequest pr, PrMarkers.Approval approval) implements Outcome {}

    /** The one-time override to write as a marker in the reply; {@code fresh} unless this command is redelivered. */
    public record DeployNowGranted(PullRequest pr, PrMarkers.DeployNow override, boolean fresh) implements Outcome {}

    /** The head SHA already has an override, from another comment. */
    public record DeployNowAlready(PullRequest pr, PrMarkers.DeployNow override) implements Outcome {}

    public Outcome approve(RepoConfig c, int number, boolean onPr, String by, String reason, long commentId) {
        Optional<Snapshot> found = target(c, number, onPr);
        if (found.isEmpty()) {
            return new NoBump();
        }
        Snapshot s = found.get();
        Optional<PrMarkers.Approval> existing = s.markers().approval();
        if (existing.isPresent() && existing.get().commentId() == commentId) {
            return new Approved(s.pr(), existing.get(), s.sourceChanges(), false);
        }
        Snapshot unapproved = s.withMarkers(new PrMarkers(true, Optional.empty(), s.markers().deployNow(),
                s.markers().retests(), s.markers().noticePosted()));
        GateResult guard = new BreakingChangeGate().evaluate(unapproved, clock.instant());
        if (guard.open() || s.tag().isEmpty()) {
            return new NothingToApprove(s.pr(), guard.reason());
        }
        if (existing.isPresent()) {
            return new AlreadyApproved(s.pr(), existing.get());
        }
        PrMarkers.Approval a = new PrMarkers.Approval(by, reason, s.tag().get(), commentId);
        LOG.info("@{} approved deploying {} on {}#{} past the breaking-change guard ({}): {}", by, a.tag(),
                c.repo(), s.pr().number(), guard.reason(), reason);
        return new Approved(s.pr(), a, s.sourceChanges(), true);
    }

    public Outcome deployNow(RepoConfig c, int number, boolean onPr, String by, String reason, long commentId) {
        Optional<Snapshot> found = target(c, number, onPr);
        if (found.isEmpty()) {
            return new NoBump();
        }
        Snapshot s = found.get();
        Optional<PrMarkers.DeployNow> existing = s.markers().deployNow();
        if (existing.isPresent()) {
            return existing.get().commentId() == commentId ? new DeployNowGranted(s.pr(), existing.get(), false)
                    : new DeployNowAlready(s.pr(), existing.get());
        }
        PrMarkers.DeployNow d = new PrMarkers.DeployNow(by, reason, s.pr().headSha(), commentId);
        LOG.info("@{} lets {}#{} ({}) skip the window and pacing once: {}", by, c.repo(), s.pr().number(),
                s.tag().orElse(s.pr().headSha()), reason);
        return new DeployNowGranted(s.pr(), d, true);
    }

    /**
     * Stores the marker of a granted override when the command was not on the PR itself ({@code commentedOn} is
     * another issue): in a comment of its own on the PR, once. Returns whether the reply must carry the marker
     * instead (the command was on the PR: one comment is enough).
     */
    public boolean storeElsewhere(RepoConfig c, int commentedOn, Outcome o, String by, String commentUrl) {
        PullRequest pr = o instanceof Approved a ? a.pr() : o instanceof DeployNowGranted g ? g.pr() : null;
        if (pr == null) {
            return false;
        }
        if (pr.number() == commentedOn) {
            return true;
        }
        boolean fresh = o instanceof Approved a ? a.fresh() : ((DeployNowGranted) o).fresh();
        if (fresh) {
            String marker = o instanceof Approved a ? PrMarkers.marker(a.approval())
                    : PrMarkers.marker(((DeployNowGranted) o).override());
            String what = o instanceof Approved ? "approved this version past the breaking-change guard"
                    : "lets this commit skip the deploy window and pacing once";
            comments.createComment(c.repo(), pr.number(), "@" + by + " " + what + " in " + commentUrl + ".\n" + marker);
        }
        return false;
    }

    /** After the reply carrying the marker was written: count a new override, and decide again on the PR. */
    public void afterReply(RepoConfig c, Outcome o) {
        if (o instanceof DeployNowGranted g) {
            if (g.fresh()) {
                metrics.deployNow.labelValues(c.repo().toString()).inc();
            }
            reconciler.reconcile(c, g.pr().number());
        } else if (o instanceof Approved a) {
            reconciler.reconcile(c, a.pr().number());
        }
    }

    /** The autobump PR the comment is on, else the newest open one; read with all markers. */
    private Optional<Snapshot> target(RepoConfig c, int number, boolean onPr) {
        Optional<PullRequest> pr = Optional.empty();
        if (onPr) {
            pr = Optional.of(prs.pullRequest(c.repo(), number))
                    .filter(p -> p.open() && AutobumpPulls.looksLikeAutobump(c, p));
        }
        if (pr.isEmpty()) {
            pr = AutobumpPulls.open(prs, c).stream().max(Comparator.comparingInt(PullRequest::number));
        }
        return pr.map(p -> reader.readFor(c, p, true).snapshot());
    }
}
