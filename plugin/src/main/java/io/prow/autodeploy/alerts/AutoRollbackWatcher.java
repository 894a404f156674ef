package io.prow.autodeploy.alerts;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.Contents;
import io.prow.autodeploy.github.GitWrites;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.ledger.DeployHolds;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollback.DeployHistory;
import io.prow.autodeploy.rollback.PlanOutcome;
import io.prow.autodeploy.rollback.RollbackExecutor;
import io.prow.autodeploy.rollback.RollbackPlanner;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net's second half: when an Alertmanager notification shows a matching alert that started within the
 * watch after the latest autobump merge, hold deploys and (if enabled) open the rollback PR, exactly once per
 * incident (Alertmanager group and deployed tag).
 *
 * <p>Driven by webhook notifications only, not by the periodic alert poll: only a notification carries the groupKey
 * that names an incident and the labels to match, and Alertmanager re-sends it (retries on failure, then every
 * {@code repeat_interval} while firing), so a missed one comes back. The poll still keeps the gate closed meanwhile.
 *
 * <p>Once per incident, with GitHub as the only store: before acting, a claim comment with a hidden
 * {@link IncidentMarker} is posted on the merged autobump PR, and the oldest claim wins (a replica that loses the
 * race turns its own into a pointer). A claim left unfinished by a failure is completed by the next notification;
 * every step (hold, rollback PR) is idempotent. Within one replica a lock per repo serializes notifications.
 *
 * <p>Never a loop: when the newest deploy is a rollback PR, nothing is done.
 */
