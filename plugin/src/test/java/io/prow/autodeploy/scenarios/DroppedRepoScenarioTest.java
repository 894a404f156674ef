package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17.10: a config edit that drops a repo (here a typo in its name) must not leave its bump labelled and green
 * for good. The repo's open bump loses {@code autodeploy/ready} and gets a failing status saying the plugin no longer
 * manages it; putting the repo back makes it managed again.
 */
class DroppedRepoScenarioTest {
    private static final String READY = "autodeploy/ready";
    private static final String NOT_MANAGED = "FAILURE Not managed: kubernetes/test-infra is no longer in the "
            + "autodeploy plugin's config";

    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final PluginHarness h = plugin.h;

    private PullRequest deployableBump() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains(READY);
        assertThat(Bumps.statusText(h, pr)).startsWith("SUCCESS Deploying");
        return pr;
    }

    @Test
    void aRepoDroppedByATypoLosesItsLabelAndSaysItIsNotManaged() throws Exception {
        PullRequest pr = deployableBump();

        h.rewriteConfig(TestConfig.testInfra().repo("kubernetes/test-infr").yaml());

        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).doesNotContain(READY);
        assertThat(Bumps.statusText(h, pr)).isEqualTo(NOT_MANAGED);

        h.gh.resetCalls();
        h.app.reconcileAll();
        h.settle();
        assertThat(h.gh.writeCalls()).as("released once, not at every sweep").isZero();

        h.rewriteConfig(TestConfig.testInfra().yaml());
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).as("managed again").contains(READY);
        assertThat(Bumps.statusText(h, pr)).startsWith("SUCCESS Deploying");
    }

    @Test
    void aReleaseThatFailsOnGitHubIsRetriedAtTheNextSweep() throws Exception {
        PullRequest pr = deployableBump();
        h.gh.failNext("removeLabel", 1, new GitHubException(502, "Bad Gateway"));

        h.rewriteConfig(TestConfig.testInfra().repo("kubernetes/test-infr").yaml());
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains(READY);

        plugin.clock.advance(Duration.ofMinutes(5));
        h.app.reconcileAll(); // the periodic sweep
        h.settle();

        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).doesNotContain(READY);
        assertThat(Bumps.statusText(h, pr)).isEqualTo(NOT_MANAGED);
    }
}
