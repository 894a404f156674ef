package io.prow.autodeploy.metrics.status;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.Decision;
import io.prow.autodeploy.deploy.gates.GateResult;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.deploy.gates.TestsGate;
import io.prow.autodeploy.deploy.gates.TrustedGate;
import io.prow.autodeploy.deploy.reconcile.DeployObserver;
import io.prow.autodeploy.deploy.reconcile.Reading;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.ledger.HoldInfo;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollback.DeployHistory;
import io.prow.autodeploy.rollout.DeliveryHistory;
import io.prow.autodeploy.rollout.DeliveryMetrics;
import io.prow.autodeploy.rollout.RolloutState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The latest thing we learned about each repo, kept for /help, the status page and gauges. It is a view of
 * GitHub, refreshed by every reconcile from what the reconcile read anyway (no GitHub call of its own), never an
 * input to a decision. Updates are serialized (one monitor) so the gauges always match the view they came from.
 */
public final class StatusBoard implements DeployObserver {
    /** How many deploys and rollbacks the status page lists. */
    public static final int RECENT_DEPLOYS = 10;

    private final Metrics metrics;
    private final Clock clock;
    private final DeployTally tally;
    static final DeliveryMetrics.Figures NO_DELIVERY = DeliveryMetrics.compute(List.of(), List.of(),
            Duration.ofHours(1), Instant.EPOCH);
    private final Map<RepoRef, RepoView> views = new ConcurrentHashMap<>();
    // The rollout state a sweep without an open bump read (bounded by the configured repos).
    private final Map<RepoRef, RolloutState> rollouts = new ConcurrentHashMap<>();

