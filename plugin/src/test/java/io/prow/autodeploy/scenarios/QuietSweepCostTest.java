package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.testing.PluginHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: nights and weekends are sweeps only (288 a day), so what a quiet sweep reads is most of the week's
 * requests, and each request can fail (the week's 1% of 502s are charged). The command recovery after the reconcile
 * takes the newest merged bump from the closed autobump listing the reconcile just read (ClosedPullsCache), instead
 * of listing it a second time in the same sweep.
 */
class QuietSweepCostTest {
    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final PluginHarness h = plugin.h;

    private PullRequest mergedBump() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
        h.gh.merge(pr.repo(), pr.number());
        sweep();
        return pr;
    }

    /** What the plugin's timer fires every reconcileInterval: reconcile, then command recovery. */
    private void sweep() throws InterruptedException {
        h.app.sweep();
        h.settle();
    }

    @Test
    void aQuietSweepListsTheClosedBumpsOnceForReconcileAndRecovery() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
        h.gh.merge(pr.repo(), pr.number()); // no event: this sweep is the first to list it closed
        plugin.clock.advance(Duration.ofMinutes(5));
        h.gh.resetCalls();
        sweep();
        assertThat(h.gh.calls()).as("open listing (the fork only: none open), closed autobumps once (the reconcile's,"
                        + " taken by the recovery too), the merged bump's comments (recovery)")
                .isEqualTo(Map.of("pullRequests", 2, "comments", 1));
        assertThat(h.gh.writeCalls()).isZero();
    }

    @Test
    void whileNoBumpIsOpenSweepsListNoClosedPullsUntilTheMaxAge() throws Exception {
        mergedBump(); // its sweep listed the closed autobumps: the open bumps changed (one -> none)
        h.gh.resetCalls();
        for (int i = 0; i < 12; i++) { // an hour of quiet sweeps
            plugin.clock.advance(Duration.ofMinutes(5));
            sweep();
        }
        assertThat(h.gh.calls()).as("per sweep: the open listing (the fork only: none open), the merged bump's"
                        + " comments (recovery); no closed listing: nothing said a bump opened or closed")
                .isEqualTo(Map.of("pullRequests", 12, "comments", 12));
        h.gh.resetCalls();
        for (int i = 0; i < 12; i++) { // the next hour: past the closed autobump listing's max age once
            plugin.clock.advance(Duration.ofMinutes(5));
            sweep();
        }
        assertThat(h.gh.calls()).as("and the closed autobump listing once, at its max age (2h)")
                .isEqualTo(Map.of("pullRequests", 13, "comments", 12));
    }

    @Test
    void aSweepReadsAnOpenBumpsCommentsOnceForItsLedgerAndTheRecovery() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
        sweep(); // the first sweep to list this bump open reads the closed listing again (the open bumps changed)
        plugin.clock.advance(Duration.ofMinutes(5));
        h.gh.resetCalls();
        sweep();
        assertThat(h.gh.calls()).as("open listing (fork: one hit), the head's checks, the bump's comments once: the"
                        + " recovery takes the list the reconcile read for the ledger in the same sweep")
                .isEqualTo(Map.of("pullRequests", 1, "checks", 1, "comments", 1));
        assertThat(h.gh.writeCalls()).isZero();
    }

    @Test
    void aCommandOnTheOpenBumpNeverDeliveredIsRecoveredFromTheListTheReconcileRead() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        plugin.clock.advance(Duration.ofMinutes(5));
        int before = Bumps.botComments(h, pr.number()).size();
        h.gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold bad rollout"); // never delivered
        sweep();
        assertThat(Bumps.botComments(h, pr.number())).as("one reply, to the recovered /hold").hasSize(before + 1);
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("do-not-merge/hold");
        plugin.clock.advance(Duration.ofMinutes(5));
        h.gh.resetCalls();
        sweep();
        assertThat(Bumps.botComments(h, pr.number())).as("not answered twice").hasSize(before + 1);
        assertThat(h.gh.calls().get("comments")).as("the held bump's comments once: ledger and recovery")
                .isEqualTo(1);
    }

    @Test
    void aHoldPostedOnTheMergedBumpWhileNoReplicaRanIsRecoveredByTheNextSweep() throws Exception {
        PullRequest pr = mergedBump();
        plugin.clock.advance(Duration.ofMinutes(5));
        int before = Bumps.botComments(h, pr.number()).size();
        h.gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold bad rollout"); // never delivered
        sweep();
        assertThat(Bumps.botComments(h, pr.number())).as("one reply, to the recovered /hold").hasSize(before + 1);
        assertThat(Bumps.botComments(h, pr.number()).get(before).body()).contains("picked up late");
        plugin.clock.advance(Duration.ofMinutes(5));
        sweep();
        assertThat(Bumps.botComments(h, pr.number())).as("not answered twice").hasSize(before + 1);
    }
}
