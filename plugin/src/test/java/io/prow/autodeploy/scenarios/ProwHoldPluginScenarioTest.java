package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.sandbox.ProwHoldPlugin;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12: Prow's hold plugin runs beside ours on every comment and removes {@code do-not-merge/hold} for anyone
 * (kubernetes-sigs/prow pkg/plugins/hold/hold.go, {@link ProwHoldPlugin}). A non-oncall {@code /hold cancel} goes
 * through both: ours refuses in one reply, the label Prow's took off comes back on the {@code unlabeled} event, the
 * hold's comment says once who may release, the bump stays held; oncall's release, through both, deploys it. Hook
 * hands the comment to both plugins at once, so either may act first: both orders.
 */
class ProwHoldPluginScenarioTest {
    private static final String HOLD = ProwHoldPlugin.LABEL;
    private static final String READY = "autodeploy/ready";
    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final ManualClock clock = plugin.clock;
    private final PluginHarness h = plugin.h;
    private final ProwHoldPlugin prowHold = new ProwHoldPlugin(h.gh);

    enum Order {
        OUR_PLUGIN_FIRST, PROWS_HOLD_PLUGIN_FIRST
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Order.class)
    void aNonOncallHoldCancelThroughProwsHoldPluginKeepsOurHold(Order order) throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(now(pr).labels()).contains(READY);
        bothPlugins(order, pr, "alice", "/hold hook 5xx");
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by @alice: hook 5xx");

        clock.set(Instant.parse("2026-11-25T18:05:00Z"));
        h.gh.resetCalls();
        Optional<ProwHoldPlugin.Change> prowDid = bothPlugins(order, pr, "bob", "/hold cancel");

        assertThat(prowDid).as("Prow's hold plugin removes the label for anyone").contains(
                ProwHoldPlugin.Change.UNLABELED);
        assertThat(now(pr).labels()).as("the label is back, nothing merges").contains(HOLD).doesNotContain(READY);
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by @alice: hook 5xx");
        assertThat(h.gh.calls()).as("one refusal, the label back, the hold's comment edited once")
                .containsEntry("createComment", 1).containsEntry("addLabels", 1).containsEntry("editComment", 1)
                .doesNotContainKeys("removeLabel", "setStatus");
        assertThat(Bumps.botComments(h, pr.number())).as("the hold's comment and the one reply to bob").hasSize(2)
                .satisfiesExactly(
                        hold -> assertThat(hold.body()).containsOnlyOnce("label was removed")
                                .contains("(the oncall teams and users, repository admins)"),
                        reply -> assertThat(reply.body()).startsWith("@bob: `/hold cancel` is only available")
                                .doesNotContain("label was removed"));

        clock.set(Instant.parse("2026-11-25T18:10:00Z"));
        bothPlugins(order, pr, "alice", "/hold cancel");
        assertThat(now(pr).labels()).as("oncall released: deployable").contains(READY).doesNotContain(HOLD);
        assertThat(Bumps.statusText(h, pr)).isEqualTo("SUCCESS Deploying v20261125-1a2b3c4d5e (all gates open)");
    }

    /** Both plugins get the comment; the label event Prow's causes reaches ours as GitHub sends it. */
    private Optional<ProwHoldPlugin.Change> bothPlugins(Order order, PullRequest pr, String who, String body)
            throws Exception {
        Comment c = h.gh.comment(PluginHarness.REPO, pr.number(), who, body);
        if (order == Order.OUR_PLUGIN_FIRST) {
            deliver(pr, c);
        }
        Optional<ProwHoldPlugin.Change> change = prowHold.onCommentCreated(PluginHarness.REPO, pr.number(), body);
        if (change.isPresent()) {
            h.send("pull_request", Payloads.pullRequest(change.get().action(), now(pr)));
            h.settle();
        }
        if (order == Order.PROWS_HOLD_PLUGIN_FIRST) {
            deliver(pr, c);
        }
        return change;
    }

    private void deliver(PullRequest pr, Comment c) throws Exception {
        h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, pr.number(), true, c, "User"));
        h.settle();
    }

    private PullRequest now(PullRequest pr) {
        return h.gh.peek(pr.repo(), pr.number());
    }
}
