package io.prow.autodeploy.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, throwaway Prometheus (Debian's {@code prometheus}) for tests and the demo: loopback only, its own config and
 * TSDB in a temp directory, scraping one target every second. Fails (never skips) when the binary is missing. Modelled
 * on {@link AlertmanagerProcess}.
 */
public final class PrometheusProcess implements AutoCloseable {
    private static final Duration READY_DEADLINE = Duration.ofSeconds(20);
    private static final long POLL_MS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackProcess process;
    private final URI base;
    private final HttpClient http;

    private PrometheusProcess(LoopbackProcess process) {
        this.process = process;
        this.base = process.base();
        this.http = process.http;
    }

    /** Starts one scraping {@code target} (host:port, path /metrics) every second; waits for {@code /-/ready}. */
    public static PrometheusProcess start(String target) throws IOException {
        Path binary = binary();
        Path dir = Files.createTempDirectory("prometheus-test");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: kube-state-metrics
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
        int port = LoopbackProcess.freeLoopbackPort();
        List<String> command = List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.retention.time=1h", "--log.level=warn");
        return new PrometheusProcess(LoopbackProcess.start("Prometheus", command, dir, "prometheus.log", port,
                READY_DEADLINE, Duration.ofMillis(POLL_MS)));
    }

    public URI baseUri() {
        return base;
    }

    /**
     * Waits (real time, bounded) until Prometheus has scraped the exporter at {@code generation} or later: the one
     * wait these tests accept, since scraping is the external process' own clock.
     */
    public void awaitGeneration(long generation) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpRequest q = HttpRequest.newBuilder(base.resolve("/api/v1/query?query="
                + URLEncoder.encode("sandbox_exporter_generation", StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode r = JSON.readTree(http.send(q, HttpResponse.BodyHandlers.ofString()).body())
                        .path("data").path("result");
                if (r.size() == 1 && Double.parseDouble(r.get(0).path("value").get(1).asText()) >= generation) {
                    return;
                }
            } catch (IOException | RuntimeException notYet) {
                // not scraped yet, or not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                if (process.process().waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("Prometheus exited:\n" + log());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Prometheus did not scrape generation " + generation + " within 15s:\n"
                + log());
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
        return LoopbackProcess.executable(Path.of("/usr/bin/prometheus"), System.getenv().getOrDefault("PATH", ""),
                "prometheus").orElseThrow(() -> new IllegalStateException("No Prometheus binary: looked for "
                + "/usr/bin/prometheus and prometheus on PATH. Run `make deps` (it installs Debian's prometheus) and "
                + "test again."));
    }
}
