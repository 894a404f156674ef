package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.metrics.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest thing we learned about each repo, kept for /help, the status page and gauges. It is a view of
 * GitHub, refreshed by every reconcile, never an input to a decision.
 */
public final class StatusBoard implements DeployObserver {
    private final Metrics metrics;
    private final Clock clock;
    private final Map<RepoRef, RepoView> views = new ConcurrentHashMap<>();

    /** What a person wants to know about one repo. {@code decision} is of the open autobump PR, if any. */
    public record RepoView(Optional<Deploy> deployed, Optional<PullRequest> openPr, Optional<Decision> decision,
                           Optional<HoldInfo> hold, Instant updatedAt) {}

    public StatusBoard(Metrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    public Optional<RepoView> view(RepoRef repo) {
        return Optional.ofNullable(views.get(repo));
    }

    @Override
    public void observed(Snapshot s, Decision d) {
        RepoRef repo = s.config().repo();
        RepoView old = views.get(repo);
        s.lastDeploy().ifPresent(deploy -> updateDeployed(repo, old, deploy));
        if (d == null) {
            return;
        }
        views.put(repo, new RepoView(s.lastDeploy(), Optional.of(s.pr()), Optional.of(d), s.hold(),
                clock.instant()));
        for (GateResult r : d.results()) {
            metrics.gateOpen.labelValues(repo.toString(), r.gate()).set(r.open() ? 1 : 0);
        }
        metrics.holdActive.labelValues(repo.toString()).set(s.hold().isPresent() ? 1 : 0);
    }

    private void updateDeployed(RepoRef repo, RepoView old, Deploy deploy) {
        Optional<String> previous = old == null ? Optional.empty() : old.deployed().map(Deploy::tag);
        if (previous.isPresent() && !previous.get().equals(deploy.tag())) {
            // Remove the old series: a stale version left at 1 would show two versions deployed.
            metrics.deployedVersion.remove(repo.toString(), previous.get());
        }
        metrics.deployedVersion.labelValues(repo.toString(), deploy.tag()).set(1);
        metrics.lastDeployTimestamp.labelValues(repo.toString()).set(deploy.mergedAt().getEpochSecond());
    }

    @Override
    public void openAutobumps(RepoConfig config, List<PullRequest> open) {
        if (open.isEmpty()) {
            views.computeIfPresent(config.repo(), (r, v) -> new RepoView(v.deployed(), Optional.empty(),
                    Optional.empty(), v.hold(), clock.instant()));
        }
    }
}
