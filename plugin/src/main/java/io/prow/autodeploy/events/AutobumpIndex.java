package io.prow.autodeploy.events;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.Decision;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.deploy.reconcile.DeployObserver;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which head SHAs belong to open autobump PRs, learned from reconciles and pull_request events. Only an
 * optimisation, never the truth: while a repo's entry is fresh, a status event for an unknown SHA costs no API
 * call; when stale (start-up, missed events) the router asks GitHub once.
 */
public final class AutobumpIndex implements DeployObserver {
    private final Clock clock;
    private final Duration freshFor;
    private final Map<RepoRef, Known> known = new ConcurrentHashMap<>();

    private record Known(Map<String, Integer> numberBySha, Instant refreshedAt) {}

    public AutobumpIndex(Clock clock, Duration freshFor) {
        this.clock = clock;
        this.freshFor = freshFor;
    }

    /** A full listing of the repo's open autobump PRs. */
    public void refresh(RepoRef repo, Collection<PullRequest> open) {
        Map<String, Integer> m = new ConcurrentHashMap<>();
        open.forEach(pr -> m.put(pr.headSha(), pr.number()));
        known.put(repo, new Known(m, clock.instant()));
    }

    /** One autobump PR seen at a head SHA (keeps the freshness of the last full listing). */
    public void saw(PullRequest pr) {
        known.compute(pr.repo(), (r, k) -> {
            Map<String, Integer> m = k == null ? new ConcurrentHashMap<>() : k.numberBySha();
            m.values().removeIf(n -> n == pr.number());
            if (pr.open()) {
                m.put(pr.headSha(), pr.number());
            }
            return new Known(m, k == null ? Instant.EPOCH : k.refreshedAt());
        });
    }

    @Override
    public void openAutobumps(RepoConfig config, java.util.List<PullRequest> open) {
        refresh(config.repo(), open);
    }

    @Override
    public void observed(Snapshot snapshot, Decision decision) {
        saw(snapshot.pr());
    }

    /** Empty optional: unknown; {@code Optional.of(empty)}: known not to be an autobump head. */
    public Optional<Optional<Integer>> lookup(RepoRef repo, String sha) {
        Known k = known.get(repo);
        if (k == null) {
            return Optional.empty();
        }
        Integer n = k.numberBySha().get(sha);
        if (n != null) {
            return Optional.of(Optional.of(n));
        }
        boolean fresh = clock.instant().isBefore(k.refreshedAt().plus(freshFor));
        return fresh ? Optional.of(Optional.empty()) : Optional.empty();
    }
}