public final class AutoRollbackWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AutoRollbackWatcher.class);

    public enum Action { IGNORED, ALREADY_HANDLED, HELD, HELD_AND_ROLLBACK_OPENED, HELD_ROLLBACK_REFUSED }

    /** What one notification led to, for logs and tests. */
    public record Outcome(Action action, String detail) {
        static Outcome ignored(String why) {
            return new Outcome(Action.IGNORED, why);
        }
    }

    private final PullRequests prs;
    private final Comments comments;
    private final Labels labels;
    private final Contents contents;
    private final GitWrites git;
    private final DeployHolds holds;
    private final RollbackPlanner planner;
    // One lock per configured repo: bounded by the config, so the map never grows beyond it.
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private volatile java.util.function.BiFunction<RepoConfig, Deploy, Instant> watchFrom = (c, d) -> d.mergedAt();

    /** When the watch after a deploy starts: its merge by default; "running" when rollouts are followed. */
    public void setWatchFrom(java.util.function.BiFunction<RepoConfig, Deploy, Instant> watchFrom) {
        this.watchFrom = watchFrom;
    }

    /** Comments for the claims; the rest is what planning and opening a rollback PR take. */
    public AutoRollbackWatcher(PullRequests prs, Comments comments, Labels labels, Contents contents, GitWrites git,
                               DeployHolds holds) {
        this.prs = prs;
        this.comments = comments;
        this.labels = labels;
        this.contents = contents;
        this.git = git;
        this.holds = holds;
        this.planner = new RollbackPlanner(prs, contents);
    }

    /** Acts on one notification for one repo. GitHub failures propagate; the next notification continues. */
    public Outcome onNotification(RepoConfig config, AlertmanagerNotification n) {
        if (config.alerts().url().isEmpty()) {
            return Outcome.ignored("no Alertmanager configured for " + config.repo());
        }
        if (n.status() != AlertmanagerNotification.Status.FIRING) {
            return Outcome.ignored("notification is " + n.status());
        }
        if (!SuspectAlert.anyFiringAndMatching(config, n)) {
            return Outcome.ignored("no firing alert matches " + config.alerts().matchers());
        }
        synchronized (locks.computeIfAbsent(config.repo().toString(), k -> new Object())) {
            return locked(config, n);
        }
    }

    private Outcome locked(RepoConfig config, AlertmanagerNotification n) {
        DeployHistory history = DeployHistory.read(prs, config);
        Optional<Deploy> current = history.current();
        if (current.isEmpty()) {
            return Outcome.ignored("no deploy found");
        }
        Deploy deploy = current.get();
        if (deploy.kind() == Deploy.Kind.ROLLBACK) {
            return Outcome.ignored("the latest deploy (#" + deploy.number() + ") is a rollback; never roll back a"
                    + " rollback");
        }
        Optional<SuspectAlert> found = SuspectAlert.find(config, n, deploy, watchFrom.apply(config, deploy));
        if (found.isEmpty()) {
            return Outcome.ignored("no matching alert started within " + config.alerts().autoRollbackWatch()
                    + " after #" + deploy.number() + " deployed " + deploy.tag());
        }
        if (!RollbackPlanner.isSafeTag(config, deploy.tag())) {
            // The tag goes into a marker and a branch name; one we cannot write safely is left to people.
            LOG.warn("alert {} fired after deploying {}, but that tag is not safe to act on", found.get().name(),
                    deploy.tag());
            return Outcome.ignored("deployed tag is not a safe tag");
        }
        SuspectAlert suspect = found.get();
        IncidentMarker.Incident incident = IncidentMarker.Incident.of(n.groupKey(), deploy.tag());
        Optional<Comment> claim = claim(config, deploy, suspect, incident);
        if (claim.isEmpty()) {
            return new Outcome(Action.ALREADY_HANDLED, "incident " + incident + " already handled");
        }
        return act(config, deploy, suspect, incident, claim.get());
    }

    /** Our claim to act on the incident, or empty when it is done or another replica's claim is older. */
    private Optional<Comment> claim(RepoConfig config, Deploy deploy, SuspectAlert suspect,
                                    IncidentMarker.Incident incident) {
        List<IncidentMarker.Claim> claims = claims(config, deploy, incident);
        if (claims.stream().anyMatch(IncidentMarker.Claim::done)) {
            return Optional.empty();
        }
        if (!claims.isEmpty()) {
            return Optional.of(claims.get(0).comment()); // an attempt that failed half way: finish it
        }
        Comment mine = comments.createComment(config.repo(), deploy.number(), AutoRollbackComment.claim(config, deploy,
                suspect, incident.marker(IncidentMarker.State.WORKING)));
        // Read back: if another replica claimed at the same moment, the older comment wins and ours steps aside.
        List<IncidentMarker.Claim> after = claims(config, deploy, incident);
        Comment winner = after.isEmpty() ? mine : after.get(0).comment();
        if (winner.id() != mine.id()) {
            comments.editComment(config.repo(), mine.id(), AutoRollbackComment.duplicate(suspect, winner.htmlUrl()));
            return Optional.empty();
        }
        return Optional.of(mine);
    }

    private List<IncidentMarker.Claim> claims(RepoConfig config, Deploy deploy, IncidentMarker.Incident incident) {
        return IncidentMarker.claims(comments.comments(config.repo(), deploy.number()), comments.botLogin(), incident);
    }

    private Outcome act(RepoConfig config, Deploy deploy, SuspectAlert suspect, IncidentMarker.Incident incident,
                        Comment claim) {
        String reason = suspect.holdReason(deploy.tag());
        LOG.warn("{} in {}: holding deploys{}", reason, config.repo(),
                config.alerts().autoRollback() ? " and rolling back" : "");
        Optional<PullRequest> heldOn = holds.hold(config, comments.botLogin(), reason);
        AutoRollbackComment.Rollback rollback = rollback(config, deploy, heldOn);
        comments.editComment(config.repo(), claim.id(), AutoRollbackComment.done(config, deploy, suspect, heldOn,
                rollback, incident.marker(IncidentMarker.State.DONE)));
        if (rollback instanceof AutoRollbackComment.Rollback.Opened o) {
            return new Outcome(Action.HELD_AND_ROLLBACK_OPENED, reason + "; rollback PR #" + o.result().pr().number());
        }
        if (rollback instanceof AutoRollbackComment.Rollback.Refused r) {
            return new Outcome(Action.HELD_ROLLBACK_REFUSED, reason + "; " + r.message());
        }
        return new Outcome(Action.HELD, reason);
    }

    /** The rollback {@code /rollback} without a tag would open: same planner, same executor, same PR. */
    private AutoRollbackComment.Rollback rollback(RepoConfig config, Deploy deploy, Optional<PullRequest> heldOn) {
        if (!config.alerts().autoRollback()) {
            return new AutoRollbackComment.Rollback.Disabled();
        }
        PlanOutcome outcome = planner.plan(config, Optional.empty());
        if (outcome instanceof PlanOutcome.Refused refused) {
            return new AutoRollbackComment.Rollback.Refused(refused.message());
        }
        PlanOutcome.Planned planned = (PlanOutcome.Planned) outcome;
        // The executor holds first with its own reason ("rollback to X requested by ..."); the hold is already in
        // place with the alert's reason, which says more, so it is handed the hold instead of making a second one.
        RollbackExecutor executor = new RollbackExecutor(comments, prs, labels, contents, git, new AlreadyHeld(heldOn));
        try {
            var result = executor.execute(config, planned.plan(), comments.botLogin(), deploy.url());
            return new AutoRollbackComment.Rollback.Opened(result, planned.plan().toTag());
        } catch (io.prow.autodeploy.rollback.RollbackConflict conflict) {
            return new AutoRollbackComment.Rollback.Refused(conflict.getMessage());
        }
    }

    /** Deploys are already held; tells the executor where, and changes nothing. */
    private record AlreadyHeld(Optional<PullRequest> heldOn) implements DeployHolds {
        @Override
        public Optional<PullRequest> hold(RepoConfig config, String by, String reason) {
            return heldOn;
        }

        @Override
        public Optional<PullRequest> release(RepoConfig config, String by) {
            throw new UnsupportedOperationException("an automatic rollback never releases a hold");
        }
    }
}