    /**
     * An open autobump PR and its latest decision. {@code greenSince}: since when (as first seen by this process)
     * it has been trusted with green tests on its current head; empty while it is not.
     */
    public record PendingPr(PullRequest pr, Decision decision, Optional<Instant> greenSince) {
        /** How long it has waited for a deploy while green; zero when not green. */
        public Duration waited(Instant now) {
            return greenSince.map(t -> Duration.between(t, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        }
    }

    /**
     * What a person wants to know about one repo. {@code recentDeploys} is newest first (at most
     * {@link #RECENT_DEPLOYS}); {@code open} holds the open autobump PRs, newest first (usually one);
     * {@code failedAt} is set when the last reconcile could not read GitHub.
     */
    public record RepoView(Optional<Deploy> deployed, List<Deploy> recentDeploys, List<PendingPr> open,
                           Optional<HoldInfo> hold, Instant updatedAt, Optional<Instant> failedAt,
                           RolloutState rollout, DeliveryMetrics.Figures delivery) {
        public RepoView {
            recentDeploys = List.copyOf(recentDeploys);
            open = List.copyOf(open);
        }

        static RepoView empty(Instant now) {
            return new RepoView(Optional.empty(), List.of(), List.of(), Optional.empty(), now, Optional.empty(),
                    RolloutState.notFollowed(Optional.empty()), NO_DELIVERY);
        }

        /** The newest deploy while it is not running yet (or failed / stuck / unknown): shown beside the deployed one. */
        public Optional<Deploy> inFlight() {
            return rollout.running() ? Optional.empty() : rollout.deploy();
        }

        /** The newest open autobump PR: the one the gauges describe. */
        public Optional<PendingPr> openPr() {
            return open.stream().findFirst();
        }
    }

    public StatusBoard(Metrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.tally = new DeployTally(clock.instant());
    }

    public Optional<RepoView> view(RepoRef repo) {
        return Optional.ofNullable(views.get(repo));
    }

    @Override
    public synchronized void observed(Reading reading, Decision d) {
        Snapshot s = reading.snapshot();
        RepoConfig c = s.config();
        Instant now = clock.instant();
        RepoView old = views.getOrDefault(c.repo(), RepoView.empty(now));
        List<Deploy> history = DeployHistory.fromPulls(c, reading.recentlyClosed());
        count(c, history, reading.recentlyClosed());
        rollouts.put(c.repo(), s.rollout());

        List<PendingPr> open = new ArrayList<>(old.open().stream()
                .filter(p -> p.pr().number() != s.pr().number()).toList());
        if (d != null) {
            open.add(new PendingPr(s.pr(), d, greenSince(old, s.pr(), d, now)));
        }
        open.sort(Comparator.comparingInt((PendingPr p) -> p.pr().number()).reversed());
        // A closed PR speaks for the hold only when no bump is open: then it is the one a new bump inherits from.
        Optional<HoldInfo> hold = d != null || open.isEmpty() ? s.hold() : old.hold();
        RepoView view = new RepoView(running(c, history, s.rollout()).or(old::deployed),
                history.isEmpty() ? old.recentDeploys() : history.stream().limit(RECENT_DEPLOYS).toList(),
                open, hold, now, Optional.empty(), s.rollout(),
                DeliveryHistory.figures(c, reading.recentlyClosed(), s.rollout(), hold, now));
        publish(c.repo(), old, view);
    }

    @Override
    public synchronized void openAutobumps(RepoConfig config, List<PullRequest> open) {
        RepoView old = views.get(config.repo());
        if (old == null) {
            return;
        }
        Set<Integer> numbers = open.stream().map(PullRequest::number).collect(Collectors.toSet());
        List<PendingPr> still = old.open().stream().filter(p -> numbers.contains(p.pr().number())).toList();
        publish(config.repo(), old, new RepoView(old.deployed(), old.recentDeploys(), still, old.hold(),
                clock.instant(), Optional.empty(), old.rollout(), old.delivery()));
    }

    @Override
    public synchronized void history(RepoConfig c, List<PullRequest> recentlyClosed) {
        Instant now = clock.instant();
        RepoView old = views.getOrDefault(c.repo(), RepoView.empty(now));
        List<Deploy> history = DeployHistory.fromPulls(c, recentlyClosed);
        count(c, history, recentlyClosed);
        RolloutState rollout = rollouts.getOrDefault(c.repo(), old.rollout());
        publish(c.repo(), old, new RepoView(running(c, history, rollout).or(old::deployed),
                history.isEmpty() ? old.recentDeploys() : history.stream().limit(RECENT_DEPLOYS).toList(),
                old.open(), old.hold(), now, Optional.empty(), rollout,
                DeliveryHistory.figures(c, recentlyClosed, rollout, old.hold(), now)));
    }

    @Override
    public synchronized void rollout(RepoConfig config, RolloutState state) {
        rollouts.put(config.repo(), state);
    }

    /**
     * The deployed version is the running one: the newest deploy once its rollout is followed to "running" (or
     * when rollouts are not followed), else the one before it, which ran when the newest merged.
     */
    static Optional<Deploy> running(RepoConfig c, List<Deploy> history, RolloutState rollout) {
        if (history.isEmpty()) {
            return Optional.empty();
        }
        Deploy newest = history.get(0);
        boolean runs = !c.rollout().enabled() || rollout.running()
                && rollout.deploy().filter(d -> d.number() == newest.number()).isPresent();
        return runs ? Optional.of(newest) : history.stream().skip(1).findFirst();
    }

    @Override
    public synchronized void failed(RepoConfig config) {
        Instant now = clock.instant();
        // A failed read is not a sighting: a repo never read keeps "seen: not yet" (updatedAt null).
        RepoView old = views.getOrDefault(config.repo(), RepoView.empty(null));
        publish(config.repo(), old, new RepoView(old.deployed(), old.recentDeploys(), old.open(), old.hold(),
                old.updatedAt(), Optional.of(now), old.rollout(), old.delivery()));
    }

    /** Green = trusted and tests passed. The clock starts when first seen green on this head and keeps running. */
    private static Optional<Instant> greenSince(RepoView old, PullRequest pr, Decision d, Instant now) {
        boolean green = d.results().stream()
                .filter(r -> r.gate().equals(TrustedGate.NAME) || r.gate().equals(TestsGate.NAME))
                .allMatch(GateResult::open);
        if (!green) {
            return Optional.empty();
        }
        return old.open().stream()
                .filter(p -> p.pr().number() == pr.number() && p.pr().headSha().equals(pr.headSha()))
                .flatMap(p -> p.greenSince().stream())
                .findFirst().or(() -> Optional.of(now));
    }

    private void count(RepoConfig c, List<Deploy> history, List<PullRequest> closed) {
        String repo = c.repo().toString();
        for (Deploy deploy : tally.newlyMerged(c.repo(), history)) {
            metrics.deploys.labelValues(repo, deploy.kind().name().toLowerCase(Locale.ROOT)).inc();
            if (deploy.kind() == Deploy.Kind.AUTOBUMP) {
                closed.stream().filter(pr -> pr.number() == deploy.number() && pr.createdAt() != null).findFirst()
                        .ifPresent(pr -> metrics.leadTimeSeconds.labelValues(repo)
                                .observe(Duration.between(pr.createdAt(), deploy.mergedAt()).toMillis() / 1000.0));
            }
        }
    }

    /** The four delivery figures as gauges; a figure with nothing to compute it from has no series. */
    private void delivery(String r, DeliveryMetrics.Figures f) {
        metrics.deliveryDeploysPerDay.labelValues(r).set(f.deploysPerDay());
        f.leadTime().ifPresentOrElse(d -> metrics.deliveryLeadTime.labelValues(r).set(d.toSeconds()),
                () -> metrics.deliveryLeadTime.remove(r));
        f.changeFailureRate().ifPresentOrElse(x -> metrics.deliveryChangeFailureRate.labelValues(r).set(x),
                () -> metrics.deliveryChangeFailureRate.remove(r));
        f.timeToRestore().ifPresentOrElse(d -> metrics.deliveryTimeToRestore.labelValues(r).set(d.toSeconds()),
                () -> metrics.deliveryTimeToRestore.remove(r));
    }

    /** Stores the view and makes the gauges say the same, removing series that no longer describe anything. */
    private void publish(RepoRef repo, RepoView old, RepoView now) {
        views.put(repo, now);
        String r = repo.toString();
        Optional<String> oldTag = old.deployed().map(Deploy::tag);
        if (oldTag.isPresent() && !oldTag.equals(now.deployed().map(Deploy::tag))) {
            // Remove the old series: a stale version left at 1 would show two versions deployed.
            metrics.deployedVersion.remove(r, oldTag.get());
        }
        now.deployed().ifPresent(d -> {
            metrics.deployedVersion.labelValues(r, d.tag()).set(1);
            metrics.lastDeployTimestamp.labelValues(r).set(d.mergedAt().getEpochSecond());
        });
        List<GateResult> gates = now.openPr().map(p -> p.decision().results()).orElse(List.of());
        Set<String> shown = gates.stream().map(GateResult::gate).collect(Collectors.toSet());
        // Without an open bump there is nothing a gate could be open for: drop the series rather than leave stale.
        old.openPr().stream().flatMap(p -> p.decision().results().stream()).map(GateResult::gate)
                .filter(g -> !shown.contains(g)).forEach(g -> metrics.gateOpen.remove(r, g));
        gates.forEach(g -> metrics.gateOpen.labelValues(r, g.gate()).set(g.open() ? 1 : 0));
        metrics.holdActive.labelValues(r).set(now.hold().isPresent() ? 1 : 0);
        delivery(r, now.delivery());
        for (RolloutState.Phase phase : RolloutState.Phase.values()) {
            metrics.rolloutPhase.labelValues(r, phase.name().toLowerCase(Locale.ROOT))
                    .set(now.rollout().phase() == phase ? 1 : 0);
        }
        Instant at = clock.instant();
        metrics.pendingDeployAge.labelValues(r).set(now.open().stream().map(p -> p.waited(at))
                .max(Comparator.naturalOrder()).orElse(Duration.ZERO).toSeconds());
    }
}
