package io.prow.autodeploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.metrics.status.StatusScenario;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shape of {@code /status.json}: same keys whatever is known, values as the reconciles saw them. */
class StatusJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REPO_KEYS = List.of("repo", "baseBranch", "deployed", "hold", "window",
            "openPullRequests", "recentDeploys", "seenAt", "lastFailureAt", "rollout", "delivery");
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private StatusScenario w;

    @AfterEach
    void stop() {
        w.h.close();
    }

    private JsonNode status() throws Exception {
        return JSON.readTree(StatusJson.write(StatusJson.build(w.h.app.config(), w.h.app.board, clock.instant())));
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void describesDeployedVersionOpenBumpGatesHoldWindowAndHistory() throws Exception {
        w = StatusScenario.start(clock);
        PullRequest held = w.deployedThenHeld();

        JsonNode root = status();
        assertThat(keys(root)).containsExactly("generatedAt", "repos");
        assertThat(root.get("generatedAt").asText()).isEqualTo("2026-11-25T18:45:00Z");
        JsonNode repo = root.get("repos").get(0);
        assertThat(keys(repo)).containsExactlyElementsOf(REPO_KEYS);
        assertThat(repo.get("repo").asText()).isEqualTo("kubernetes/test-infra");

        JsonNode deployed = repo.get("deployed");
        assertThat(keys(deployed)).containsExactly("tag", "kind", "number", "url", "mergedAt");
        assertThat(deployed.get("tag").asText()).isEqualTo(StatusScenario.DEPLOYED);
        assertThat(deployed.get("kind").asText()).isEqualTo("autobump");
        assertThat(deployed.get("mergedAt").asText()).isEqualTo("2026-11-25T18:10:00Z");
        assertThat(deployed.get("url").asText()).startsWith("https://");

        JsonNode hold = repo.get("hold");
        assertThat(keys(hold)).containsExactly("by", "reason", "since", "text");
        assertThat(hold.get("by").asText()).isEqualTo("alice");
        assertThat(hold.get("reason").asText()).isEqualTo(StatusScenario.HOLD_REASON);

        JsonNode window = repo.get("window");
        assertThat(keys(window)).containsExactly("timezone", "days", "hours", "blackouts", "openNow",
                "nextOpening", "closesAt");
        assertThat(window.get("openNow").asBoolean()).isTrue();
        assertThat(window.get("closesAt").asText()).isEqualTo("2026-11-26T01:00:00Z");

        JsonNode pr = repo.get("openPullRequests").get(0);
        assertThat(repo.get("openPullRequests")).hasSize(1);
        assertThat(keys(pr)).containsExactly("number", "title", "url", "tag", "headSha", "deploying", "status",
                "gates", "waitingSeconds");
        assertThat(pr.get("number").asInt()).isEqualTo(held.number());
        assertThat(pr.get("tag").asText()).isEqualTo(StatusScenario.PENDING);
        assertThat(pr.get("deploying").asBoolean()).isFalse();
        assertThat(pr.get("waitingSeconds").asLong()).as("green since 18:40, observed at 18:45").isEqualTo(300);
        JsonNode gates = pr.get("gates");
        assertThat(keys(gates.get(0))).containsExactly("gate", "open", "reason", "opensAt");
        assertThat(StreamSupport.stream(gates.spliterator(), false).map(g -> g.get("gate").asText() + "="
                + g.get("open").asBoolean())).containsExactly("trusted=true", "hold=false", "tests=true",
                "alerts=true", "rollout=true", "breaking-changes=true", "window=true", "pacing=false");
        JsonNode pacing = gates.get(7);
        assertThat(pacing.get("opensAt").asText()).isEqualTo("2026-11-25T19:10:00Z");
        assertThat(gates.get(1).get("reason").asText()).isEqualTo("Held by @alice: " + StatusScenario.HOLD_REASON);

        assertThat(StreamSupport.stream(repo.get("recentDeploys").spliterator(), false)
                .map(d -> d.get("tag").asText())).containsExactly(StatusScenario.DEPLOYED);
    }

    @Test
    void beforeGitHubCouldBeReadTheShapeIsTheSameWithNulls() throws Exception {
        // Since start-up reads the deploy history even with no open bump, "seen nothing" means GitHub failed.
        w = StatusScenario.startWhileGitHubFails(clock);

        JsonNode repo = status().get("repos").get(0);
        assertThat(keys(repo)).containsExactlyElementsOf(REPO_KEYS);
        assertThat(repo.get("deployed").isNull()).isTrue();
        assertThat(repo.get("hold").isNull()).isTrue();
        assertThat(repo.get("seenAt").isNull()).isTrue();
        assertThat(repo.get("openPullRequests")).isEmpty();
        assertThat(repo.get("recentDeploys")).isEmpty();
        assertThat(repo.get("window").get("nextOpening").asText()).as("open now").isEqualTo("2026-11-25T18:00:00Z");
    }

    @Test
    void carriesNoSecret() throws Exception {
        w = StatusScenario.start(clock);
        w.deployedThenHeld();
        String json = StatusJson.write(StatusJson.build(w.h.app.config(), w.h.app.board, clock.instant()));
        assertThat(json).doesNotContain(PluginHarness.TOKEN).doesNotContain(w.h.dir.toString())
                .doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("secret");
    }
}
