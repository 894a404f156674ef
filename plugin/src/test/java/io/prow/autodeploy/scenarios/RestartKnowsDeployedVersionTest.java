package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.metrics.status.StatusBoard;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import org.junit.jupiter.api.Test;

/** The deployed version is read from GitHub, so a new process knows it even when no autobump PR is open. */
class RestartKnowsDeployedVersionTest {
    @Test
    void aFreshProcessWithNoOpenBumpReadsTheDeployedVersion() throws Exception {
        ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
        PullRequest merged;
        var gh = new io.prow.autodeploy.sandbox.InMemoryGitHub(clock, "k8s-ci-robot");
        try (PluginHarness first = new PluginHarness(clock, PluginHarness.defaultConfig(), gh)) {
            Bumps.seed(gh);
            merged = Bumps.openGreen(first, "v20261125-1a2b3c4d5e");
            Bumps.opened(first, merged);
            first.settle();
            gh.merge(merged.repo(), merged.number());
        }
        gh.resetCalls();
        try (PluginHarness second = new PluginHarness(clock, PluginHarness.defaultConfig(), gh)) {
            assertThat(second.app.board.view(PluginHarness.REPO).flatMap(StatusBoard.RepoView::deployed)
                    .map(Deploy::tag)).contains("v20261125-1a2b3c4d5e");
            // Open bumps (the bot's fork only: AutobumpPullsOpenTest), the history (closed autobumps by head, the base page), and command
            // recovery: the newest merged autobump PR (taken from the history's closed autobump listing just read,
            // issue 16: no second listing) and its comments.
            assertThat(gh.calls()).as("start-up sweep: open bumps, the history, command recovery")
                    .isEqualTo(java.util.Map.of("pullRequests", 3, "comments", 1));
        }
    }
}
