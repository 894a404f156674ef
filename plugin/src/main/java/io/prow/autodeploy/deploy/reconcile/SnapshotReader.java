package io.prow.autodeploy.deploy.reconcile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.BumpDiff;
import io.prow.autodeploy.deploy.gates.Gates;
import io.prow.autodeploy.deploy.gates.PrMarkers;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.deploy.gates.SourceChanges;
import io.prow.autodeploy.github.ChangedFile;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Checks;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.Contents;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.ledger.HoldInfo;
import io.prow.autodeploy.ledger.PrLedger;
import io.prow.autodeploy.rollback.AutobumpPulls;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollback.DeployHistory;
import io.prow.autodeploy.rollout.RolloutFollower;
import io.prow.autodeploy.rollout.RolloutState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * All reads one deploy decision needs, in one place so their cost is visible: the PR (1; 0 when a listing just
 * read carried it: the sweep, a push to the base branch), its files (0 when the
 * head SHA is unchanged: cached per SHA, since a SHA's files never change), the head's statuses and check runs (1;
 * 0 after a pending status event for a context not last read finished: {@link StatusReport}; 0 while our hold
 * stands; nothing at all, not even the PR, for a CI report that cannot change what the head shows:
 * {@link HeadChecks#cannotChange}),
 * the deploy history (2: closed autobump PRs by head, the base branch's recent page; 0 while cached, see
 * {@link ClosedPullsCache}: read again when something may have changed it (an autobump PR opened or closed, a
 * push to the base branch on autobump paths, the open bumps a sweep lists differ) or it grew old, and always before
 * labelling for Tide), read beside the ledger and the files ({@link ParallelReads}), the PR's comments once
 * for its ledger (1: the hold record decides the hold gate; markers are used when they could change the decision:
 * an approval while the guard is closed, a retest count while a test failed, a {@code /deploy-now} while the window
 * or pacing is closed), and the source range of the bump once per pair of
 * tags (1, with the guard on), the statuses on the last deploy's merge commit while its rollout is followed and
 * not yet recorded running (1). Alerts and Prometheus come from cached sources. That is 3 port calls on the warm
 * path (4 while a rollout is being followed), all ETag 304s when nothing changed.
 */
public final class SnapshotReader {
    /** How long a head's file list is kept unasked: longer than any pause between events on an open bump. */
    static final java.time.Duration FILES_IDLE = java.time.Duration.ofDays(1);
    private final PullRequests prs;
    private final Checks checks;
    private final Comments comments;
    private final AlertSource alerts;
    private final Clock clock;
    private final SourceComparer comparer;
    private volatile RolloutFollower rollouts;
    private final ClosedPullsCache history;
    // Weighed by patch size: patches are outside input, so the cache is bounded in characters, not entries.
    // Entries idle for a day go (on the plugin's clock): a closed PR's heads are never asked again (issue 16).
    private final Cache<String, List<ChangedFile>> filesBySha;
    // The head's checks as last read plus CI reports since, and the status last shown there.
    private final HeadChecks heads;

    public SnapshotReader(PullRequests prs, Checks checks, Comments comments, Contents contents, AlertSource alerts) {
        this(prs, checks, comments, contents, alerts, Clock.systemUTC());
    }

    /** {@code clock} decides whether the time gates are closed, which is when a {@code /deploy-now} matters. */
    public SnapshotReader(PullRequests prs, Checks checks, Comments comments, Contents contents, AlertSource alerts,
                          Clock clock) {
        this.prs = prs;
        this.checks = checks;
        this.comments = comments;
        this.alerts = alerts;
        this.clock = clock;
        this.comparer = new SourceComparer(contents);
        this.history = new ClosedPullsCache(prs, clock);
        this.filesBySha = Caffeine.newBuilder()
                .maximumWeight(32L * 1024 * 1024)
                .<String, List<ChangedFile>>weigher((k, files) -> 1 + files.stream()
                        .mapToInt(f -> f.path().length() + (f.hasPatch() ? f.patch().length() : 0)).sum())
                .expireAfterAccess(FILES_IDLE)
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
        this.heads = new HeadChecks(clock);
    }

    /** The closed PRs the deploy history is read from, cached ({@link ClosedPullsCache}). */
    public List<PullRequest> recentlyClosed(RepoConfig c) {
        return history.get(c);
    }

    /** Where the deploy history is cached: told by events and the sweep when to read it again. */
    public ClosedPullsCache history() {
        return history;
    }

    /** Follow the last deploy past "merged" (repos with {@code rollout} configured); unset: merged is running. */
    public void followRollouts(RolloutFollower follower) {
        this.rollouts = follower;
    }

    /** Where the latest deploy among {@code recentlyClosed} stands (1 GitHub read when followed and not settled). */
    public RolloutState rollout(RepoConfig c, List<PullRequest> recentlyClosed) {
        RolloutFollower f = rollouts;
        return f == null ? RolloutState.notFollowed(DeployHistory.fromPulls(c, recentlyClosed).stream().findFirst())
                : f.follow(c, recentlyClosed);
    }

    /** Empty when the PR does not look like an autobump PR: nothing more is read and nothing will be written. */
    public Optional<Reading> read(RepoConfig c, int number) {
        return read(c, number, Optional.empty());
    }

    /** {@code report}: the event was a CI report; a pending one is applied to the head's known checks (see StatusReport). */
    public Optional<Reading> read(RepoConfig c, int number, Optional<StatusReport> report) {
        PullRequest pr = prs.pullRequest(c.repo(), number);
        if (!AutobumpPulls.looksLikeAutobump(c, pr)) {
            return Optional.empty();
        }
        return Optional.of(readFor(c, pr, false, report));
    }

    /** {@code pr} as a listing just read carried it: not read again. Empty when not an autobump PR. */
    public Optional<Reading> read(RepoConfig c, PullRequest pr) {
        return AutobumpPulls.looksLikeAutobump(c, pr) ? Optional.of(readFor(c, pr, false, Optional.empty()))
                : Optional.empty();
    }

    public Reading readFor(RepoConfig c, PullRequest pr) {
        return readFor(c, pr, false);
    }

    /** {@code allMarkers}: read our marker comments even if no gate needs them now (the override commands do). */
    public Reading readFor(RepoConfig c, PullRequest pr, boolean allMarkers) {
        return readFor(c, pr, allMarkers, Optional.empty());
    }

    private Reading readFor(RepoConfig c, PullRequest pr, boolean allMarkers, Optional<StatusReport> report) {
        try (ParallelReads side = new ParallelReads()) {
            // Chains that do not wait for each other: the files, the history, the ledger (then the checks).
            var files = side.start(() -> filesOf(c, pr));
            var closed = side.start(() -> history.get(c));
            // The checks wait for the ledger only to be skipped while held. Without the hold label the bump is
            // almost never held, so they are read beside the ledger (one chain shorter); with it, after. The label
            // only says when to read; the hold record still decides whether they count.
            boolean foldable = report.isPresent() && report.get().state() == Check.State.PENDING
                    && heads.known(c, pr.headSha()) != null;
            var early = allMarkers || !pr.hasLabel(c.hold().label()) && !foldable
                    ? Optional.of(side.start(() -> this.checks.checks(c.repo(), pr.headSha())))
                    : Optional.<CompletableFuture<List<Check>>>empty();
            // Our records are read once per decision: the hold record is the truth (the label only its picture).
            PrLedger ledger = PrLedger.read(comments.comments(c.repo(), pr.number()), comments.botLogin());
            Optional<HoldInfo> hold = ledger.hold(pr.hasLabel(c.hold().label())) instanceof PrLedger.HoldState.Held h
                    ? Optional.of(h.info()) : Optional.empty();
            List<Check> checks = checksOf(c, pr, hold, allMarkers, report, early.map(ParallelReads::join));
            List<ChangedFile> read = ParallelReads.join(files);
            // The tag comes from the diff (BumpDiff), read from the files above: no extra request.
            return assemble(c, pr, read.stream().map(ChangedFile::path).toList(), BumpDiff.read(c.autobump(), read),
                    checks, hold, ledger, allMarkers, ParallelReads.join(closed));
        }
    }

    private List<ChangedFile> filesOf(RepoConfig c, PullRequest pr) {
        // Not get(key, loader): that runs the HTTP request inside the cache's lock, stalling other workers.
        String key = c.repo() + "#" + pr.number() + "@" + pr.headSha();
        List<ChangedFile> files = filesBySha.getIfPresent(key);
        if (files == null) {
            files = prs.changedFiles(c.repo(), pr.number());
            filesBySha.put(key, files);
        }
        return files;
    }

    /** {@code read}: the checks as just read from GitHub, when they were (see readFor). */
    private List<Check> checksOf(RepoConfig c, PullRequest pr, Optional<HoldInfo> hold, boolean allMarkers,
                                 Optional<StatusReport> report, Optional<List<Check>> read) {
        List<Check> known = heads.known(c, pr.headSha());
        List<Check> checks;
        if (read.isPresent()) {
            checks = read.get();
        } else if (!allMarkers && hold.isPresent()) {
            // Held: the hold gate comes before tests and names the hold, and no /retest runs while held
            // (FlakyRetrier), so the checks cannot change what is written: not read, even on a new head (issue 16:
            // a held bump's pushes and CI reports were charged reads each). The release reads them. What is known
            // is kept (an empty list for a new head) so CI reports while held cost nothing (HeadChecks).
            checks = known != null ? known : List.of();
        } else {
            Optional<List<Check>> fromEvent = known != null && report.isPresent()
                    && report.get().state() == Check.State.PENDING && report.get().sha().equals(pr.headSha())
                    ? report.get().applyTo(known) : Optional.empty();
            checks = fromEvent.orElseGet(() -> this.checks.checks(c.repo(), pr.headSha()));
        }
        heads.put(c, pr.headSha(), checks);
        return checks;
    }

    /**
     * The same reading with the deploy history read again from GitHub (both listings), the rest as read: what a
     * decision to deploy rests on (DeployReconciler reads the PR again beside it, for the head the Applier checks).
     * The checks and the ledger were read by this decision a moment ago; reading them again only added latency.
     */
    public Reading withFreshHistory(RepoConfig c, Reading r) {
        history.forgetAll(c.repo());
        Snapshot s = r.snapshot();
        List<PullRequest> closed;
        try (ParallelReads side = new ParallelReads()) {
            var bumps = side.start(() -> history.autobumps(c)); // both listings at once: the deploy's latency
            List<PullRequest> base = history.recent(c);
            closed = AutobumpPulls.union(ParallelReads.join(bumps), base);
        }
        return assemble(c, s.pr(), s.changedFiles(), s.bump(), s.checks(), s.hold(), r.ledger(), false, closed);
    }

    private Reading assemble(RepoConfig c, PullRequest pr, List<String> paths, BumpDiff bump, List<Check> checks,
                             Optional<HoldInfo> hold, PrLedger ledger, boolean allMarkers, List<PullRequest> closed) {
        Optional<Deploy> last = DeployHistory.fromPulls(c, closed).stream().findFirst();
        SourceChanges changes = comparer.changes(c, bump.tag(), last);
        Snapshot s = new Snapshot(c, pr, paths, checks, last, hold, alerts.state(c), changes, PrMarkers.UNREAD, bump,
                rollout(c, closed));
        if (allMarkers || Gates.markersMatter(s, clock.instant())) {
            s = s.withMarkers(PrMarkers.of(ledger, s.tag(), pr.headSha(), changes.range()));
        }
        return new Reading(s, closed, ledger);
    }

    /** See {@link HeadChecks#cannotChange}: then nothing is read for {@code report}. */
    boolean cannotChange(RepoConfig c, StatusReport report) {
        return heads.cannotChange(c, report);
    }

    /** See {@link HeadChecks#shown}. */
    void shown(RepoConfig c, String sha, io.prow.autodeploy.github.StatusState state, String text, String gate) {
        heads.shown(c, sha, state, text, gate);
    }
}
