package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin edits plugin-config.yaml (a ConfigMap update): good edits apply at once, a broken one deploys nothing. */
class ConfigReloadScenarioTest {
    private static final String READY = "autodeploy/ready";

    // Wednesday 2026-11-25 10:00 in Los Angeles: inside the default window.
    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final ManualClock clock = plugin.clock;
    private final PluginHarness h = plugin.h;

    @Test
    void aBrokenConfigStopsDeploysAndAGoodEditTakesEffect() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains(READY);

        h.rewriteConfig(TestConfig.testInfra().hours("nine to five").yaml());
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).as("fail-safe").doesNotContain(READY);
        assertThat(Bumps.statusText(h, pr)).startsWith("PENDING Blocked: plugin config not reloaded (1 problem(s) "
                + "in plugin-config.yaml, first: repos[0].window.hours:");

        h.rewriteConfig(TestConfig.testInfra().hours("13:00-17:00").yaml());
        assertThat(Bumps.statusText(h, pr))
                .isEqualTo("PENDING Waiting: outside deploy hours, opens Wed Nov 25 13:00 America/Los_Angeles");

        h.rewriteConfig(TestConfig.testInfra().hours("09:00-17:00").yaml());
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains(READY);
        assertThat(clock.instant()).as("all of it without moving time").isEqualTo("2026-11-25T18:00:00Z");
    }
}
