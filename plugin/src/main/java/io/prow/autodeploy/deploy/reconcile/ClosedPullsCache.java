package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.config.RepoConfig;
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
 * is merged only by closing it, so:
 * <ul>
 * <li>the closed autobump PRs ({@code head=<bot>:<branch>}) are read again after an opened, closed or reopened
 * autobump PR, when a {@code reconcileRepo} (the sweep, a push to the base branch, a merge, start-up) lists other
 * open autobump PRs than the last one did or none ({@link #openAutobumpsAre}), and otherwise at most once per
 * {@link #AUTOBUMPS_MAX_AGE};</li>
 * <li>the base branch's recent page (only for our rollback PRs; every other merge changes it) is read again after
 * a closed or reopened rollback PR of ours, and otherwise at most once per {@link #RECENT_MAX_AGE}.</li>
 * </ul>
 * A decision to deploy reads both again first ({@code DeployReconciler}): a deploy never rests on the cache.
 * A restart starts empty; a replica that missed an event re-reads at its next sweep (autobumps) or within the
 * hour (rollbacks). One entry per configured repo that was read: bounded by the config.
 */
public final class ClosedPullsCache {
    /** How stale the base branch's page may get without an event about one of our rollback PRs. */
    public static final Duration RECENT_MAX_AGE = Duration.ofHours(1);
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

    public ClosedPullsCache(PullRequests prs, Clock clock) {
        this.prs = prs;
        this.clock = clock;
    }

    /** The union of both listings, each cached (see the class), newest first, no repeats. */
    public List<PullRequest> get(RepoConfig c) {
        List<PullRequest> bumps = autobumps(c);
        List<PullRequest> base = recent.get(c.repo(), RECENT_MAX_AGE, () -> AutobumpPulls.recentOnBase(prs, c));
        return AutobumpPulls.union(bumps, base);
    }

    /**
     * The closed autobump listing alone, cached as in {@link #get} (the command recovery's newest merged bump: the
     * sweep's reconcile has just read it when it could have changed, so a second listing in the same sweep is spared;
     * issue 16: sweeps are most of a week's requests).
     */
    public List<PullRequest> autobumps(RepoConfig c) {
        return autobumps.get(c.repo(), AUTOBUMPS_MAX_AGE, () -> AutobumpPulls.closedAutobumps(prs, c, 1));
    }

    /** An autobump PR closed or reopened, a push to the base branch, the sweep: read the autobump listing again. */
    public void forgetAutobumps(RepoRef repo) {
        autobumps.forget(repo);
    }

    /**
     * A listing of the open autobump PRs (sweep, base-branch push, start-up): when the set differs from the last
     * one, a bump opened, closed or was reopened without our seeing its event, so the autobump listing is read
     * again; so it is when none is open (a bump may have opened and merged between two listings). The same open
     * bump as last time (other PRs' merges) keeps it: the autobumper keeps one PR open. Returns whether it was
     * forgotten.
     */
    public boolean openAutobumpsAre(RepoRef repo, List<PullRequest> open) {
        java.util.Set<Integer> numbers = open.stream().map(PullRequest::number)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        java.util.Set<Integer> was = lastOpen.put(repo, numbers);
        if (numbers.isEmpty() || !numbers.equals(was)) {
            forgetAutobumps(repo);
            return true;
        }
        return false;
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
