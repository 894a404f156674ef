package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.PortSpy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17.12: the autobumper force-pushes between a decision's reads and its label write. The merge label goes on
 * only if the head is still the one the decision read; the warm path that changes nothing costs what it did.
 */
class ForcePushRaceTest {
    private static final String READY = "autodeploy/ready";
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final InMemoryGitHub gh = new InMemoryGitHub(clock, "k8s-ci-robot");
    /** When set, runs once right after the next {@code checks} read: the moment between the reads and the writes. */
    private final AtomicReference<Runnable> afterChecks = new AtomicReference<>();
    private final PluginHarness h;

    ForcePushRaceTest() throws Exception {
        Bumps.seed(gh);
        h = new PluginHarness(clock, PluginHarness.defaultConfig(), gh, real -> PortSpy.around(real, PortSpy.Hook.NONE,
                (method, args) -> {
                    Runnable race = method.equals("checks") ? afterChecks.getAndSet(null) : null;
                    if (race != null) {
                        race.run();
                    }
                }), new AlertSource(new AlertmanagerClient()), PluginApp.Settings.forTests());
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aForcePushBetweenTheReadsAndTheLabelWriteLeavesTheNewHeadUnlabelled() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        String[] newHead = new String[1];
        afterChecks.set(() -> newHead[0] = Bumps.forcePush(h, pr, "v20261125-9f8e7d6c5b"));

        Bumps.opened(h, pr);
        h.settle();

        PullRequest now = gh.peek(pr.repo(), pr.number());
        assertThat(now.headSha()).isEqualTo(newHead[0]);
        assertThat(now.labels()).as("the untested head is not labelled").doesNotContain(READY);
        assertThat(gh.peekChecks(pr.repo(), newHead[0])).as("nothing claims the new head is deployable")
                .doesNotContainKey("autodeploy");

        // The synchronize event for the new head decides on it: its tests have not run, so it waits.
        h.send("pull_request", Payloads.pullRequest("synchronize", now));
        h.settle();
        assertThat(gh.peek(pr.repo(), pr.number()).labels()).doesNotContain(READY);
        assertThat(Bumps.statusText(h, now)).isEqualTo("PENDING Waiting: tests not finished on " + newHead[0].substring(0, 7));
    }

    @Test
    void withoutARaceTheLabelCostsOneMoreReadAndTheWarmPathNone() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        gh.resetCalls();

        Bumps.opened(h, pr);
        h.settle();
        assertThat(gh.peek(pr.repo(), pr.number()).labels()).contains(READY);
        assertThat(gh.calls()).as("the head is read again just before the label").containsEntry("pullRequest", 2)
                .containsEntry("addLabels", 1);

        gh.resetCalls();
        h.send("status", Payloads.status(pr.repo(), pr.headSha(), "pull-test-infra-unit", "success"));
        h.settle();
        assertThat(gh.calls()).as("warm, nothing to change: the PR, its checks, its ledger; the history is cached (ClosedPullsCache)")
                .isEqualTo(Map.of("pullRequest", 1, "checks", 1, "comments", 1));
    }
}
