package io.prow.autodeploy.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerReceiver;
import io.prow.autodeploy.alerts.AlertmanagerWebhook;
import io.prow.autodeploy.config.ConfigSource;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.events.EventRouter;
import io.prow.autodeploy.events.KeyedExecutor;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.rollback.RollbackPushGuard;
import io.prow.autodeploy.server.AlertmanagerRoutes;
import io.prow.autodeploy.server.HelpProvider;
import io.prow.autodeploy.server.HmacSecrets;
import io.prow.autodeploy.server.HookHandler;
import io.prow.autodeploy.server.PluginServer;
import io.prow.autodeploy.server.StatusRoutes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers and what feeds them: {@code /hook} → the event router → the deploy pipeline and the commands; /help,
 * the status pages, {@code POST /alertmanager} when a token file is given; health and the metrics endpoint.
 */
final class ServerWiring {
    private static final Logger LOG = LoggerFactory.getLogger(ServerWiring.class);

    /** {@code POST /alertmanager}, present when a webhook token file is given. */
    final Optional<AlertmanagerReceiver> alertmanager;
    final HookHandler hook;
    final PluginServer server;
    /** Null when the settings ask for no metrics endpoint (a negative port). */
    final HTTPServer metricsServer;
    private final KeyedExecutor executor;
    private final PluginApp.Settings settings;

    /** {@code alertmanagerTokenFile}: the bearer token Alertmanager sends to {@code POST /alertmanager}. */
    ServerWiring(ConfigSource configs, GitHub gh, Clock clock, HmacSecrets secrets, PluginApp.Settings settings,
                 Metrics metrics, AlertSource alerts, KeyedExecutor executor, DeployWiring deploy,
                 CommandWiring commands, Optional<Path> alertmanagerTokenFile, Runnable reconcileAll)
            throws IOException {
        this.executor = executor;
        this.settings = settings;
        EventRouter router = new EventRouter(configs, executor, deploy.reconciler, commands.dispatcher,
                commands.registry, gh, gh, new RollbackPushGuard(gh, gh, gh), deploy.index, metrics, deploy.ownLabels);
        HelpProvider help = new HelpProvider(configs, commands.registry, deploy.gates, deploy.board);
        // The same AlertSource as the gate's: a notification invalidates exactly the answers decisions read.
        this.alertmanager = alertmanagerTokenFile.map(f -> new AlertmanagerReceiver(new AlertmanagerWebhook(f),
                alerts, reconcileAll, () -> configs.get().repos(), deploy.watcher()));
        warnIfAutoRollbackCannotHear(configs.get(), alertmanager.isPresent());
        this.hook = new HookHandler(secrets, router, metrics);
        this.server = new PluginServer(settings.host(), settings.port(), settings.healthPort(),
                settings.maxBodyBytes(), settings.limits(), hook, help, new PluginServer.Health(
                        () -> !hook.draining() && !stalled(1), () -> !stalled(3)),
                PluginServer.Routes.all(List.of(new StatusRoutes(configs, deploy.board, clock),
                        new AlertmanagerRoutes(alertmanager))));
        this.metricsServer = settings.metricsPort() < 0 ? null
                : HTTPServer.builder().port(settings.metricsPort()).registry(metrics.registry).buildAndStart();
    }

    /**
     * Work waits and no task has started or finished for {@code times} x {@code stalledAfter}: the workers are wedged.
     * Readiness says so at 1x (hook's events would only queue), liveness at 3x (Kubernetes restarts the pod).
     */
    private boolean stalled(int times) {
        return executor.stalledFor().filter(d -> d.compareTo(settings.limits().stalledAfter().multipliedBy(times)) >= 0)
                .isPresent();
    }

    /** Auto-rollback acts on Alertmanager's notifications only; without the webhook it would silently never act. */
    private static void warnIfAutoRollbackCannotHear(PluginConfig config, boolean webhook) {
        if (webhook) {
            return;
        }
        config.repos().stream().filter(rc -> rc.alerts().autoRollback()).forEach(rc -> LOG.warn(
                "{}: alerts.autoRollback is enabled but --alertmanager-webhook-token-file is not set, so no "
                        + "notification can arrive and nothing will be held or rolled back automatically", rc.repo()));
    }
}
