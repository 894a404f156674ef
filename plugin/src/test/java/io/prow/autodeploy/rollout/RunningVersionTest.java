package io.prow.autodeploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.server.StatusJson;
import io.prow.autodeploy.server.StatusPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The page shows the running version as deployed and the merged one beside it while it rolls out. */
class RunningVersionTest {
    static final Instant NOW = Instant.parse("2026-11-30T18:20:00Z");

    @Test
    void inFlightBesideTheDeployedOne() {
        StatusJson.DeployJson running = new StatusJson.DeployJson("v20261124-0f0e0d0c0b", "autobump", 40,
                "https://github.com/kubernetes/test-infra/pull/40", Instant.parse("2026-11-24T18:00:00Z"));
        StatusJson.DeployJson merged = new StatusJson.DeployJson("v20261130-1a2b3c4d5e", "autobump", 42,
                "https://github.com/kubernetes/test-infra/pull/42", Instant.parse("2026-11-30T18:02:00Z"));
        StatusJson.RolloutJson rollout = new StatusJson.RolloutJson("applying", merged,
                "rolling out: 4/6 containers", "4/6 containers", null, null, null, List.of("deck", "<b>x</b>"));
        StatusJson.WindowJson window = new StatusJson.WindowJson("America/Los_Angeles", List.of("MON"), "09:00-17:00",
                List.of(), true, NOW, null);
        String html = StatusPage.render(new StatusJson.Status(NOW, List.of(new StatusJson.RepoStatus(
                "kubernetes/test-infra", "master", running, null, window, List.of(), List.of(running, merged), NOW,
                null, rollout))));
        assertThat(html).contains("Deployed: <strong class=\"tag\">v20261124-0f0e0d0c0b</strong>")
                .contains("In flight: <strong class=\"tag\">v20261130-1a2b3c4d5e</strong> "
                        + "<a href=\"https://github.com/kubernetes/test-infra/pull/42\">#42</a> merged 10:02, "
                        + "<span class=\"muted\">rolling out: 4/6 containers</span>");
    }

    @Test
    void failedRolloutLinksTheJob() {
        RolloutState failed = new RolloutState(RolloutState.Phase.FAILED, Optional.of(new Deploy(42,
                "v20261130-1a2b3c4d5e", Deploy.Kind.AUTOBUMP, NOW, "https://github.com/o/r/pull/42")),
                "deploy job post-deploy failed", 0, 0, Optional.of(new RolloutState.FailedJob("post-deploy",
                "javascript:alert(1)")), List.of(), Optional.empty(), false, false);
        assertThat(failed.running()).isFalse();
        assertThat(failed.broken()).isTrue();
        StatusJson.RolloutJson json = new StatusJson.RolloutJson("failed", new StatusJson.DeployJson(
                "v20261130-1a2b3c4d5e", "autobump", 42, "https://github.com/o/r/pull/42", NOW), failed.detail(), null,
                null, "post-deploy", "javascript:alert(1)", List.of());
        StatusJson.WindowJson window = new StatusJson.WindowJson("UTC", List.of("MON"), "09:00-17:00",
                List.of(), true, NOW, null);
        String html = StatusPage.render(new StatusJson.Status(NOW, List.of(new StatusJson.RepoStatus("o/r",
                "main", null, null, window, List.of(), List.of(), NOW, null, json))));
        assertThat(html).contains("<span class=\"closed\">deploy job post-deploy failed</span>")
                .doesNotContain("href=\"javascript");
    }
}
