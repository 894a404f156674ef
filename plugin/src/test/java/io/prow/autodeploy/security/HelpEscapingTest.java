package io.prow.autodeploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.metrics.status.StatusScenario;
import io.prow.autodeploy.sandbox.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17.5: Deck renders a plugin's help as HTML (innerHTML for Description, Config[repo], Snippet and the
 * commands' Usage, Examples, Description, WhoCanUse: kubernetes-sigs/prow cmd/deck/static/plugin-help/plugin-help.ts
 * and command-help/command-help.ts). A hold reason is anyone-in-the-org's text: it must never come back raw.
 */
class HelpEscapingTest {
    private static final String XSS = "<img src=x onerror=alert(1)>";

    @Test
    void aHoldReasonWithMarkupNeverComesBackRawInAnyHelpField() throws Exception {
        StatusScenario w = StatusScenario.start(ManualClock.at("2026-11-25T18:00:00Z"));
        try {
            PullRequest bump = w.openGreenBump(StatusScenario.DEPLOYED);
            w.comment(bump, "alice", "/hold " + XSS);
            assertThat(w.now(bump).labels()).as("the hold took").contains("do-not-merge/hold");

            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + w.h.app.port() + "/help"))
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"Org\":\"kubernetes\",\"Repo\":\"test-infra\"}]"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode help = new ObjectMapper().readTree(r.body());
            String config = help.get("Config").get(StatusScenario.REPO).asText();
            assertThat(config).contains("&lt;img src=x onerror=alert(1)&gt;");
            for (String text : everyText(help)) {
                assertThat(text).as("a field Deck renders as HTML").doesNotContain("<").doesNotContain(">");
            }
        } finally {
            w.h.close();
        }
    }

    /** Every string value in the help, wherever it sits. */
    private static List<String> everyText(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> out.addAll(everyText(child)));
        return out;
    }
}
