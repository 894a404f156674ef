package io.prow.autodeploy.alerts;

import io.prow.autodeploy.sandbox.AlertmanagerProcess;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prow.autodeploy.alerts.AlertmanagerNotification.Status;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.AlertGate;
import io.prow.autodeploy.deploy.gates.GateResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client, the cache, the gate and the webhook receiver against a real Alertmanager 0.25. The cache's
 * ticker never moves, so every fresh answer below comes from {@code invalidate()}, as it will in production
 * when a notification arrives.
 */
@Tag("alertmanager")
class AlertmanagerEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerEndToEndTest.class);
    static final String TOKEN = "e2e-token";
    static final Map<String, String> HOOK_DOWN = Map.of("alertname", "HookDown", "severity", "critical", "job", "hook");
    static final Duration NOTIFICATION_DEADLINE = Duration.ofSeconds(10);

    /** Alertmanager judges start and end against its own wall clock, so ours must be the real one too. */
    final Clock clock = Clock.systemUTC();
    final List<Integer> webhookStatuses = new CopyOnWriteArrayList<>();
    final List<Waiter> waiters = new CopyOnWriteArrayList<>();

    record Waiter(Predicate<AlertmanagerNotification> wanted, CompletableFuture<AlertmanagerNotification> future) {}

    @TempDir
    Path dir;
    HttpServer receiver;
    AlertmanagerProcess am;
    AlertSource source;
    RepoConfig config;

    @BeforeEach
    void start() throws IOException {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN);
        AlertmanagerWebhook webhook = new AlertmanagerWebhook(tokenFile);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alertmanager", exchange -> receive(webhook, exchange));
        receiver.start();
        URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/alertmanager");

        am = AlertmanagerProcess.start(Optional.of(new AlertmanagerProcess.Webhook(hook, tokenFile)));
        LOG.info("Alertmanager ready at {} after {} ms", am.baseUri(), am.startup().toMillis());
        Ticker frozen = () -> 0L;
        source = new AlertSource(new AlertmanagerClient()::firing, frozen, AlertSource.DEFAULT_UNKNOWN_TTL);
        config = AlertConfigs.with(am.baseUri(), AlertConfigs.MATCHERS, Duration.ofSeconds(30),
                Duration.ofSeconds(2), false);
    }

    @AfterEach
    void stop() {
        if (am != null) {
            am.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void noAlertsIsQuiet() {
        assertThat(source.state(config)).isEqualTo(AlertState.quiet());
    }

    @Test
    void matchingAlertFires() {
        Instant since = clock.instant().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        am.post(HOOK_DOWN, since, Optional.empty());
        source.invalidate();

        AlertState state = source.state(config);

        assertThat(state.status()).isEqualTo(AlertState.Status.FIRING);
        assertThat(state.firing()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("HookDown");
            assertThat(a.startsAt()).isEqualTo(since);
            assertThat(a.fingerprint()).isNotBlank();
        });
    }

    @Test
    void alertNotMatchingTheMatchersStaysQuiet() {
        am.post(Map.of("alertname", "DiskAlmostFull", "severity", "info"), clock.instant(), Optional.empty());
        source.invalidate();

        assertThat(source.state(config)).isEqualTo(AlertState.quiet());
        // Alertmanager does hold the alert; only the filter keeps it out.
        RepoConfig everything = AlertConfigs.with(am.baseUri(), List.of(), Duration.ofSeconds(30),
                Duration.ofSeconds(2), false);
        assertThat(source.state(everything).firing()).extracting(AlertState.FiringAlert::name)
                .containsExactly("DiskAlmostFull");
    }

    @Test
    void resolvedAlertIsQuietAgainAfterInvalidate() {
        Instant since = clock.instant().minus(5, ChronoUnit.MINUTES);
        am.post(HOOK_DOWN, since, Optional.empty());
        source.invalidate();
        assertThat(source.state(config).status()).isEqualTo(AlertState.Status.FIRING);

        am.post(HOOK_DOWN, since, Optional.of(clock.instant().minusSeconds(1)));
        assertThat(source.state(config).status()).as("cached until invalidated").isEqualTo(AlertState.Status.FIRING);

        source.invalidate();
        assertThat(source.state(config)).isEqualTo(AlertState.quiet());
    }

    @Test
    void stoppedAlertmanagerIsUnknownAndTheGateFailsClosed() {
        assertThat(source.state(config)).isEqualTo(AlertState.quiet());

        am.stop();
        source.invalidate();
        AlertState state = source.state(config);

        assertThat(state.status()).isEqualTo(AlertState.Status.UNKNOWN);
        assertThat(state.error()).contains("Alertmanager at " + am.baseUri() + " cannot be reached");
        GateResult gate = new AlertGate().evaluate(AlertSourceTest.snapshot(config, state), clock.instant());
        assertThat(gate.open()).isFalse();
        assertThat(gate.reason()).isEqualTo("Blocked: Alertmanager unreachable");
    }

    @Test
    void realNotificationsArriveAndParse() throws Exception {
        CompletableFuture<AlertmanagerNotification> firing = await(n -> n.status() == Status.FIRING);
        CompletableFuture<AlertmanagerNotification> resolved = await(n -> n.status() == Status.RESOLVED);
        Instant since = clock.instant().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);

        am.post(HOOK_DOWN, since, Optional.empty());
        AlertmanagerNotification n = firing.get(NOTIFICATION_DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertThat(n.version()).isEqualTo("4");
        assertThat(n.groupKey()).contains("alertname=\"HookDown\"");
        assertThat(n.receiver()).isEqualTo("plugin");
        assertThat(n.commonLabels()).isEqualTo(HOOK_DOWN);
        assertThat(n.externalUrl()).isNotBlank();
        assertThat(n.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Status.FIRING);
            assertThat(a.labels()).isEqualTo(HOOK_DOWN);
            assertThat(a.startsAt()).isEqualTo(since);
            assertThat(a.ended()).isEmpty();
            assertThat(a.fingerprint()).isNotBlank();
        });
        assertThat(AlertMatchers.parse(config.alerts().matchers()).matches(n.alerts().get(0).labels())).isTrue();

        Instant end = clock.instant().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        am.post(HOOK_DOWN, since, Optional.of(end));
        AlertmanagerNotification r = resolved.get(NOTIFICATION_DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertThat(r.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Status.RESOLVED);
            assertThat(a.ended()).contains(end);
        });
        assertThat(webhookStatuses).isNotEmpty().containsOnly(200);
    }

    private CompletableFuture<AlertmanagerNotification> await(Predicate<AlertmanagerNotification> wanted) {
        Waiter w = new Waiter(wanted, new CompletableFuture<>());
        waiters.add(w);
        return w.future();
    }

    /** What the lead's HTTP edge will do: hand header and body to the webhook, answer with its status. */
    private void receive(AlertmanagerWebhook webhook, HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        AlertmanagerWebhook.Result result = webhook.handle(exchange.getRequestHeaders().getFirst("Authorization"), body);
        webhookStatuses.add(result.httpStatus());
        result.notification().ifPresent(n -> waiters.stream().filter(w -> w.wanted().test(n))
                .forEach(w -> w.future().complete(n)));
        byte[] answer = result.message().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(result.httpStatus(), answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
