package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.metrics.status.StatusBoard;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollback.RollbackTitle;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestRepo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: the deploy history (ClosedPullsCache) is no longer read again on every sweep while no bump is open, nor
 * the base branch's page every hour. What tells it a deploy happened without its pull_request event (hook gave up,
 * no replica ran) is the push of that merge to the base branch: it changes files under autobump.paths.
 */
class HistoryTriggersTest {
    private static final String OLD = "v20261118-a1b2c3d4e5";
    private static final String DEPLOYED = "v20261125-1a2b3c4d5e";
    private static final String NEXT = "v20261126-2b3c4d5e6f";

    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final PluginHarness h = plugin.h;

    /** A bump deployed and merged; sweeps since have seen it closed. */
    private void deployed() throws Exception {
        PullRequest pr = Bumps.openGreen(h, DEPLOYED);
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains("autodeploy/ready");
        h.gh.merge(pr.repo(), pr.number());
        for (int i = 0; i < 2; i++) {
            plugin.clock.advance(Duration.ofMinutes(5));
            h.app.sweep();
            h.settle();
        }
        assertThat(deployedTag()).contains(DEPLOYED);
    }

    private Optional<String> deployedTag() {
        return h.app.board.view(PluginHarness.REPO).flatMap(StatusBoard.RepoView::deployed).map(Deploy::tag);
    }

    /** Merges {@code number} and delivers only the push GitHub sends for it (its pull_request event is lost). */
    private void mergedAndOnlyThePushDelivered(int number) throws Exception {
        String before = h.gh.branchSha(PluginHarness.REPO, "master").orElseThrow();
        h.gh.merge(PluginHarness.REPO, number);
        String after = h.gh.branchSha(PluginHarness.REPO, "master").orElseThrow();
        h.send("push", Payloads.push(PluginHarness.REPO, "refs/heads/master", before, after,
                "Merge pull request #" + number, List.of(), List.of(), List.of(TestRepo.FILE)));
        h.settle();
    }

    @ParameterizedTest(name = "with a bump open: {0}")
    @ValueSource(booleans = {false, true})
    void aRollbackOfOursMergedWhoseEventWasLostIsSeenByItsPush(boolean bumpOpen) throws Exception {
        deployed();
        if (bumpOpen) {
            Bumps.opened(h, Bumps.openGreen(h, NEXT));
            h.settle();
        }
        int rollback = h.gh.openPullRequest(PluginHarness.REPO, "k8s-ci-robot", "kubernetes",
                RollbackTitle.branch(OLD), "master", "Roll back Prow to " + OLD + " (from " + DEPLOYED + ")",
                Map.of(TestRepo.FILE, TestRepo.deployment(OLD)));
        plugin.clock.advance(Duration.ofMinutes(1));
        mergedAndOnlyThePushDelivered(rollback);
        assertThat(deployedTag()).as("the base branch's page read again on the push").contains(OLD);
    }

    @ParameterizedTest(name = "a sweep between opening and merging: {0}")
    @ValueSource(booleans = {false, true})
    void aBumpThatOpenedAndMergedUnseenIsSeenByItsPush(boolean sweptWhileOpen) throws Exception {
        deployed();
        int bump = TestRepo.testInfra(h.gh).openGreenBump(NEXT); // its pull_request events are lost
        if (sweptWhileOpen) {
            plugin.clock.advance(Duration.ofMinutes(5));
            h.app.sweep();
            h.settle();
        }
        plugin.clock.advance(Duration.ofMinutes(1));
        mergedAndOnlyThePushDelivered(bump);
        assertThat(deployedTag()).as("the closed autobump listing read again on the push").contains(NEXT);
    }

    @Test
    void aBumpDecidedOnThenMergedWithEveryDeliveryLostIsSeenByTheNextSweep() throws Exception {
        deployed();
        PullRequest bump = Bumps.openGreen(h, NEXT);
        Bumps.opened(h, bump); // decided on while open; no sweep lists it open before it merges
        h.settle();
        plugin.clock.advance(Duration.ofMinutes(1));
        h.gh.merge(PluginHarness.REPO, bump.number()); // neither its pull_request event nor its push arrives
        plugin.clock.advance(Duration.ofMinutes(4));
        h.app.sweep();
        h.settle();
        assertThat(deployedTag()).as("none open at two listings, but a bump decided on in between closed")
                .contains(NEXT);
    }
}
