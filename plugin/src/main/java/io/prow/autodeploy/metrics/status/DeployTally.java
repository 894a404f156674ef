package io.prow.autodeploy.metrics.status;

import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.rollback.Deploy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which merged deploys to count, so that {@code autodeploy_deploys_total} grows by exactly one per deploy
 * although every reconcile re-reads the same page of closed PRs.
 *
 * <p>Only deploys merged at or after this process started are counted: older ones were counted by the process
 * that was running then (Prometheus' {@code increase()} handles the counter reset of a restart), and counting them
 * again would report a burst of old deploys after every restart. The price: a deploy merged while no replica ran
 * is never counted (the version and timestamp gauges still show it). Each counted PR is remembered until a page
 * holds only newer deploys: it has left the page of closed PRs and can never be read again, so forgetting it cannot
 * count it twice. (Pruning by time, not by "absent from this page", keeps an odd empty page from resetting it.)
 */
final class DeployTally {
    private final Instant startedAt;
    private final Map<RepoRef, Map<Integer, Instant>> counted = new HashMap<>();

    DeployTally(Instant startedAt) {
        this.startedAt = startedAt;
    }

    /** The deploys of {@code history} (the current page, newest first) to count now; each is returned once. */
    synchronized List<Deploy> newlyMerged(RepoRef repo, List<Deploy> history) {
        Map<Integer, Instant> seen = counted.computeIfAbsent(repo, r -> new HashMap<>());
        history.stream().map(Deploy::mergedAt).min(Instant::compareTo)
                .ifPresent(oldest -> seen.values().removeIf(mergedAt -> mergedAt.isBefore(oldest)));
        List<Deploy> fresh = history.stream()
                .filter(d -> !d.mergedAt().isBefore(startedAt) && !seen.containsKey(d.number()))
                .toList();
        fresh.forEach(d -> seen.put(d.number(), d.mergedAt()));
        return fresh;
    }
}
