package io.prow.autodeploy.cli;

import ch.qos.logback.classic.Level;
import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.config.ConfigException;
import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.config.ConfigSource;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.github.DryRunGitHub;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubClientFactory;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.server.HmacSecrets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The plugin binary: serves by default with the flags every Prow plugin has; subcommands check and simulate. */
@Command(name = "prow-autodeploy", mixinStandardHelpOptions = true, version = "prow-autodeploy 0.1.0",
        description = "Prow external plugin that lets Tide merge the autobump PR only when it is safe.",
        subcommands = {CheckConfigCommand.class, SimulateCommand.class, DemoCommand.class})
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = "--port", defaultValue = "8888", description = "Port for /hook, /help and the status page.")
    int port;

    @Option(names = "--dry-run", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Log mutations instead of making them (default true, as in Prow).")
    boolean dryRun;

    @Option(names = "--hmac-secret-file", defaultValue = "/etc/webhook/hmac",
            description = "hook's HMAC secret: one token, or the YAML map of scopes to tokens.")
    Path hmacSecretFile;

    @Option(names = "--github-token-path", defaultValue = "/etc/github/oauth", description = "GitHub token file.")
    Path githubTokenPath;

    @Option(names = "--github-endpoint", description = "GitHub API endpoint (repeatable: the first is used, the next ones when it refuses connections).")
    List<String> githubEndpoints = List.of(GitHubClientFactory.DEFAULT_ENDPOINT);

    @Option(names = "--github-app-id", description = "GitHub App id (with --github-app-private-key-path).")
    String githubAppId;

    @Option(names = "--github-app-private-key-path", description = "GitHub App private key (PEM).")
    Path githubAppPrivateKeyPath;

    @Option(names = "--config-path", defaultValue = "/etc/plugins/plugin-config.yaml",
            description = "plugin-config.yaml; 'embedded' uses the built-in default.")
    String configPath;

    @Option(names = "--log-level", defaultValue = "info", description = "trace, debug, info, warn, error.")
    String logLevel;

    @Option(names = "--health-port", defaultValue = "8081", description = "Port for /healthz and /healthz/ready.")
    int healthPort;

    @Option(names = "--metrics-port", defaultValue = "9090", description = "Port for Prometheus /metrics.")
    int metricsPort;

    @Option(names = "--max-body-bytes", defaultValue = "26214400",
            description = "Largest webhook body (413 above); GitHub caps payloads at 25 MB.")
    long maxBodyBytes;

    @Option(names = "--alertmanager-webhook-token-file",
            description = "Bearer token Alertmanager sends to POST /alertmanager (unset: the route answers 404).")
    Path alertmanagerWebhookTokenFile;

    @Option(names = "--status-url", defaultValue = "", description = "Link set on the autodeploy status.")
    String statusUrl;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    static PluginConfig loadConfig(String path) throws ConfigException {
        return "embedded".equals(path) ? ConfigLoader.parse(ConfigLoader.embeddedDefault())
                : ConfigLoader.load(Path.of(path));
    }

    @Override
    public Integer call() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.toLevel(logLevel, Level.INFO));
        ConfigSource config;
        try {
            // A real file is watched: a ConfigMap update takes effect without a restart (a bad one deploys nothing).
            config = "embedded".equals(configPath) ? ConfigSource.fixed(loadConfig(configPath))
                    : ConfigSource.watching(Path.of(configPath));
        } catch (ConfigException e) {
            e.problems().forEach(p -> LOG.error("invalid config {}: {}", p.path(), p.reason()));
            return 2;
        }
        HmacSecrets secrets = HmacSecrets.load(hmacSecretFile);
        Metrics metrics = new Metrics(io.prometheus.metrics.model.registry.PrometheusRegistry.defaultRegistry);
        PluginApp.installJvmMetrics(metrics);
        GitHubClientFactory.Auth auth = githubAppId != null
                ? new GitHubClientFactory.Auth.App(githubAppId, githubAppPrivateKeyPath)
                : new GitHubClientFactory.Auth.TokenFile(githubTokenPath);
        GitHub real = GitHubClientFactory.create(GitHubClientFactory.Settings.of(githubEndpoints, auth, null,
                (method, path, status, cached) -> metrics.githubRequests
                        .labelValues(method, path, Integer.toString(status)).inc(), Clock.systemUTC()));
        GitHub gh = dryRun ? new DryRunGitHub(real) : real;
        PluginApp app = new PluginApp(config, gh, Clock.systemUTC(), secrets,
                new PluginApp.Settings("0.0.0.0", port, healthPort, metricsPort, maxBodyBytes, statusUrl, 4, 1_000,
                        Duration.ofSeconds(20)),
                metrics, new AlertSource(new AlertmanagerClient()), Main::sleep,
                java.util.Optional.ofNullable(alertmanagerWebhookTokenFile)).start();
        LOG.info("prow-autodeploy started (dry-run={}) with HMAC scopes {}", dryRun, secrets.describe());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("SIGTERM: finishing in-flight work, refusing new events");
            app.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
