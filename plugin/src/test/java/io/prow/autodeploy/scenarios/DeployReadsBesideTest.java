package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PrQuery;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.PortSpy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A deploy re-reads the history and the PR's head (issue 17.12) side by side, not one after the other: each is one
 * GitHub round trip on the way to the label. Shown without timing: the history listing waits until the head read
 * has started; read one after the other, it would wait in vain (and the deploy would not happen).
 */
class DeployReadsBesideTest {
    private static final String READY = "autodeploy/ready";
    private static final String UNIT = "pull-test-infra-unit";
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final InMemoryGitHub gh = new InMemoryGitHub(clock, "k8s-ci-robot");
    private final AtomicBoolean armed = new AtomicBoolean();
    /** Counted down by the armed decision's first PR read, then by the deploy's head read. */
    private final CountDownLatch headReadStarted = new CountDownLatch(2);
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final PluginHarness h;

    DeployReadsBesideTest() throws Exception {
        Bumps.seed(gh);
        h = new PluginHarness(clock, PluginHarness.defaultConfig(), gh, real -> PortSpy.around(real,
                (method, args) -> {
                    if (armed.get()) {
                        seen(method, args);
                    }
                }, PortSpy.Hook.NONE), new AlertSource(new AlertmanagerClient()), PluginApp.Settings.forTests());
    }

    private void seen(String method, Object[] args) throws InterruptedException {
        if (method.equals("pullRequest")) {
            order.add("pullRequest");
            headReadStarted.countDown();
        } else if (method.equals("pullRequests") && ((PrQuery) args[1]).state() == PrQuery.State.CLOSED) {
            order.add("closed listing");
            if (order.contains("pullRequest")) { // the history is cached: only the deploy lists it
                order.add(headReadStarted.await(5, TimeUnit.SECONDS) ? "closed listing saw the head read"
                        : "closed listing waited in vain");
            }
        } else if (method.equals("addLabels")) {
            order.add("addLabels");
        }
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void theDeploysHistoryReReadAndItsHeadReadRunSideBySide() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        gh.setCheck(pr.repo(), pr.headSha(), UNIT, Check.State.PENDING);
        Bumps.opened(h, pr);
        h.settle();
        assertThat(gh.peek(pr.repo(), pr.number()).labels()).as("waiting for %s; the history is now cached", UNIT)
                .doesNotContain(READY);

        gh.setCheck(pr.repo(), pr.headSha(), UNIT, Check.State.SUCCESS);
        gh.resetCalls();
        armed.set(true);
        h.send("status", Payloads.status(pr.repo(), pr.headSha(), UNIT, "success"));
        h.settle();

        assertThat(gh.peek(pr.repo(), pr.number()).labels()).contains(READY);
        assertThat(order).doesNotContain("closed listing waited in vain")
                .contains("closed listing saw the head read").endsWith("addLabels");
        assertThat(gh.calls()).as("the same reads as before, only in another order")
                .containsEntry("pullRequest", 2).containsEntry("addLabels", 1);
    }
}
