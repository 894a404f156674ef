package io.prow.autodeploy.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real, throwaway Alertmanager for tests and the demo: loopback only, clustering off, its own config, storage and log in
 * a temp directory. Fails (never skips) when the binary is missing, because a safety net that is silently not
 * tested is worse than a red build.
 */
public final class AlertmanagerProcess implements AutoCloseable {
    private static final Duration READY_DEADLINE = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the Alertmanager notifies, and the file holding the bearer token it sends. */
    public record Webhook(URI url, Path tokenFile) {}

    private final LoopbackProcess process;
    private final URI base;
    private final HttpClient http;
    private Duration startup;

    private AlertmanagerProcess(LoopbackProcess process) {
        this.process = process;
        this.base = process.base();
        this.http = process.http;
    }

    /** Starts one with a receiver that drops everything. */
    public static AlertmanagerProcess start() throws IOException {
        return start(Optional.empty());
    }

    /** Starts one and waits until {@code /-/ready} answers 200; {@code webhook} receives every notification. */
    public static AlertmanagerProcess start(Optional<Webhook> webhook) throws IOException {
        Path binary = binary();
        Path dir = Files.createTempDirectory("alertmanager-test");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, config(webhook));
        int port = LoopbackProcess.freeLoopbackPort();
        List<String> command = List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=debug");
        long t0 = System.nanoTime();
        AlertmanagerProcess am = new AlertmanagerProcess(LoopbackProcess.start("Alertmanager", command, dir,
                "alertmanager.log", port, READY_DEADLINE, POLL_INTERVAL));
        am.startup = Duration.ofNanos(System.nanoTime() - t0);
        return am;
    }

    public URI baseUri() {
        return base;
    }

    /** From process start until {@code /-/ready} said 200. */
    public Duration startup() {
        return startup;
    }

    /** Posts one alert via {@code POST /api/v2/alerts}; an {@code endsAt} in the past resolves it. */
    public void post(Map<String, String> labels, Instant startsAt, Optional<Instant> endsAt) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", labels.getOrDefault("alertname", "") + " (test)"));
        alert.put("startsAt", startsAt.toString());
        endsAt.ifPresent(e -> alert.put("endsAt", e.toString()));
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v2/alerts"))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(List.of(alert)))).build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("POST /api/v2/alerts answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot post alert to " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, then SIGKILL if it lingers; waits either way so no process outlives the test. */
    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        process.close();
    }

    public String log() {
        return process.log();
    }

    public static Path binary() {
        return binary(Path.of("/usr/bin/prometheus-alertmanager"), System.getenv().getOrDefault("PATH", ""));
    }

    /** Debian's path first, then {@code alertmanager} (upstream tarball) or Debian's name anywhere on PATH. */
    public static Path binary(Path debian, String pathVariable) {
        return LoopbackProcess.executable(debian, pathVariable, "alertmanager", "prometheus-alertmanager")
                .orElseThrow(() -> new IllegalStateException("No Alertmanager binary: looked for " + debian
                        + " and alertmanager on PATH (" + pathVariable + "). Run `make deps` (it installs Debian's "
                        + "prometheus-alertmanager) and test again."));
    }

    private static String config(Optional<Webhook> webhook) {
        String route = """
                route:
                  receiver: plugin
                  group_by: ['alertname']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: plugin
                """;
        return webhook.map(w -> route + """
                    webhook_configs:
                      - url: '%s'
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials_file: '%s'
                """.formatted(w.url(), w.tokenFile())).orElse(route);
    }
}
