package io.prow.autodeploy.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerReceiver;
import io.prow.autodeploy.commands.CommandDispatcher;
import io.prow.autodeploy.commands.CommandRecovery;
import io.prow.autodeploy.commands.CommandRegistry;
import io.prow.autodeploy.commands.SweepComments;
import io.prow.autodeploy.config.ConfigSource;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.reconcile.DeployReconciler;
import io.prow.autodeploy.deploy.reconcile.DroppedRepos;
import io.prow.autodeploy.deploy.schedule.DeployScheduler;
import io.prow.autodeploy.events.KeyedExecutor;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.metrics.status.StatusBoard;
import io.prow.autodeploy.rollout.RunningImagesSource;
import io.prow.autodeploy.server.EdgeLimits;
import io.prow.autodeploy.server.HmacSecrets;
import io.prow.autodeploy.server.HookHandler;
import io.prow.autodeploy.server.PluginServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the plugin from a GitHub, a clock and settings. {@code Main} gives it the real adapter; tests and the
 * demo give it the sandbox, and exercise the very same stack through real HTTP.
 */
public final class PluginApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginApp.class);

    /** Settings that are not in plugin-config.yaml (flags). Port 0 picks a free port (tests). */
    public record Settings(String host, int port, int healthPort, int metricsPort, long maxBodyBytes,
                           String statusUrl, int workers, int queueCapacity, Duration shutdownGrace,
                           EdgeLimits limits) {
        /** GitHub caps webhook payloads at 25 MB ("Payloads are capped at 25 MB", docs.github.com/en/webhooks/
         * webhook-events-and-payloads); 25 MiB takes every payload GitHub can send. */
        public static final long DEFAULT_MAX_BODY_BYTES = 25L << 20;

        public Settings(String host, int port, int healthPort, int metricsPort, long maxBodyBytes, String statusUrl,
                        int workers, int queueCapacity, Duration shutdownGrace) {
            this(host, port, healthPort, metricsPort, maxBodyBytes, statusUrl, workers, queueCapacity, shutdownGrace,
                    EdgeLimits.defaults());
        }

        public static Settings forTests() {
            return new Settings("127.0.0.1", 0, 0, -1, 5L << 20, "", 4, 1_000, Duration.ofSeconds(10));
        }

        public Settings withLimits(EdgeLimits l) {
            return new Settings(host, port, healthPort, metricsPort, maxBodyBytes, statusUrl, workers, queueCapacity,
                    shutdownGrace, l);
        }
    }

    /** The config as it stands now; reloaded from its file when that changes ({@link #config()}). */
    public final ConfigSource configs;
    public final GitHub gh;
    public final Metrics metrics;
    public final KeyedExecutor executor;
    public final DeployReconciler reconciler;
    public final DeployScheduler scheduler;
    public final StatusBoard board;
    /** Prometheus answers for rollouts (its query count is what the bench reads). */
    public final RunningImagesSource rolloutImages;
    public final CommandRegistry registry;
    public final HmacSecrets secrets;
    /** {@code POST /alertmanager}, present when a webhook token file is given. */
    public final Optional<AlertmanagerReceiver> alertmanager;
    private final CommandRecovery recovery;
    private final SweepComments sweepComments;
    private final CommandDispatcher dispatcher;
    private final HookHandler hook;
    private final PluginServer server;
    private final HTTPServer metricsServer;
    private final Settings settings;
    private final DroppedRepos dropped;

    public PluginApp(PluginConfig config, GitHub gh, Clock clock, HmacSecrets secrets, Settings settings,
                     Metrics metrics, AlertSource alerts, Consumer<Duration> pause) throws IOException {
        this(config, gh, clock, secrets, settings, metrics, alerts, pause, Optional.empty());
    }

    public PluginApp(PluginConfig config, GitHub gh, Clock clock, HmacSecrets secrets, Settings settings,
                     Metrics metrics, AlertSource alerts, Consumer<Duration> pause,
                     Optional<Path> alertmanagerTokenFile) throws IOException {
        this(ConfigSource.fixed(config), gh, clock, secrets, settings, metrics, alerts, pause, alertmanagerTokenFile);
    }

    /**
     * {@code alertmanagerTokenFile}: the bearer token Alertmanager sends to {@code POST /alertmanager}. The deploy
     * pipeline, the commands and the servers are wired in that order ({@link DeployWiring}, {@link CommandWiring},
     * {@link ServerWiring}), each part handed only the GitHub roles it calls.
     */
    public PluginApp(ConfigSource configs, GitHub gh, Clock clock, HmacSecrets secrets, Settings settings,
                     Metrics metrics, AlertSource alerts, Consumer<Duration> pause,
                     Optional<Path> alertmanagerTokenFile) throws IOException {
        this.configs = configs;
        this.gh = gh;
        this.metrics = metrics;
        this.secrets = secrets;
        this.settings = settings;
        this.executor = new KeyedExecutor(settings.workers(), settings.queueCapacity(), clock,
                metrics.workFailures::inc);
        DeployWiring deploy = new DeployWiring(configs, gh, clock, settings.statusUrl(), metrics, alerts, this::wake);
        this.board = deploy.board;
        this.reconciler = deploy.reconciler;
        this.dropped = deploy.dropped;
        this.scheduler = deploy.scheduler;
        this.rolloutImages = deploy.rolloutImages;
        this.sweepComments = deploy.comments;
        CommandWiring commands = new CommandWiring(gh, deploy, clock, metrics, pause);
        this.registry = commands.registry;
        this.recovery = commands.recovery;
        this.dispatcher = commands.dispatcher;
        ServerWiring servers = new ServerWiring(configs, gh, clock, secrets, settings, metrics, alerts, executor,
                deploy, commands, alertmanagerTokenFile, this::reconcileAll);
        this.alertmanager = servers.alertmanager;
        this.hook = servers.hook;
        this.server = servers.server;
        this.metricsServer = servers.metricsServer;
    }

    /** Starts serving, reconciles every repo once, then sweeps every {@code reconcileInterval}. */
    public PluginApp start() {
        server.start();
        // The sweep interval is read at start: changing reconcileInterval takes a restart.
        Duration sweep = config().reconcileInterval();
        scheduler.every(sweep, sweep, this::sweep);
        scheduler.every(Duration.ofSeconds(10), Duration.ofSeconds(10), this::reloadFiles);
        sweep();
        LOG.info("serving hook on :{}, health on :{}, {} repo(s)", server.port(), server.healthPort(),
                config().repos().size());
        return this;
    }

    /** The config as it stands now. */
    public PluginConfig config() {
        return configs.get();
    }

    /** Secrets and config files are re-read when they change; a changed config is applied to every repo at once. */
    public void reloadFiles() {
        secrets.reloadIfChanged();
        boolean wasFailing = configs.failure().isPresent();
        PluginConfig before = config();
        boolean changed = configs.reloadIfChanged();
        if (changed) {
            dropped.reloaded(before, config()); // a repo that left the config must not stay labelled (17.10)
        }
        if (changed || wasFailing != configs.failure().isPresent()) {
            reconcileAll();
        }
    }

    /**
     * Start-up and every {@code reconcileInterval}: reconcile every repo, then run the commands on its autobump PRs
     * that never got a reply ({@link CommandRecovery}), each in its PR's lane as if just delivered.
     */
    public void sweep() {
        for (RepoConfig rc : config().repos()) {
            executor.submit(rc.repo().toString(), () -> {
                // One thread reconciles and recovers: the recovery takes the comments the reconcile just read.
                try (SweepComments.Sweep read = sweepComments.begin()) {
                    recover(rc, reconciler.reconcileRepo(rc), read);
                }
            });
        }
    }

    private void recover(RepoConfig rc, List<io.prow.autodeploy.github.PullRequest> open,
                         SweepComments.Sweep read) {
        try {
            List<CommandRecovery.Pending> pending = recovery.find(rc, open, config().recoveryWindow(),
                    read::lastRead);
            for (CommandRecovery.Pending p : pending) {
                LOG.info("recovering comment {} by @{} on {}#{}, posted {} and never answered",
                        p.event().comment().id(), p.event().comment().author(), rc.repo(), p.event().number(),
                        p.event().comment().createdAt());
                executor.submit(p.laneKey(), () -> dispatcher.handle(p.config(), p.event(), p.deliveryId()));
            }
        } catch (GitHubException e) {
            LOG.warn("looking for unanswered commands in {} failed (GitHub {}: {}); the next sweep retries",
                    rc.repo(), e.status(), e.getMessage());
        }
    }

    public void reconcileAll() {
        for (RepoConfig rc : config().repos()) {
            executor.submit(rc.repo().toString(), () -> reconciler.reconcileRepo(rc));
        }
        dropped.releaseAll(executor::submit);
    }

    private void wake(String key) {
        int hash = key.lastIndexOf('#');
        String repo = key.substring(0, hash);
        int number = Integer.parseInt(key.substring(hash + 1));
        config().repos().stream().filter(rc -> rc.repo().toString().equals(repo)).findFirst()
                .ifPresent(rc -> executor.submit(key, () -> reconciler.reconcile(rc, number)));
    }

    public int port() {
        return server.port();
    }

    /** Whether the servers answered their first request, made by start-up itself (PluginServer.startedWarm). */
    public boolean startedWarm() {
        return server.startedWarm();
    }

    public int healthPort() {
        return server.healthPort();
    }

    public static void installJvmMetrics(Metrics metrics) {
        JvmMetrics.builder().register(metrics.registry);
    }

    /**
     * Graceful (SIGTERM): refuse new deliveries with 503 and report not ready, let queued and running work finish
     * within the grace period, then stop the timers and the servers. The servers stay up while draining so that
     * hook gets an answer rather than a refused connection.
     */
    @Override
    public void close() {
        hook.drain();
        try {
            executor.shutdown(settings.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close();
        server.close();
        if (metricsServer != null) {
            metricsServer.close();
        }
    }
}
