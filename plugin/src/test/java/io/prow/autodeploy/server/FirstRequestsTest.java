package io.prow.autodeploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The first requests a freshly started plugin gets arrive together (hook redelivering after a rollout, the kubelet's
 * probes): none of them may fail. Javalin builds its servlet's per-server config lazily on the first request, without
 * a lock (LazyThreadSafetyMode.NONE; javalin/javalin#1942 made it lazy), and two first requests at once answered 500
 * with a NullPointerException from kotlin.UnsafeLazyImpl (seen in HookFuzzTest). The plugin now makes one request to
 * each of its servers before it reports ready.
 */
class FirstRequestsTest {
    private static final int AT_ONCE = 8;

    @RepeatedTest(5)
    void requestsArrivingTogetherOnAFreshPluginAllGetAnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * AT_ONCE);
        try (PluginHarness h = new PluginHarness(ManualClock.at("2026-11-25T18:00:00Z"),
                PluginHarness.defaultConfig())) {
            assertThat(h.app.startedWarm()).as("start-up made each server's first request itself").isTrue();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            CyclicBarrier together = new CyclicBarrier(2 * AT_ONCE);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                answers.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return h.post("ping", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}",
                            java.util.Map.of()).statusCode();
                }));
                answers.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.healthPort()
                            + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            for (Future<Integer> a : answers) {
                assertThat(a.get(30, TimeUnit.SECONDS)).as("no request of the first burst fails").isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
