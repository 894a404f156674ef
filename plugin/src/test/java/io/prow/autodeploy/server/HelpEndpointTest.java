package io.prow.autodeploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** hook POSTs the enabled repos to /help and renders the PluginHelp it gets back: Go field names, per-repo config. */
class HelpEndpointTest {
    @Test
    void answersPluginHelpWithEveryRegisteredCommand() throws Exception {
        try (PluginHarness h = new PluginHarness(ManualClock.at("2026-11-25T18:00:00Z"),
                PluginHarness.defaultConfig())) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + h.app.port() + "/help"))
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"Org\":\"kubernetes\",\"Repo\":\"test-infra\"}]"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode help = new ObjectMapper().readTree(r.body());
            List<String> fields = new ArrayList<>();
            help.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("Description", "Config", "Snippet", "Events", "Commands");
            assertThat(help.get("Config").get("kubernetes/test-infra").asText())
                    .contains("MON,TUE,WED,THU,FRI 09:00-17:00 America/Los_Angeles")
                    .contains("at most every 1h").contains("autodeploy/ready")
                    .contains("/hold: members of the org");
            List<String> usages = new ArrayList<>();
            help.get("Commands").forEach(c -> {
                usages.add(c.get("Usage").asText());
                assertThat(c.has("Featured") && c.has("Description") && c.has("Examples") && c.has("WhoCanUse"))
                        .isTrue();
            });
            assertThat(usages).containsAll(h.app.registry.all().stream().map(c -> c.spec().usage()).toList());
            assertThat(help.get("Events").toString()).contains("issue_comment").contains("status");

        }
    }

    /**
     * Whatever the body holds, hook gets the help (never a 500, issue 17.15): Prow's own helper answers 500 on a body
     * it cannot unmarshal (pkg/pluginhelp/externalplugins/externalplugins.go) and Deck then shows no help at all.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[null]", "null", "{}", "{oops", "", "[]", "[1,\"x\",[]]", "[{\"Org\":1,\"Repo\":{}}]",
            "\u0000\u00ff garbage"})
    void answersTheHelpWhateverTheBodyHolds(String body) throws Exception {
        try (PluginHarness h = new PluginHarness(ManualClock.at("2026-11-25T18:00:00Z"),
                PluginHarness.defaultConfig())) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + h.app.port() + "/help"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode help = new ObjectMapper().readTree(r.body());
            assertThat(help.get("Commands").size()).isEqualTo(h.app.registry.all().size());
            assertThat(help.get("Config").has(h.repoConfig().repo().toString())).isTrue();
        }
    }
}
