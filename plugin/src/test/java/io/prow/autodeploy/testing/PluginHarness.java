package io.prow.autodeploy.testing;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.config.ConfigSource;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.server.HmacSecrets;
import io.prow.autodeploy.server.SignatureVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The whole plugin on loopback over the in-memory GitHub, driven as hook drives it: signed HTTP POSTs to /hook.
 * Time is a {@link ManualClock}; {@link #settle()} waits for queued work and fires due wake-ups, no sleeping.
 */
public final class PluginHarness implements AutoCloseable {
    public static final String TOKEN = "test-hmac-token";
    public static final RepoRef REPO = RepoRef.parse("kubernetes/test-infra");

    public final ManualClock clock;
    public final InMemoryGitHub gh;
    public final PluginApp app;
    public final Path dir;
    public final Path configFile;
    public final List<java.time.Duration> pauses = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger delivery = new AtomicInteger();

    public PluginHarness(ManualClock clock, String configYaml) throws Exception {
        this(clock, configYaml, new InMemoryGitHub(clock, "k8s-ci-robot"));
    }

    /** Two harnesses over one {@code gh} are two replicas of the plugin sharing one GitHub. */
    public PluginHarness(ManualClock clock, String configYaml, InMemoryGitHub gh) throws Exception {
        this(clock, configYaml, gh, UnaryOperator.identity(), new AlertSource(new AlertmanagerClient()),
                PluginApp.Settings.forTests(), Optional.empty());
    }

    /**
     * With the settings, the alert source (e.g. cached by {@link #ticker(ManualClock)}) and the Alertmanager webhook
     * token file a test needs; the token file enables {@code POST /alertmanager}.
     */
    public PluginHarness(ManualClock clock, String configYaml, InMemoryGitHub gh, PluginApp.Settings settings,
                         AlertSource alerts, Optional<Path> alertmanagerTokenFile) throws Exception {
        this(clock, configYaml, gh, UnaryOperator.identity(), alerts, settings, alertmanagerTokenFile);
    }

    /**
     * The plugin sees {@code port.apply(gh)} (a fault-injecting or blocking wrapper, say) while the test inspects
     * {@code gh} itself; {@code alerts} and {@code settings} replace the defaults.
     */
    public PluginHarness(ManualClock clock, String configYaml, InMemoryGitHub gh, UnaryOperator<GitHub> port,
                         AlertSource alerts, PluginApp.Settings settings) throws Exception {
        this(clock, configYaml, gh, port, alerts, settings, Optional.empty());
    }

    /** Everything chosen by the test; the other constructors delegate here. */
    public PluginHarness(ManualClock clock, String configYaml, InMemoryGitHub gh, UnaryOperator<GitHub> port,
                         AlertSource alerts, PluginApp.Settings settings, Optional<Path> alertmanagerTokenFile)
            throws Exception {
        this.clock = clock;
        this.gh = gh;
        this.dir = Files.createTempDirectory("autodeploy-test");
        Path hmac = dir.resolve("hmac");
        Files.writeString(hmac, TOKEN);
        // Served from a watched file, as in production: tests can change it and call app.reloadFiles().
        this.configFile = dir.resolve("plugin-config.yaml");
        Files.writeString(configFile, configYaml);
        this.app = new PluginApp(ConfigSource.watching(configFile), port.apply(gh), clock, HmacSecrets.load(hmac), settings, Metrics.fresh(),
                alerts, pauses::add, alertmanagerTokenFile);
        app.start();
        settle();
    }

    /** A cache ticker that moves with {@code clock}, so cached alert answers expire as the test moves time. */
    public static com.github.benmanes.caffeine.cache.Ticker ticker(ManualClock clock) {
        return () -> {
            java.time.Instant t = clock.instant();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        };
    }

    /**
     * The config most scenario tests run on, {@link TestConfig#testInfra()} as YAML; to change it, build it with
     * {@link TestConfig}. The embedded default is kubernetes/k8s.io's shape ({@link TestConfig#k8sIo()}).
     */
    public static String defaultConfig() {
        return TestConfig.testInfra().yaml();
    }

    /** An operator's edit: {@code yaml} replaces the watched config file, the plugin reloads it, work settles. */
    public void rewriteConfig(String yaml) throws Exception {
        org.assertj.core.api.Assertions.assertThat(yaml).as("an edit").isNotEqualTo(Files.readString(configFile));
        Files.writeString(configFile, yaml);
        app.reloadFiles();
        settle();
    }

    public RepoConfig repoConfig() {
        return app.config().repos().get(0);
    }

    /** POSTs a signed event as hook would; returns the HTTP status. */
    public int send(String eventType, String json) throws Exception {
        return post(eventType, json, Map.of()).statusCode();
    }

    public HttpResponse<String> post(String eventType, String json, Map<String, String> overrides)
            throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/hook"))
                .timeout(Duration.ofSeconds(10))
                .header("X-GitHub-Event", eventType)
                .header("X-GitHub-Delivery", "guid-" + delivery.incrementAndGet() + "-" + UUID.randomUUID())
                .header("X-Hub-Signature-256", SignatureVerifier.sign(body, TOKEN.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        overrides.forEach(b::setHeader);
        return http.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until queued work is done, then fires wake-ups that are due by the clock, until nothing is left. */
    public void settle() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            if (!app.executor.awaitIdle(Duration.ofSeconds(20))) {
                throw new IllegalStateException("work did not finish within 20s");
            }
            long due = app.scheduler.pending().stream().filter(e -> !e.getValue().isAfter(clock.instant())).count();
            if (due == 0) {
                return;
            }
            app.scheduler.runDue();
        }
    }

    /** Moves the clock and lets whatever time alone changes happen. */
    public void advanceTo(String isoInstant) throws InterruptedException {
        clock.set(java.time.Instant.parse(isoInstant));
        settle();
    }

    @Override
    public void close() {
        app.close();
    }
}
