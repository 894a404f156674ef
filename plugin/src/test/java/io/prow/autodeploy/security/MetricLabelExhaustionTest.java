package io.prow.autodeploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prow.autodeploy.events.WebhookEventTypes;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17.1: a rejected request (no or bad signature) used to create one permanent metric series per distinct
 * {@code X-GitHub-Event} header, so anyone reaching the port could grow heap and {@code /metrics} without bound.
 * Labels from unauthenticated input now come from GitHub's fixed list of event names, else {@code other}.
 */
class MetricLabelExhaustionTest {
    private static final int REQUESTS = 3_000;
    private PluginHarness h;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        h = new PluginHarness(ManualClock.at("2026-11-25T18:00:00Z"), PluginHarness.defaultConfig());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void thousandsOfUnauthenticatedEventNamesAddNoSeries() throws Exception {
        Random random = new Random(17);
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < REQUESTS; i++) {
            // Every fifth name is 6 KB long: the size the attack used to grow /metrics by 47 MiB.
            String event = "evt" + Long.toHexString(random.nextLong()) + (i % 5 == 0 ? "x".repeat(6_000) : "");
            sent.add(event);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port()
                            + (i % 2 == 0 ? "/hook" : "/")))
                    .header("X-GitHub-Event", event).header("X-GitHub-Delivery", "d" + i)
                    .header("Content-Type", "application/json");
            if (i % 3 != 0) {
                b.header("X-Hub-Signature-256", "sha256=" + "0".repeat(64));
            }
            int status = http.send(b.POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(status).isEqualTo(403);
        }

        Set<String> eventLabels = new HashSet<>();
        int series = 0;
        for (MetricSnapshot s : h.app.metrics.registry.scrape()) {
            for (var point : s.getDataPoints()) {
                series++;
                point.getLabels().forEach(l -> {
                    if (l.getName().equals("event_type")) {
                        eventLabels.add(l.getValue());
                    }
                });
            }
        }
        assertThat(eventLabels).containsExactly(WebhookEventTypes.OTHER);
        assertThat(eventLabels).doesNotContainAnyElementsOf(sent);
        assertThat(series).as("every series the registry holds after %d hostile requests", REQUESTS).isLessThan(100);
        CounterSnapshot webhooks = (CounterSnapshot) h.app.metrics.registry.scrape().stream()
                .filter(s -> s.getMetadata().getPrometheusName().equals("autodeploy_webhooks")).findFirst()
                .orElseThrow();
        assertThat(webhooks.getDataPoints().stream().mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                .sum()).isEqualTo(REQUESTS);
    }

    @Test
    void realEventNamesKeepTheirLabel() {
        for (String name : new String[] {"pull_request", "issue_comment", "status", "check_run", "check_suite",
                "push", "ping"}) {
            assertThat(WebhookEventTypes.label(name)).isEqualTo(name);
        }
        for (String name : new String[] {"Pull_Request", "push ", "", "x".repeat(6000), "pull_request\n"}) {
            assertThat(WebhookEventTypes.label(name)).isEqualTo(WebhookEventTypes.OTHER);
        }
        assertThat(WebhookEventTypes.label(null)).isEqualTo(WebhookEventTypes.OTHER);
    }
}
