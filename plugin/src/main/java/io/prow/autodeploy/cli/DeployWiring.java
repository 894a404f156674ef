package io.prow.autodeploy.cli;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AutoRollbackWatcher;
import io.prow.autodeploy.commands.DeployOverrides;
import io.prow.autodeploy.commands.Holds;
import io.prow.autodeploy.commands.SweepComments;
import io.prow.autodeploy.config.ConfigSource;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.deploy.gates.Gates;
import io.prow.autodeploy.deploy.reconcile.Applier;
import io.prow.autodeploy.deploy.reconcile.DeployObserver;
import io.prow.autodeploy.deploy.reconcile.DeployReconciler;
import io.prow.autodeploy.deploy.reconcile.DroppedRepos;
import io.prow.autodeploy.deploy.reconcile.SnapshotReader;
import io.prow.autodeploy.deploy.schedule.DeployScheduler;
import io.prow.autodeploy.events.AutobumpIndex;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.ledger.OwnLabelWrites;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.metrics.status.StatusBoard;
import io.prow.autodeploy.rollback.AutobumpPulls;
import io.prow.autodeploy.rollout.PrometheusClient;
import io.prow.autodeploy.rollout.RolloutEffects;
import io.prow.autodeploy.rollout.RolloutFollower;
import io.prow.autodeploy.rollout.RunningImagesSource;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The deploy pipeline as {@link PluginApp} runs it: read → gates → apply, the scheduler that wakes a PR when a gate
 * opens, holds and overrides, rollouts and auto-rollback. Each part is handed only the GitHub roles it calls (the
 * one {@link GitHub} passed again per role, in the roles' order: identity, pull requests, checks, comments, labels,
 * statuses, membership, contents, git writes).
 */
final class DeployWiring {
    final StatusBoard board;
    final Gates gates = Gates.standard();
    final AutobumpIndex index;
    final SnapshotReader reader;
    final DeployReconciler reconciler;
    final DroppedRepos dropped;
    final DeployScheduler scheduler;
    final Holds holds;
    /** Prometheus answers for rollouts (its query count is what the bench reads). */
    final RunningImagesSource rolloutImages;
    final RolloutFollower follower;
    final DeployOverrides overrides;
    /** The comments role of the deploy side: a sweep's reads are kept for its command recovery (SweepComments). */
    final SweepComments comments;
    /** The Labels role of the deploy side: what it wrote, so the webhooks GitHub sends back are known as ours. */
    final OwnLabelWrites ownLabels;
    private final GitHub gh;

    /** {@code wake}: runs a PR's reconcile when the scheduler's wake-up for its key (repo#number) is due. */
    DeployWiring(ConfigSource configs, GitHub gh, Clock clock, String statusUrl, Metrics metrics, AlertSource alerts,
                 Consumer<String> wake) {
        this.gh = gh;
        PluginConfig config = configs.get();
        this.board = new StatusBoard(metrics, clock);
        this.index = new AutobumpIndex(clock, config.reconcileInterval().multipliedBy(2));
        this.comments = new SweepComments(gh);
        this.reader = new SnapshotReader(gh, gh, comments, gh, alerts, clock);
        // The labels the deploy pipeline writes (merge labels, the hold label), so their webhooks cost nothing.
        this.ownLabels = new OwnLabelWrites(gh, clock);
        this.reconciler = new DeployReconciler(gh, comments, ownLabels, reader, gates,
                new Applier(gh, ownLabels, gh, statusUrl),
                clock, DeployObserver.all(List.of(board, index, reader.history().observer())));
        this.dropped = new DroppedRepos(gh, gh, gh, gh);
        this.scheduler = new DeployScheduler(clock, wake);
        reconciler.setScheduler(scheduler);
        reconciler.setBlocker(() -> configs.failure().map(why -> "Blocked: plugin config not reloaded (" + why + ")"));
        this.holds = new Holds(gh, comments, ownLabels, reconciler, clock);
        // The cache ages on the plugin's clock, like every other time decision (the demo and tests move it).
        this.rolloutImages = new RunningImagesSource(new PrometheusClient()::query,
                () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
        rolloutImages.onQuery(result -> metrics.prometheusQueries.labelValues(result).inc());
        this.follower = new RolloutFollower(gh, rolloutImages, clock);
        reader.followRollouts(follower);
        reconciler.setRolloutEffects(new RolloutEffects(comments, gh, holds));
        this.overrides = new DeployOverrides(gh, comments, reader, reconciler, clock, metrics);
    }

    /** The auto-rollback watch counts from "running" where rollouts are followed (one ETag'd read per notification). */
    AutoRollbackWatcher watcher() {
        GitHub gh = this.gh; // the lambda captures these two, not this wiring (nothing keeps it after start-up)
        RolloutFollower follower = this.follower;
        AutoRollbackWatcher w = new AutoRollbackWatcher(gh, gh, gh, gh, gh, holds);
        w.setWatchFrom((c, d) -> {
            if (!c.rollout().enabled()) {
                return d.mergedAt();
            }
            var state = follower.follow(c, AutobumpPulls.recentlyClosed(gh, c));
            return state.deploy().filter(x -> x.number() == d.number()).flatMap(x -> state.countFrom())
                    .orElse(d.mergedAt());
        });
        return w;
    }
}
