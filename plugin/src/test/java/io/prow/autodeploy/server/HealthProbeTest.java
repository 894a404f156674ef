package io.prow.autodeploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Issue 17.1: after an OutOfMemoryError (or any hang) the workers stopped while {@code /healthz} and
 * {@code /healthz/ready} kept answering 200, so Kubernetes never acted. Now work that waits with no task starting or
 * finishing makes the pod not ready after 5 minutes and not live after 15 (the clock is the plugin's, injected).
 */
class HealthProbeTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aWedgedWorkerPoolMakesThePodNotReadyThenNotLive() throws Exception {
        ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
        try (PluginHarness h = new PluginHarness(clock, PluginHarness.defaultConfig())) {
            h.settle();
            assertThat(probe(h, "/healthz/ready")).isEqualTo(200);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(4);
            for (int worker = 0; worker < 4; worker++) {
                h.app.executor.submit("kubernetes/test-infra#" + (100 + worker), () -> {
                    running.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            h.app.executor.submit("kubernetes/test-infra#200", () -> {});
            running.await();

            clock.advance(Duration.ofMinutes(4));
            assertThat(probe(h, "/healthz/ready")).as("4 minutes: still within the bound").isEqualTo(200);
            clock.advance(Duration.ofMinutes(1));
            assertThat(probe(h, "/healthz/ready")).as("5 minutes without progress").isEqualTo(503);
            assertThat(probe(h, "/healthz")).as("not yet restarted").isEqualTo(200);
            clock.advance(Duration.ofMinutes(10));
            assertThat(probe(h, "/healthz")).as("15 minutes: restart").isEqualTo(503);

            release.countDown();
            assertThat(h.app.executor.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(probe(h, "/healthz/ready")).isEqualTo(200);
            assertThat(probe(h, "/healthz")).isEqualTo(200);
        }
    }

    private int probe(PluginHarness h, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.healthPort() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
