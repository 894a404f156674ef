package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: while oncall's hold stands and the head's last read status already says so, a CI report cannot change
 * what is written (the hold gate comes before tests; no /retest while held), so the decision reads no checks. The
 * release reads them, and the deploy reads them again before the label (issue 17.12).
 */
class HeldChecksCostTest {
    static final String E2E = "pull-test-infra-e2e";

    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final PluginHarness h = plugin.h;

    private void comment(int number, String author, String body) throws Exception {
        Comment c = h.gh.comment(PluginHarness.REPO, number, author, body);
        h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, number, true, c, "User"));
        h.settle();
    }

    private void status(PullRequest pr, Check.State state) throws Exception {
        h.gh.setCheck(pr.repo(), pr.headSha(), E2E, state);
        h.send("status", Payloads.status(pr.repo(), pr.headSha(), E2E, state.name().toLowerCase()));
        h.settle();
    }

    @Test
    void aCiReportOnAHeldBumpCostsNoChecksReadAndTheReleaseReadsThem() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        comment(pr.number(), "alice", "/hold flaky");
        status(pr, Check.State.PENDING); // a CI report while held: the hold is what the status shows
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by @alice: flaky");

        h.gh.resetCalls();
        status(pr, Check.State.SUCCESS);
        assertThat(h.gh.calls()).as("held and shown: no CI report can change the status; nothing read or written")
                .isEmpty();
        status(pr, Check.State.FAILURE);
        assertThat(h.gh.calls().get("checks")).as("a failure while held is not read either (no /retest while held)")
                .isNull();
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by @alice: flaky");

        status(pr, Check.State.SUCCESS);
        h.gh.resetCalls();
        comment(pr.number(), "alice", "/hold cancel");
        assertThat(h.gh.calls().get("checks")).as("the release reads the checks, and again before the label")
                .isGreaterThanOrEqualTo(1);
        assertThat(Bumps.statusText(h, pr)).startsWith("SUCCESS");
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
    }

    @Test
    void aNewHeadOnAHeldBumpIsNotCheckedAndItsCiReportsCostNothing() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        comment(pr.number(), "alice", "/hold flaky");

        String head = Bumps.forcePush(h, pr, "v20261125-9f8e7d6c5b");
        PullRequest now = h.gh.peek(pr.repo(), pr.number());
        h.gh.resetCalls();
        h.send("pull_request", Payloads.pullRequest("synchronize", now));
        h.settle();
        assertThat(Bumps.statusText(h, now)).isEqualTo("PENDING Held by @alice: flaky");
        assertThat(h.gh.calls().get("checks")).as("held: a new head's checks cannot change what is written").isNull();
        assertThat(h.gh.calls().get("setStatus")).as("the hold shown on the new head").isEqualTo(1);

        h.gh.resetCalls();
        h.gh.setCheck(pr.repo(), head, E2E, Check.State.PENDING);
        h.send("status", Payloads.status(pr.repo(), head, E2E, "pending"));
        h.gh.setCheck(pr.repo(), head, E2E, Check.State.SUCCESS);
        h.send("status", Payloads.status(pr.repo(), head, E2E, "success"));
        h.settle();
        assertThat(h.gh.calls()).as("CI on the held new head: nothing read or written").isEmpty();

        h.gh.resetCalls();
        comment(pr.number(), "alice", "/hold cancel");
        assertThat(h.gh.calls().get("checks")).as("the release reads the new head's checks").isGreaterThanOrEqualTo(1);
        assertThat(Bumps.statusText(h, now)).startsWith("SUCCESS");
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
    }

    @Test
    void aCiStartOnAHeldBumpWhoseStatusShowsTheHoldCostsNothingAndTheReleaseSeesItRunning() throws Exception {
        String lint = "pull-test-infra-lint";
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        comment(pr.number(), "alice", "/hold flaky");
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by @alice: flaky");

        h.gh.resetCalls();
        h.gh.setCheck(pr.repo(), pr.headSha(), lint, Check.State.PENDING);
        h.send("status", Payloads.status(pr.repo(), pr.headSha(), lint, "pending"));
        h.settle();
        assertThat(h.gh.calls()).as("the hold is shown and a CI start cannot open a gate: no request").isEmpty();

        comment(pr.number(), "alice", "/hold cancel");
        assertThat(Bumps.statusText(h, pr)).as("the release reads the checks: lint still runs")
                .isEqualTo("PENDING Waiting: tests not finished on " + pr.headSha().substring(0, 7));
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).doesNotContain("autodeploy/ready");

        h.gh.setCheck(pr.repo(), pr.headSha(), lint, Check.State.SUCCESS);
        h.send("status", Payloads.status(pr.repo(), pr.headSha(), lint, "success"));
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
    }
}
