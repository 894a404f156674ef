package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.Decision;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.rollback.AutobumpPulls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The closed PRs every decision reads its deploy history from ({@link AutobumpPulls#recentlyClosed}: 2 listings),
 * read once and reused until something could have changed them (issue 16: they were 2 requests per decision, and
 * every other merge changed the base branch's page, so each re-read was charged). A deploy is a merged PR, and a PR
 * is merged only by closing it, and its merge is a push to the base branch that changes files under
 * {@code autobump.paths} (a bump's or a rollback's diff is those files). So:
 * <ul>
 * <li>the closed autobump PRs ({@code head=<bot>:<branch>}) are read again after an opened, closed or reopened
 * autobump PR, after a push to the base branch whose commits touch {@code autobump.paths} ({@link #basePushed}),
 * when a {@code reconcileRepo} (the sweep, such a push, a merge, start-up) lists other open autobump PRs than the
 * last one did, including one open then none, or does not find open a bump a decision found open since
 * ({@link #openAutobumpsAre}, {@link #observer}), and otherwise at most once per {@link #AUTOBUMPS_MAX_AGE}. None
 * open at two listings in a row with no decision in between is no change (issue 16: re-reading on every sweep
 * while none was open, nights and whole weekends, was about a fifth of a quiet day's charged requests);</li>
 * <li>the base branch's recent page (only for our rollback PRs; every other merge changes it) is read again after
 * a closed or reopened rollback PR of ours, after such a push (a rollback's merge is one), and otherwise at most
 * once per {@link #RECENT_MAX_AGE}.</li>
 * </ul>
 * A deploy never starts on the cache: before adding the merge labels, {@code DeployReconciler.reconcileLocked}
 * calls {@link #forgetAll}, reads the snapshot again and decides on that read. Other uses delay (a gate kept
 * closed until the next read), add a hold (the hold carrier, a failed rollout) or show (the status page). A label
 * already added stays while a cached read agrees, as before this cache; the deploys the base page is for, our
 * rollbacks, hold automatic deploys first ({@code RollbackCommand}), and holds are read fresh on every decision.
 * So the worst a merge whose deliveries were all lost does is a stale "last deploy" for at most the max age.
 * A restart starts empty. One entry per configured repo that was read: bounded by the config.
 */
public final class ClosedPullsCache {
    /**
     * How stale the base branch's page may get without an event about one of our rollback PRs or a push touching
     * autobump.paths (two deliveries for each rollback merge; both lost is what this bounds). Shorter than the time
     * a rollback stays on the page: {@link AutobumpPulls#RECENT_PAGE} (50) closed PRs, about eight working hours at
     * a busy repo's 60 merges a day (issue 16's model), so a rollback whose deliveries were all lost is still read
     * before it leaves the page. Each re-read in working hours is charged (other merges change the page): hourly
     * re-reads were about ten charged requests a working day.
     */
    public static final Duration RECENT_MAX_AGE = Duration.ofHours(6);
    /**
     * How stale the closed autobump listing may get when neither an event nor a change in the open autobump PRs
     * said a bump closed (issue 16: every push to the base branch changes every PR listing's body, so re-reading
     * it on each sweep or push was charged about twenty times a working day for nothing).
     */
    public static final Duration AUTOBUMPS_MAX_AGE = Duration.ofHours(2);

    private record Entry(long generation, Instant readAt, List<PullRequest> pulls) {}

    private final PullRequests prs;
    private final Clock clock;
    private final Listing autobumps = new Listing();
    private final Listing recent = new Listing();
    // The open autobump PRs (numbers) the last listing found, per repo: one entry per configured repo.
    private final Map<RepoRef, java.util.Set<Integer>> lastOpen = new ConcurrentHashMap<>();
    // Autobump PRs (head branch) a decision found open since the last listing, per repo; each listing takes them.
    private final Map<RepoRef, java.util.Set<Integer>> decidedOpen = new ConcurrentHashMap<>();

    public ClosedPullsCache(PullRequests prs, Clock clock) {
        this.prs = prs;
        this.clock = clock;
    }

    /** The union of both listings, each cached (see the class), newest first, no repeats. */
    public List<PullRequest> get(RepoConfig c) {
        List<PullRequest> bumps = autobumps(c);
        return AutobumpPulls.union(bumps, recent(c));
    }

    /** The base branch's recent closed page alone, cached as in {@link #get} (read beside the autobump listing). */
    public List<PullRequest> recent(RepoConfig c) {
        return recent.get(c.repo(), RECENT_MAX_AGE, () -> AutobumpPulls.recentOnBase(prs, c));
    }

    /**
     * The closed autobump listing alone, cached as in {@link #get} (the command recovery's newest merged bump: the
     * sweep's reconcile has just read it when it could have changed, so a second listing in the same sweep is spared;
     * issue 16: sweeps are most of a week's requests).
     */
    public List<PullRequest> autobumps(RepoConfig c) {
        return autobumps.get(c.repo(), AUTOBUMPS_MAX_AGE, () -> AutobumpPulls.closedAutobumps(prs, c, 1));
    }

    /** An autobump PR opened, closed or reopened: read the autobump listing again. */
    public void forgetAutobumps(RepoRef repo) {
        autobumps.forget(repo);
    }

    /**
     * A push to the base branch whose commits touch {@code autobump.paths} ({@code PushedPaths}): a bump's or a
     * rollback's merge (one or two commits: always listed), maybe one whose pull_request event was lost, so both
     * listings are read again. A push whose files are unknown (20 commits or more, forced) is reconciled but forgets
     * nothing: no deploy merge is such a push, and the max ages bound the rest. Other PRs' merges forget nothing.
     */
    public void basePushed(RepoRef repo) {
        forgetAll(repo);
    }

    /**
     * A listing of the open autobump PRs (sweep, base-branch push, start-up): when the set differs from the last
     * one (one opened, one closed, one open then none), a bump opened, closed or was reopened without our seeing
     * its event, so the autobump listing is read again; so it is when a bump a decision found open since the last
     * listing is not open now ({@link #observer}). The same open bumps as last time, or none again, keep it: the
     * autobumper keeps one PR open, and a bump that opened and merged between two listings unseen by any decision
     * is seen by its merge's push ({@link #basePushed}) or at {@link #AUTOBUMPS_MAX_AGE}. Returns whether it was
     * forgotten.
     */
    public boolean openAutobumpsAre(RepoRef repo, List<PullRequest> open) {
        java.util.Set<Integer> numbers = open.stream().map(PullRequest::number)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        java.util.Set<Integer> was = lastOpen.put(repo, numbers);
        java.util.Set<Integer> decided = decidedOpen.remove(repo);
        if (!numbers.equals(was) || decided != null && !numbers.containsAll(decided)) {
            forgetAutobumps(repo);
            return true;
        }
        return false;
    }

    /**
     * Tells the cache of every decision: a bump decided on while open that the next listing does not find open has
     * closed, even if no listing ever found it open (opened and merged between two sweeps) and every delivery about
     * its merge was lost; {@link #openAutobumpsAre} then reads the autobump listing again. Only bumps from the
     * autobump head branch, the ones the listing finds: the set is emptied by each listing.
     */
    public DeployObserver observer() {
        return new DeployObserver() {
            @Override
            public void observed(Snapshot s, Decision d) {
                PullRequest pr = s.pr();
                if (pr.open() && s.config().autobump().headBranch().equals(pr.headRef())) {
                    decidedOpen.computeIfAbsent(s.config().repo(), r -> ConcurrentHashMap.newKeySet())
                            .add(pr.number());
                }
            }
        };
    }

    /** One of our rollback PRs closed or reopened: read both listings again. */
    public void forgetAll(RepoRef repo) {
        autobumps.forget(repo);
        recent.forget(repo);
    }

    /** Cached listings (for the benchmark's map sizes). */
    public int size() {
        return autobumps.entries.size() + recent.entries.size();
    }

    private final class Listing {
        final Map<RepoRef, AtomicLong> generations = new ConcurrentHashMap<>();
        final Map<RepoRef, Entry> entries = new ConcurrentHashMap<>();

        List<PullRequest> get(RepoRef repo, Duration maxAge, Supplier<List<PullRequest>> read) {
            long generation = generations.computeIfAbsent(repo, r -> new AtomicLong()).get();
            Instant now = clock.instant();
            Entry e = entries.get(repo);
            if (e != null && e.generation() == generation
                    && (maxAge == null || now.isBefore(e.readAt().plus(maxAge)))) {
                return e.pulls();
            }
            List<PullRequest> pulls = read.get();
            // A read that began before a forget() keeps its older generation, so it is never taken as fresh.
            entries.merge(repo, new Entry(generation, now, pulls),
                    (old, fresh) -> fresh.generation() >= old.generation() ? fresh : old);
            return pulls;
        }

        void forget(RepoRef repo) {
            AtomicLong g = generations.get(repo);
            if (g != null) {
                g.incrementAndGet();
            }
        }
    }
}
