package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestRepo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: other PRs' merges move the base branch about twenty times a working day, and every move changes the
 * body of every PR listing and PR read (the base commit is in each PR), so each request they trigger is charged.
 * A push to the base branch, like the sweep, lists the open autobump PRs once and decides on that listing's PR:
 * the PR is not read again, and the closed autobump listing is read again only when the open ones changed. A push
 * whose commits name only files no autobump may change is not reconciled at all (PushedPaths).
 */
class BaseBranchPushCostTest {
    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final PluginHarness h = plugin.h;

    private PullRequest deployedBump() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
        h.app.reconcileAll();
        h.settle();
        return pr;
    }

    private String otherPrMerged(PullRequest bump) {
        int other = h.gh.openPullRequest(bump.repo(), "bob", "bob", "fix-typo", "master", "Fix a typo",
                Map.of("README.md", "# fixed\n"));
        h.gh.merge(bump.repo(), other);
        return Payloads.push(bump.repo(), "refs/heads/master", h.gh.branchSha(bump.repo(), "master").orElseThrow());
    }

    @Test
    void anotherPrsMergeCostsTheOpenListingTheChecksAndTheLedgerNotThePrNorTheHistory() throws Exception {
        PullRequest pr = deployedBump();
        String push = otherPrMerged(pr);
        h.gh.resetCalls();
        h.send("push", push);
        h.settle();
        assertThat(h.gh.calls()).as("open autobump listing (first owner with a hit), the head's checks, the ledger")
                .isEqualTo(Map.of("pullRequests", 1, "checks", 1, "comments", 1));
        assertThat(h.gh.writeCalls()).as("nothing changed").isZero();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
    }

    /** Another PR's merge as GitHub sends it: the push's commit names the files it changed. */
    private String otherPrMergedWithItsFiles(PullRequest bump, String file) {
        String before = h.gh.branchSha(bump.repo(), "master").orElseThrow();
        int other = h.gh.openPullRequest(bump.repo(), "bob", "bob", "fix-typo", "master", "Fix a typo",
                Map.of(file, "# fixed\n"));
        h.gh.merge(bump.repo(), other);
        String after = h.gh.branchSha(bump.repo(), "master").orElseThrow();
        return Payloads.push(bump.repo(), "refs/heads/master", before, after,
                "Merge pull request #" + other + " from bob/fix-typo\n\nFix a typo", List.of(), List.of(),
                List.of(file));
    }

    @Test
    void anotherPrsMergeThatTouchesNoAutobumpPathCostsNothing() throws Exception {
        PullRequest pr = deployedBump();
        String push = otherPrMergedWithItsFiles(pr, "README.md");
        h.gh.resetCalls();
        h.send("push", push);
        h.settle();
        assertThat(h.gh.calls()).as("the push names README.md only: no reconcile, no request").isEmpty();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
    }

    @Test
    void aMergeThatTouchesTheDeploymentFilesIsReconciledAsBefore() throws Exception {
        PullRequest pr = deployedBump();
        String push = otherPrMergedWithItsFiles(pr, TestRepo.FILE);
        h.gh.resetCalls();
        h.send("push", push);
        h.settle();
        assertThat(h.gh.calls()).as("a file under autobump.paths changed on master: the same reconcile as an "
                + "unknown push, and the deploy history read again (it may be a bump's or a rollback's merge whose "
                + "pull_request event was lost: ClosedPullsCache.basePushed): closed autobumps (fork, then org: none"
                + " closed yet) and the base branch's page")
                .isEqualTo(Map.of("pullRequests", 1 + 2 + 1, "checks", 1, "comments", 1));
    }

    @Test
    void aSweepDecidesOnItsListingAndRereadsTheHistoryOnlyWhenTheOpenBumpsChanged() throws Exception {
        PullRequest pr = deployedBump();
        h.gh.resetCalls();
        h.app.reconcileAll();
        h.settle();
        assertThat(h.gh.calls()).as("unchanged open bumps: no PR read, no closed listing")
                .isEqualTo(Map.of("pullRequests", 1, "checks", 1, "comments", 1));

        // The bump closes and nobody tells us (the event was lost): the next sweep lists none open.
        h.gh.close(pr.repo(), pr.number());
        h.gh.resetCalls();
        h.app.reconcileAll();
        h.settle();
        assertThat(h.gh.calls().get("pullRequests")).as("open listing (the fork only: none), closed autobumps")
                .isEqualTo(2);
    }

    @Test
    void labellingForTideAfterASweepReadsThePrFresh() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        h.gh.resetCalls();
        h.app.reconcileAll(); // no event: the sweep finds the green bump in its listing and decides to deploy
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
        // The checks once, by this decision: re-reading them a moment later (as before issue 16's latency work)
        // told nothing new; the PR read right before the label is what guards against a force-push (17.12).
        assertThat(h.gh.calls()).as("issue 17.12: the PR (by the Applier) read fresh before the label is added, the"
                        + " checks read by this decision")
                .containsEntry("pullRequest", 1).containsEntry("checks", 1).containsEntry("addLabels", 1);
    }
}
