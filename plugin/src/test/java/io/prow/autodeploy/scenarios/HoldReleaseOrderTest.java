package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 17.6: a {@code /hold cancel} on the bump and a {@code /hold} on another issue overlap (two lanes). The
 * release is stopped, with a latch, in the middle of removing the label while the hold's command is already under
 * way; whatever the interleaving, the hold (posted later) must stand and the bump must not be labelled ready.
 */
class HoldReleaseOrderTest {
    private static final String HOLD = "do-not-merge/hold";
    private static final String READY = "autodeploy/ready";

    @Test
    void aHoldOverlappingAnEarlierReleaseStands() throws Exception {
        ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
        InMemoryGitHub gh = new InMemoryGitHub(clock, "k8s-ci-robot");
        CountDownLatch releasing = new CountDownLatch(1);
        CountDownLatch holdUnderWay = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        GitHub port = (GitHub) Proxy.newProxyInstance(GitHub.class.getClassLoader(), new Class<?>[] {GitHub.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("removeLabel") && HOLD.equals(args[2]) && go.getCount() > 0) {
                        releasing.countDown();
                        go.await(20, TimeUnit.SECONDS);
                    }
                    if (m.getName().equals("isOrgMember") && "bob".equals(args[1])) {
                        holdUnderWay.countDown(); // bob's /hold is being authorized
                    }
                    try {
                        return m.invoke(gh, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (PluginHarness h = new PluginHarness(clock, PluginHarness.defaultConfig(), gh, p -> port,
                new AlertSource(new AlertmanagerClient()), PluginApp.Settings.forTests())) {
            Bumps.seed(gh);
            PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
            Bumps.opened(h, pr);
            h.settle();
            Comment first = gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold");
            h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, pr.number(), true, first, "User"));
            h.settle();

            clock.set(Instant.parse("2026-11-25T18:01:00Z"));
            Comment cancel = gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold cancel");
            clock.set(Instant.parse("2026-11-25T18:02:00Z"));
            Comment hold = gh.comment(PluginHarness.REPO, 900, "bob", "/hold deploy freeze");
            h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, pr.number(), true, cancel, "User"));
            assertThat(releasing.await(20, TimeUnit.SECONDS)).isTrue();
            h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, 900, false, hold, "User"));
            assertThat(holdUnderWay.await(20, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            h.settle();

            assertThat(gh.peek(PluginHarness.REPO, pr.number()).labels()).contains(HOLD).doesNotContain(READY);
            assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by @bob: deploy freeze");
        }
    }
}
