package io.prow.autodeploy.rollout;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.ledger.HoldInfo;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollback.DeployHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inputs of {@link DeliveryMetrics} from what a decision already read on GitHub (no extra request): the deploys
 * of the page of closed PRs with their PRs' creation times; incidents = the rollback PRs among them (opened at),
 * the current hold when its reason is one our bot writes for an alert or a rollout (since), and the latest deploy's rollout when it
 * failed or stuck (from its merge). "Running" is known for the latest deploy (its rollout state, read back from our
 * status on the merge commit) and taken as the merge for older ones.
 */
public final class DeliveryHistory {
    private DeliveryHistory() {}

    public static DeliveryMetrics.Figures figures(RepoConfig c, List<PullRequest> recentlyClosed, RolloutState rollout,
                                                  Optional<HoldInfo> hold, Instant now) {
        List<DeliveryMetrics.DeployRecord> deploys = new ArrayList<>();
        List<DeliveryMetrics.Incident> incidents = new ArrayList<>();
        for (Deploy d : DeployHistory.fromPulls(c, recentlyClosed)) {
            Instant created = recentlyClosed.stream().filter(pr -> pr.number() == d.number()).findFirst()
                    .map(PullRequest::createdAt).orElse(d.mergedAt());
            boolean latest = rollout.deploy().filter(r -> r.number() == d.number()).isPresent();
            if (latest && !rollout.running()) {
                if (rollout.broken()) { // a failed or stuck rollout is an incident from its merge on
                    incidents.add(new DeliveryMetrics.Incident(d.mergedAt(), rollout.phase().name()));
                }
                continue; // not running (yet): not a deploy of the period
            }
            Optional<Instant> running = latest ? rollout.runningSince() : Optional.empty();
            boolean rollback = d.kind() == Deploy.Kind.ROLLBACK;
            deploys.add(new DeliveryMetrics.DeployRecord(d.number(), d.tag(), rollback,
                    created == null ? d.mergedAt() : created, d.mergedAt(), running));
            if (rollback && created != null) {
                incidents.add(new DeliveryMetrics.Incident(created, "rollback #" + d.number()));
            }
        }
        hold.filter(h -> h.since() != null && h.reason() != null
                        && (h.reason().startsWith("alert ") || h.reason().startsWith("rollout of ")))
                .ifPresent(h -> incidents.add(new DeliveryMetrics.Incident(h.since(), "hold")));
        return DeliveryMetrics.compute(deploys, incidents, c.alerts().autoRollbackWatch(), now);
    }
}
