package io.prow.autodeploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prow.autodeploy.metrics.status.StatusScenario;
import io.prow.autodeploy.sandbox.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /} and {@code GET /status.json} on the main port, and /help reading the same board. */
class StatusRoutesTest {
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private StatusScenario w;

    @BeforeEach
    void start() throws Exception {
        w = StatusScenario.start(clock);
        w.deployedThenHeld();
    }

    @AfterEach
    void stop() {
        w.h.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + w.h.app.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheHtmlPageWithAStrictPolicy() throws Exception {
        HttpResponse<String> r = send("GET", "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(StatusRoutes.CSP);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.body()).contains("<strong class=\"tag\">" + StatusScenario.DEPLOYED + "</strong>")
                .contains("Held by @alice: &lt;b&gt;hook&lt;/b&gt; is crashlooping &amp; &quot;paging&quot;")
                .doesNotContain("<b>hook</b>");
    }

    @Test
    void servesTheSameModelAsJson() throws Exception {
        HttpResponse<String> r = send("GET", "/status.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(r.body())).isEqualTo(json.readTree(
                StatusJson.write(StatusJson.build(w.h.app.config(), w.h.app.board, clock.instant()))));
    }

    @Test
    void isReadOnlyAndCostsNoGitHubCall() throws Exception {
        w.h.gh.resetCalls();
        for (String path : List.of("/", "/status.json")) {
            assertThat(send("GET", path).statusCode()).isEqualTo(200);
            assertThat(send("POST", path).statusCode()).as("POST " + path).isGreaterThanOrEqualTo(400);
            assertThat(send("DELETE", path).statusCode()).as("DELETE " + path).isGreaterThanOrEqualTo(400);
        }
        assertThat(w.h.gh.calls()).isEmpty();
    }

    @Test
    void helpConfigNamesTheDeployedVersionAndTheHold() throws Exception {
        HttpResponse<String> r = send("POST", "/help");
        String config = new ObjectMapper().readTree(r.body()).get("Config").get("kubernetes/test-infra").asText();
        assertThat(config).contains("Deployed: " + StatusScenario.DEPLOYED + " (merged 2026-11-25T18:10:00Z).")
                .contains("Hold: Held by @alice: " + StatusPage.esc(StatusScenario.HOLD_REASON) + ".");
        // Deck puts Config[repo] into innerHTML (prow cmd/deck/static/plugin-help/plugin-help.ts): never raw markup.
        assertThat(StatusScenario.HOLD_REASON).contains("<b>");
        assertThat(r.body()).doesNotContain("<b>").doesNotContain("<");
    }
}
