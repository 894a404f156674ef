package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: a pending status event says what changed, and it can only close the tests gate, so its decision takes
 * the head's last read checks plus that pending context instead of reading them again. A success, a failure, or
 * a pending for a context last read finished (a rerun, or a stale delivery) is read from GitHub.
 */
class PendingStatusCostTest {
    static final String E2E = "pull-test-infra-e2e";
    static final String UNIT = "pull-test-infra-unit";
    static final String LINT = "pull-test-infra-lint";

    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final PluginHarness h = plugin.h;

    private void status(PullRequest pr, String context, Check.State state) throws Exception {
        h.gh.setCheck(pr.repo(), pr.headSha(), context, state);
        h.send("status", Payloads.status(pr.repo(), pr.headSha(), context, state.name().toLowerCase()));
        h.settle();
    }

    @Test
    void aPendingReportOfANewContextCostsNoChecksReadAndClosesTheGate() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");

        h.gh.resetCalls();
        status(pr, E2E, Check.State.PENDING);
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Waiting: tests not finished on "
                + pr.headSha().substring(0, 7));
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).doesNotContain("autodeploy/ready");
        assertThat(h.gh.calls()).as("the PR, its ledger; no checks read; the status and the label written")
                .isEqualTo(Map.of("pullRequest", 1, "comments", 1, "setStatus", 1, "removeLabel", 1));

        h.gh.resetCalls();
        status(pr, E2E, Check.State.SUCCESS);
        // The checks once: this decision read them a moment ago, so the deploy re-reads only the history (issue 16;
        // it used to read checks and ledger a second time, which added latency and nothing else).
        assertThat(h.gh.calls()).as("a success that may finish the tests is read from GitHub, the history read again"
                        + " before the label")
                .containsEntry("checks", 1).containsEntry("comments", 1)
                .containsEntry("pullRequests", 3); // autobump listing (fork, org), base page
        assertThat(Bumps.statusText(h, pr)).startsWith("SUCCESS");
    }

    @Test
    void aPendingReportOfAContextLastReadFinishedIsReadFromGitHub() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();

        h.gh.resetCalls();
        // A stale delivery: GitHub still says success for unit, the event says pending.
        h.send("status", Payloads.status(pr.repo(), pr.headSha(), UNIT, "pending"));
        h.settle();
        assertThat(h.gh.calls()).as("read, not trusted").isEqualTo(Map.of("pullRequest", 1, "comments", 1,
                "checks", 1));
        assertThat(Bumps.statusText(h, pr)).as("GitHub's truth stands").startsWith("SUCCESS");
    }

    @Test
    void aCiStartWhileTheHeadShowsNotFinishedCostsNothingAndTheLastSuccessIsRead() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        status(pr, E2E, Check.State.PENDING); // the head shows "not finished" now
        String notFinished = "PENDING Waiting: tests not finished on " + pr.headSha().substring(0, 7);
        assertThat(Bumps.statusText(h, pr)).isEqualTo(notFinished);

        h.gh.resetCalls();
        status(pr, LINT, Check.State.PENDING);
        assertThat(h.gh.calls()).as("a CI start cannot change a status that already says not finished: no request")
                .isEmpty();

        h.gh.resetCalls();
        status(pr, E2E, Check.State.SUCCESS);
        assertThat(h.gh.calls()).as("a success while lint still runs leaves the tests running: no request, no write")
                .isEmpty();
        assertThat(Bumps.statusText(h, pr)).isEqualTo(notFinished);

        h.gh.resetCalls();
        status(pr, LINT, Check.State.SUCCESS);
        assertThat(h.gh.calls()).as("the success that may finish the tests is read: the PR, its ledger, the checks")
                .containsEntry("pullRequest", 2).containsEntry("comments", 1).containsEntry("checks", 1);
        assertThat(Bumps.statusText(h, pr)).startsWith("SUCCESS");
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
    }

    @Test
    void aFailureWhileTheHeadShowsNotFinishedIsReadAndRetried() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        status(pr, E2E, Check.State.PENDING);
        status(pr, LINT, Check.State.PENDING);

        h.gh.resetCalls();
        status(pr, E2E, Check.State.FAILURE);
        assertThat(h.gh.calls()).as("a failure can change the text (and a /retest): read from GitHub")
                .containsEntry("checks", 1);
        assertThat(Bumps.statusText(h, pr)).as("read, so the flake is retried inside the window")
                .isEqualTo("PENDING Retrying failed tests (1/1)");

        h.gh.resetCalls();
        status(pr, LINT, Check.State.SUCCESS);
        assertThat(h.gh.calls()).as("the head no longer shows \"not finished\": a success there is read")
                .containsEntry("checks", 1);
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).doesNotContain("autodeploy/ready");
    }

    @Test
    void aCiStartAfterTheDeploysSuccessIsReadAndTakesTheLabelOff() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        status(pr, E2E, Check.State.PENDING);
        status(pr, E2E, Check.State.SUCCESS); // read "not finished", then wrote success and the label
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");

        h.gh.resetCalls();
        status(pr, LINT, Check.State.PENDING); // a new job starts on the labelled head
        assertThat(h.gh.calls()).as("the known status is the success written, not the pending read before it")
                .containsEntry("pullRequest", 1).containsEntry("removeLabel", 1);
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).doesNotContain("autodeploy/ready");
        assertThat(Bumps.statusText(h, pr)).startsWith("PENDING Waiting: tests not finished");
    }
}
