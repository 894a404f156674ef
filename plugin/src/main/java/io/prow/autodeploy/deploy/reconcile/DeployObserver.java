package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.Decision;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.github.PullRequest;
import java.util.List;

/** Watches decisions for metrics and the status page; never changes them. */
public interface DeployObserver {
    /** A snapshot was read; {@code decision} is null when the PR is closed. */
    default void observed(Snapshot snapshot, Decision decision) {}

    /**
     * The same observation with what was read on the way: the recently closed PRs give the deploy history for free
     * (no extra GitHub call). The reconciler calls this one; by default it forwards to the snapshot-only variant.
     */
    default void observed(Reading reading, Decision decision) {
        observed(reading.snapshot(), decision);
    }

    default void openAutobumps(RepoConfig config, List<PullRequest> open) {}

    default void failed(RepoConfig config) {}

    /** Recently closed PRs of a repo with no open bump: the deploy history, so a restart still knows what runs. */
    default void history(RepoConfig config, List<PullRequest> recentlyClosed) {}

    /** Where the latest deploy of a repo stands, read by a sweep with no open bump (else it is in the snapshot). */
    default void rollout(RepoConfig config, io.prow.autodeploy.rollout.RolloutState state) {}

    DeployObserver NONE = new DeployObserver() {};

    /** Tells each observer in turn. */
    static DeployObserver all(List<DeployObserver> observers) {
        return new DeployObserver() {
            @Override
            public void observed(Snapshot snapshot, Decision decision) {
                observers.forEach(o -> o.observed(snapshot, decision));
            }

            @Override
            public void observed(Reading reading, Decision decision) {
                observers.forEach(o -> o.observed(reading, decision));
            }

            @Override
            public void openAutobumps(RepoConfig config, List<PullRequest> open) {
                observers.forEach(o -> o.openAutobumps(config, open));
            }

            @Override
            public void failed(RepoConfig config) {
                observers.forEach(o -> o.failed(config));
            }

            @Override
            public void history(RepoConfig config, List<PullRequest> recentlyClosed) {
                observers.forEach(o -> o.history(config, recentlyClosed));
            }

            @Override
            public void rollout(RepoConfig config, io.prow.autodeploy.rollout.RolloutState state) {
                observers.forEach(o -> o.rollout(config, state));
            }
        };
    }
}
