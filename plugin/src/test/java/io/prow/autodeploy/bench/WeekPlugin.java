package io.prow.autodeploy.bench;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.config.ConfigException;
import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.config.ConfigSource;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubClientFactory;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.server.HmacSecrets;
import java.io.IOException;
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

/**
 * The one place the week benchmark touches the plugin's API: start it as {@code Main} wires it (real kohsuke
 * adapter over OkHttp with its ETag cache, 4 workers, queue 1000, {@code POST /alertmanager} on), deliver a
 * webhook, run a sweep, fire due timers, read its maps' sizes, restart it. After a merge that changes the wiring,
 * re-point this class and nothing else.
 */
final class WeekPlugin implements AutoCloseable {
    static final String ALERTMANAGER_TOKEN = "bench-alertmanager-token";

    private final String configYaml;
    private final ManualClock clock;
    private final String endpoint;
    private final Path dir;
    private final boolean naive;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PluginApp app;

    /** {@code naive}: the ETag cache (1-byte HTTP cache: nothing is kept) and the relevance filter off. */
    WeekPlugin(String configYaml, ManualClock clock, String endpoint, boolean naive) throws IOException {
        this.configYaml = configYaml;
        this.clock = clock;
        this.endpoint = endpoint;
        this.naive = naive;
        this.dir = Files.createTempDirectory("autodeploy-week");
        Files.writeString(dir.resolve("hmac"), BenchWorld.TOKEN);
        Files.writeString(dir.resolve("oauth"), "bench-github-token");
        Files.writeString(dir.resolve("alertmanager"), ALERTMANAGER_TOKEN);
    }

    /** Builds and starts a new plugin process-equivalent: new adapter (cold caches), start-up sweep. */
    void start() throws IOException {
        GitHubClientFactory.CacheSpec cache = naive ? new GitHubClientFactory.CacheSpec(
                Files.createTempDirectory(dir, "no-cache"), 1) : null;
        GitHub gh = GitHubClientFactory.create(new GitHubClientFactory.Settings(endpoint,
                new GitHubClientFactory.Auth.TokenFile(dir.resolve("oauth")), cache, null, clock));
        try {
            app = new PluginApp(ConfigSource.fixed(ConfigLoader.parse(configYaml)), gh, clock,
                    HmacSecrets.load(dir.resolve("hmac")), PluginApp.Settings.forTests(), Metrics.fresh(),
                    new AlertSource(new AlertmanagerClient()), pause -> { },
                    Optional.of(dir.resolve("alertmanager")));
        } catch (ConfigException e) {
            throw new IllegalStateException("the week's config is invalid: " + e.problems(), e);
        }
        if (naive) {
            PluginMaps.disableRelevanceFilter(app);
        }
        app.start();
    }

    /** Stops it as SIGTERM would (drains queued work) and starts a new one against the same GitHub. */
    void restart() throws IOException {
        app.close();
        start();
    }

    /** POST /hook, signed as hook signs it; returns the HTTP status. */
    int deliver(String eventType, String json, String guid) throws Exception {
        return SignedEvent.of(eventType, json).send(http, app.port(), guid);
    }

    /** POST /hook for each {type, json, guid} at once; statuses in the same order. */
    List<int[]> deliverAll(List<String[]> events) throws Exception {
        URI hook = URI.create("http://127.0.0.1:" + app.port() + "/hook");
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> sent = events.stream()
                .map(e -> http.sendAsync(SignedEvent.of(e[0], e[1]).request(hook, e[2]),
                        HttpResponse.BodyHandlers.discarding())).toList();
        List<int[]> out = new java.util.ArrayList<>();
        for (var f : sent) {
            out.add(new int[] {f.get().statusCode()});
        }
        return out;
    }

    /** POST /alertmanager with Alertmanager's bearer token; returns the HTTP status. */
    int alert(String notificationJson) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/alertmanager"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + ALERTMANAGER_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(notificationJson, StandardCharsets.UTF_8)).build();
        return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The periodic sweep ({@code reconcileInterval}), as the plugin's timer would fire it. */
    void sweep() {
        app.sweep(); // what the timer fires (PluginApp.start: scheduler.every(sweep, sweep, this::sweep)), recovery included
    }

    /** Waits for queued work and fires the wake-ups due by the manual clock, until none is left. */
    void settle() throws InterruptedException {
        BenchWorld.settle(app, clock);
    }

    /** Fires wake-ups due by the manual clock (retries, window and pacing timers). */
    boolean anyDue() {
        return app.scheduler.pending().stream().anyMatch(e -> !e.getValue().isAfter(clock.instant()));
    }

    /** Field path → entries of every map and cache the plugin keeps. */
    Map<String, Long> sizes() {
        return PluginMaps.sizes(app);
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
    }
}
