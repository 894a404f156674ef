package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Commands posted while no replica ran (or answered 503) are run at start-up and on every sweep, once: the reply
 * record is the marker, across restarts and replicas (issue 13).
 */
class CommandRecoveryScenarioTest {
    private static final String HOLD = "do-not-merge/hold";
    private static final String BOT = "k8s-ci-robot";
    // Wednesday 2026-11-25 10:00 in Los Angeles: inside the window.
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final InMemoryGitHub gh = new InMemoryGitHub(clock, BOT);
    private PluginHarness first;
    private PluginHarness second;

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private PluginHarness start() throws Exception {
        return new PluginHarness(clock, PluginHarness.defaultConfig(), gh);
    }

    private List<Comment> botComments(int number) {
        return gh.peekComments(PluginHarness.REPO, number).stream().filter(c -> c.author().equals(BOT)).toList();
    }

    private PullRequest bumpWhileRunning() throws Exception {
        Bumps.seed(gh);
        first = start();
        PullRequest pr = Bumps.openGreen(first, "v20261125-1a2b3c4d5e");
        Bumps.opened(first, pr);
        first.settle();
        return pr;
    }

    @Test
    void aHoldPostedWhileDownIsAppliedAndAnsweredAtStartUp() throws Exception {
        PullRequest pr = bumpWhileRunning();
        first.close();
        first = null;
        clock.set(java.time.Instant.parse("2026-11-25T18:05:00Z"));
        gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold hook is crashlooping");
        clock.set(java.time.Instant.parse("2026-11-25T18:10:00Z"));

        second = start(); // start-up is a sweep

        assertThat(gh.peek(PluginHarness.REPO, pr.number()).labels()).contains(HOLD);
        assertThat(botComments(pr.number())).singleElement().extracting(Comment::body).asString()
                .startsWith("@alice: (picked up late: this command was posted at 2026-11-25 18:05 UTC")
                .contains("automatic deploys are held (hook is crashlooping)");
        assertThat(Bumps.statusText(second, pr)).isEqualTo("PENDING Held by @alice: hook is crashlooping");
    }

    @Test
    void aRestartWithOnlyAnsweredCommandsRunsAndPostsNothing() throws Exception {
        PullRequest pr = bumpWhileRunning();
        Comment hold = gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold");
        first.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, pr.number(), true, hold, "User"));
        first.settle();
        clock.set(java.time.Instant.parse("2026-11-25T18:01:00Z"));
        Comment cancel = gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold cancel");
        first.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, pr.number(), true, cancel, "User"));
        first.settle();
        first.close();
        first = null;
        List<Comment> before = botComments(pr.number());
        gh.resetCalls();

        second = start();

        assertThat(gh.peek(PluginHarness.REPO, pr.number()).labels()).doesNotContain(HOLD);
        assertThat(botComments(pr.number())).isEqualTo(before);
        assertThat(gh.calls()).doesNotContainKeys("createComment", "editComment", "deleteComment", "addLabels",
                "removeLabel");
    }

    @Test
    void twoReplicasRecoveringOneCommandLeaveOneReply() throws Exception {
        PullRequest pr = bumpWhileRunning();
        second = start();
        // Hook's delivery was refused (503 while draining): both replicas find the command on their sweeps, at once.
        gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold");
        first.app.sweep();
        second.app.sweep();
        first.settle();
        second.settle();

        assertThat(botComments(pr.number())).hasSize(1);
        assertThat(gh.peek(PluginHarness.REPO, pr.number()).labels()).contains(HOLD);
    }

    @Test
    void aDeletedOrTooOldCommandIsNotRecovered() throws Exception {
        PullRequest pr = bumpWhileRunning();
        first.close();
        first = null;
        Comment deleted = gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold");
        gh.deleteComment(PluginHarness.REPO, deleted.id());
        clock.set(java.time.Instant.parse("2026-11-24T17:00:00Z"));
        gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold from yesterday");
        clock.set(java.time.Instant.parse("2026-11-25T18:10:00Z"));

        second = start();

        assertThat(gh.peek(PluginHarness.REPO, pr.number()).labels()).doesNotContain(HOLD);
        assertThat(botComments(pr.number())).isEmpty();
    }

    @Test
    void anEditedCommandIsRecoveredAsItReadsNow() throws Exception {
        PullRequest pr = bumpWhileRunning();
        first.close();
        first = null;
        Comment c = gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold");
        gh.editComment(PluginHarness.REPO, c.id(), "never mind, all fine");

        second = start();

        assertThat(gh.peek(PluginHarness.REPO, pr.number()).labels()).doesNotContain(HOLD);
        assertThat(botComments(pr.number())).isEmpty();
    }
}
