package io.prow.autodeploy.deploy.reconcile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.prow.autodeploy.config.DeployWindow;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.Decision;
import io.prow.autodeploy.deploy.gates.GateResult;
import io.prow.autodeploy.deploy.gates.Gates;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.deploy.schedule.DeployScheduler;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.ledger.HoldInfo;
import io.prow.autodeploy.rollback.AutobumpPulls;
import io.prow.autodeploy.rollout.RolloutEffects;
import io.prow.autodeploy.rollout.RolloutState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one path every deploy decision takes: read a snapshot, carry a hold if needed, decide (pure), apply the
 * difference, and ask to be woken when time alone will change the answer. One PR is reconciled by one thread at a
 * time (a lock per PR), so concurrent events for a PR cannot interleave their reads and writes.
 */
public final class DeployReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(DeployReconciler.class);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private final PullRequests prs;
    private final SnapshotReader reader;
    private final Gates gates;
    private final Applier applier;
    private final HoldCarrier carrier;
    private final Clock clock;
    private final DeployObserver observer;
    private final FollowUps followUps;
    private volatile DeployScheduler scheduler;
    private volatile java.util.function.Supplier<Optional<String>> blocker = Optional::empty;
    private volatile RolloutEffects rolloutEffects;
    // Weak values: a lock lives while some thread holds or waits for it, so PRs long gone do not pile up.
    private final Cache<String, ReentrantLock> locks = Caffeine.newBuilder().weakValues().build();

    /** {@code comments} and {@code labels}: for the collaborators that carry holds and post follow-ups. */
    public DeployReconciler(PullRequests prs, Comments comments, Labels labels, SnapshotReader reader, Gates gates,
                            Applier applier, Clock clock, DeployObserver observer) {
        this.prs = prs;
        this.reader = reader;
        this.gates = gates;
        this.applier = applier;
        this.carrier = new HoldCarrier(comments, labels, clock);
        this.clock = clock;
        this.observer = observer;
        this.followUps = new FollowUps(comments);
    }

    /** Why no deploy may happen right now whatever the gates say (a config that failed to reload), if anything. */
    public void setBlocker(java.util.function.Supplier<Optional<String>> blocker) {
        this.blocker = blocker;
    }

    /** Hold on a failed or stuck rollout, record "running" on the merge commit (repos with {@code rollout}). */
    public void setRolloutEffects(RolloutEffects effects) {
        this.rolloutEffects = effects;
    }

    private List<String> rolloutEffects(RepoConfig c, RolloutState state, List<PullRequest> closed,
                                        Optional<String> holdReason) {
        RolloutEffects e = rolloutEffects;
        return e == null || blocker.get().isPresent() ? List.of() : e.act(c, state, closed, holdReason);
    }

    /** Where the deploy history is cached ({@link ClosedPullsCache}): events and the sweep say when to re-read. */
    public ClosedPullsCache history() {
        return reader.history();
    }

    public void setScheduler(DeployScheduler scheduler) {
        this.scheduler = scheduler;
    }

    public static String key(RepoConfig c, int number) {
        return c.repo() + "#" + number;
    }

    /** Runs {@code action} holding the PR's lock, so it cannot interleave with a reconcile of the same PR. */
    public <T> T withLock(RepoConfig c, int number, java.util.function.Supplier<T> action) {
        ReentrantLock lock = locks.get(key(c, number), k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Reconciles one PR; returns the decision, or empty when the PR is not an autobump PR or reading failed. */
    public Optional<Decision> reconcile(RepoConfig c, int number) {
        return reconcile(c, number, Optional.empty());
    }

    /** {@code report}: the triggering event was a CI report (see {@link StatusReport}: maybe nothing read). */
    public Optional<Decision> reconcile(RepoConfig c, int number, Optional<StatusReport> report) {
        return reconcile(c, number, report, Optional.empty());
    }

    /**
     * {@code pr} as a listing just read carried it (the sweep, a push to the base branch): the decision is made on it
     * without reading the PR again (issue 16); a deploy still reads it again before adding the merge label (issue
     * 17.12). Not for webhook payloads: a redelivered or late one carries old labels.
     */
    public Optional<Decision> reconcile(RepoConfig c, PullRequest pr) {
        return reconcile(c, pr.number(), Optional.empty(), Optional.of(pr));
    }

    private Optional<Decision> reconcile(RepoConfig c, int number, Optional<StatusReport> report,
                                         Optional<PullRequest> given) {
        ReentrantLock lock = locks.get(key(c, number), k -> new ReentrantLock());
        lock.lock();
        try (var pr = MDC.putCloseable("pr", Integer.toString(number));
             var org = MDC.putCloseable("org", c.repo().owner());
             var repo = MDC.putCloseable("repo", c.repo().name())) {
            return reconcileLocked(c, number, report, given);
        } catch (GitHubException e) {
            Duration wait = e.retryAfter().filter(d -> d.compareTo(RETRY_AFTER_FAILURE) > 0)
                    .orElse(RETRY_AFTER_FAILURE);
            observer.failed(c);
            if (e.isTransient()) {
                LOG.warn("reconcile of {} failed (GitHub {}: {}); retrying in {}s or on the next event",
                        key(c, number), e.status(), e.getMessage(), wait.toSeconds());
                DeployScheduler s = scheduler;
                if (s != null) {
                    s.wakeNotBefore(key(c, number), clock.instant().plus(wait));
                }
            } else {
                LOG.warn("reconcile of {} failed (GitHub {}: {}); not retried until the next event or sweep",
                        key(c, number), e.status(), e.getMessage());
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private Optional<Decision> reconcileLocked(RepoConfig c, int number, Optional<StatusReport> report,
                                               Optional<PullRequest> given) {
        if (report.isPresent() && given.isEmpty() && reader.cannotChange(c, report.get())) {
            // A CI report while the head shows the hold, or a start or a success that leaves the tests running while
            // it shows "tests not finished": it cannot change a gate or the status, so nothing is read or written;
            // the report is kept with the head's checks (issue 16). A failed write leaves GitHub's text as read, so
            // the retry or the sweep decides again.
            LOG.debug("{} {} on {}: the status shown cannot change, no reads", report.get().state(),
                    report.get().context(), key(c, number));
            return Optional.empty();
        }
        Optional<Reading> read = given.isPresent() ? reader.read(c, given.get()) : reader.read(c, number, report);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Reading reading = read.get();
        PullRequest pr = reading.snapshot().pr();
        // The read writes nothing: what the hold needs (carried to a new bump, its label put back) is planned from
        // what was read, written as its own apply step, then read again so the decision sees the hold it wrote.
        Optional<HoldCarrier.Repair> repair = carrier.plan(c, pr, reading);
        if (repair.isPresent()) {
            carrier.write(c, pr, repair.get());
            reading = reader.readFor(c, prs.pullRequest(c.repo(), number));
        }
        Snapshot s = reading.snapshot();
        List<String> rolled = rolloutEffects(c, s.rollout(), reading.recentlyClosed(),
                s.hold().map(HoldInfo::reason));
        if (!rolled.isEmpty()) {
            LOG.info("rollout of {}: {}", c.repo(), String.join("; ", rolled));
        }
        if (!pr.open()) {
            observer.observed(reading, null);
            return Optional.empty();
        }
        Instant now = clock.instant();
        Decision d = gates.evaluate(s, now);
        Optional<String> headRead = Optional.empty();
        if (d.deploy() && !c.merge().labels().stream().allMatch(pr::hasLabel)) {
            // Fail-safe: label for Tide only on a history read now, never on the cached one (ClosedPullsCache): a
            // listing GitHub cannot answer must stop the deploy, as it did before the cache. Once per deploy.
            // The checks and ledger were read by this decision (never folded from events when it deploys:
            // StatusReport), so only the history is read again. Beside it, the PR is read once more for the head the
            // Applier compares before the label (issue 17.12; also for a sweep's decision on a listing's PR): after
            // every read the decision rests on, and one GitHub round trip less on the way to every deploy than
            // reading it after the history.
            try (ParallelReads side = new ParallelReads()) {
                var head = side.start(() -> prs.pullRequest(c.repo(), number).headSha());
                reading = reader.withFreshHistory(c, reading);
                headRead = Optional.of(ParallelReads.join(head));
            }
            s = reading.snapshot();
            d = gates.evaluate(s, now);
        }
        Optional<String> blocked = blocker.get();
        if (blocked.isPresent()) {
            // Fail-safe: an admin's config change did not take effect; deploy nothing (and comment nothing).
            d = d.blockedBy(GateResult.closed("config", blocked.get()));
        } else {
            Optional<Snapshot> followed = followUps.act(s, d, now); // breaking-change notice, /retest of a flake
            if (followed.isPresent()) {
                s = followed.get();
                d = gates.evaluate(s, now);
                headRead = Optional.empty(); // it wrote since: the Applier reads the head again, right before
            }
        }
        List<String> done = applier.apply(s, d, headRead);
        // GitHub shows it now (issue 16: held reads, CI starts while not finished). Also after a deploy's success:
        // the head's known checks must not keep the "not finished" read before it.
        reader.shown(c, s.pr().headSha(), d.statusState(), d.statusText(),
                d.firstClosed().map(GateResult::gate).orElse(null));
        LOG.info("decision on {}: {} ({}){}", key(c, number), d.deploy() ? "deploy" : "wait", d.statusText(),
                done.isEmpty() ? ", nothing to change" : ", " + String.join("; ", done));
        observer.observed(new Reading(s, reading.recentlyClosed()), d); // the snapshot the decision was made on
        // A deploy the window does not cover (oncall's /deploy-now) has no closing to wait for: not "now" again.
        Optional<Instant> next = d.deploy()
                ? new DeployWindow(c.window()).closesAt(now).filter(now::isBefore) : d.nextEvaluation();
        next.ifPresent(at -> wake(c, number, at));
        return Optional.of(d);
    }

    /**
     * Reconciles every open autobump PR of a repo: periodic sweeps, pushes to the base branch, start-up. Returns
     * them (empty when listing failed), so the sweep's command recovery need not list them again.
     */
    public List<PullRequest> reconcileRepo(RepoConfig c) {
        List<PullRequest> open;
        try {
            open = AutobumpPulls.open(prs, c);
        } catch (GitHubException e) {
            LOG.warn("listing autobump PRs of {} failed (GitHub {}: {}); the next sweep retries",
                    c.repo(), e.status(), e.getMessage());
            observer.failed(c);
            return List.of();
        }
        observer.openAutobumps(c, open);
        // Sweeps, base-branch pushes, merges, start-up: the closed autobump listing is read again when the open
        // autobump PRs differ from the last listing's (a bump opened or closed: a missed event costs at most one
        // sweep interval), after a push touching autobump.paths, else at most every two hours: other PRs' merges
        // change every listing's body, so each re-read was charged (ClosedPullsCache).
        reader.history().openAutobumpsAre(c.repo(), open);
        if (open.isEmpty()) {
            // No bump to reconcile, so nothing else reads the history: one (ETag-cached) read keeps the deployed
            // version known after a restart and notices a rollback merged while no bump is open.
            try {
                List<PullRequest> closed = reader.recentlyClosed(c);
                RolloutState rollout = reader.rollout(c, closed);
                List<String> rolled = rolloutEffects(c, rollout, closed, Optional.empty());
                if (!rolled.isEmpty()) {
                    LOG.info("rollout of {}: {}", c.repo(), String.join("; ", rolled));
                }
                observer.rollout(c, rollout);
                observer.history(c, closed);
            } catch (GitHubException e) {
                observer.failed(c);
            }
        }
        open.forEach(pr -> reconcile(c, pr)); // the listing just read is the PR's snapshot: not read again
        return open;
    }

    private void wake(RepoConfig c, int number, Instant at) {
        DeployScheduler s = scheduler;
        if (s != null) {
            s.wakeAt(key(c, number), at);
        }
    }
}
