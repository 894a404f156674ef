package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deploy day through the HTTP edge: the window (America/Los_Angeles, 09:00-17:00 Mon-Fri) and the 1h pacing
 * decide, the plugin labels exactly once, redeliveries change nothing, and decisions cost few GitHub calls.
 */
class DeployDayScenarioTest {
    // Wednesday 2026-11-25, 06:00 in Los Angeles (PST, UTC-8).
    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T14:00:00Z");
    private final ManualClock clock = plugin.clock;
    private final PluginHarness h = plugin.h;

    @Test
    void bumpOpenedBeforeHoursWaitsThenDeploysWhenTheWindowOpens() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        assertThat(Bumps.opened(h, pr)).isEqualTo(200);
        h.settle();

        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).doesNotContain("autodeploy/ready");
        assertThat(Bumps.statusText(h, pr))
                .isEqualTo("PENDING Waiting: outside deploy hours, opens Wed Nov 25 09:00 America/Los_Angeles");
        assertThat(h.app.scheduler.pending()).extracting(Map.Entry::getValue)
                .contains(Instant.parse("2026-11-25T17:00:00Z"));

        h.advanceTo("2026-11-25T17:00:00Z");

        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
        assertThat(Bumps.statusText(h, pr)).isEqualTo("SUCCESS Deploying v20261125-1a2b3c4d5e (all gates open)");
        assertThat(h.gh.log()).filteredOn(l -> l.contains("label +autodeploy/ready")).hasSize(1);
    }

    @Test
    void redeliveredAndRepeatedEventsChangeNothing() throws Exception {
        clock.set(Instant.parse("2026-11-25T18:00:00Z"));
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        String payload = Payloads.pullRequest("opened", h.gh.peek(pr.repo(), pr.number()));
        h.send("pull_request", payload);
        h.settle();
        var after = h.gh.log();

        for (int i = 0; i < 5; i++) {
            h.send("pull_request", payload);
            h.send("status", Payloads.status(pr.repo(), pr.headSha(), "pull-test-infra-unit", "success"));
        }
        h.settle();

        assertThat(h.gh.log()).isEqualTo(after);
        assertThat(h.gh.writeCalls()).as("writes across all events").isEqualTo(2);
    }

    @Test
    void secondBumpThirtyMinutesAfterADeployWaitsForTheInterval() throws Exception {
        clock.set(Instant.parse("2026-11-25T18:00:00Z"));
        PullRequest first = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, first);
        h.settle();
        clock.set(Instant.parse("2026-11-25T18:10:00Z"));
        h.gh.merge(first.repo(), first.number());
        h.send("push", Payloads.push(first.repo(), "refs/heads/master", h.gh.branchSha(first.repo(), "master")
                .orElseThrow()));
        h.settle();

        clock.set(Instant.parse("2026-11-25T18:40:00Z"));
        PullRequest second = Bumps.openGreen(h, "v20261125-9f8e7d6c5b");
        Bumps.opened(h, second);
        h.settle();
        assertThat(Bumps.statusText(h, second)).isEqualTo("PENDING Waiting: last deploy "
                + "(v20261125-1a2b3c4d5e) under 1h ago, opens Wed Nov 25 11:10 America/Los_Angeles");
        assertThat(h.gh.peek(second.repo(), second.number()).labels()).doesNotContain("autodeploy/ready");

        h.advanceTo("2026-11-25T19:10:00Z");
        assertThat(h.gh.peek(second.repo(), second.number()).labels()).contains("autodeploy/ready");
    }

    @Test
    void aWarmDecisionCostsThreeReadsAndIrrelevantEventsCostNone() throws Exception {
        clock.set(Instant.parse("2026-11-25T18:00:00Z"));
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();

        h.gh.resetCalls();
        h.send("status", Payloads.status(pr.repo(), pr.headSha(), "pull-test-infra-unit", "success"));
        h.settle();
        // The PR, its head's checks, its comments once for its ledger (our hold record decides the hold gate). The
        // deploy history (closed autobump PRs by head, the base branch's recent page) was read by the first decision
        // and is cached until a deploy PR closes, the base branch moves or the sweep (ClosedPullsCache): 0 here.
        assertThat(h.gh.calls()).isEqualTo(Map.of("pullRequest", 1, "checks", 1, "comments", 1));

        h.app.reconcileAll(); // the periodic sweep: lists open bumps, so the index of their head SHAs is fresh
        h.settle();
        h.gh.resetCalls();
        int other = h.gh.openPullRequest(pr.repo(), "bob", "bob", "fix-typo", "master", "Fix a typo",
                Map.of("README.md", "# fixed\n"));
        h.send("pull_request", Payloads.pullRequest("opened", h.gh.peek(pr.repo(), other)));
        h.send("status", Payloads.status(pr.repo(), h.gh.peek(pr.repo(), other).headSha(), "ci", "success"));
        h.send("status", Payloads.status(pr.repo(), pr.headSha(), "autodeploy", "success"));
        h.send("issue_comment", Payloads.issueComment(pr.repo(), other, true,
                h.gh.comment(pr.repo(), other, "bob", "LGTM, thanks!"), "User"));
        h.send("push", Payloads.push(pr.repo(), "refs/heads/fix-typo", "abc"));
        h.send("issues", "{\"action\":\"opened\",\"repository\":{\"full_name\":\"kubernetes/test-infra\"}}");
        h.send("pull_request", Payloads.pullRequest("opened", h.gh.peek(pr.repo(), other))
                .replace("kubernetes/test-infra", "someone/else"));
        h.settle();
        assertThat(h.gh.calls()).as("API calls for events that cannot concern us").isEmpty();
    }
}
