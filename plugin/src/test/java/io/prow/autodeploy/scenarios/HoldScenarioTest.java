package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Oncall stops and resumes deploys with comments; the hold survives new bumps and redeliveries. */
class HoldScenarioTest {
    private static final String HOLD = "do-not-merge/hold";
    private static final String READY = "autodeploy/ready";
    // Wednesday 2026-11-25 10:00 in Los Angeles: inside the window.
    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final ManualClock clock = plugin.clock;
    private final PluginHarness h = plugin.h;

    private void comment(int number, boolean onPr, String author, String body) throws Exception {
        Comment c = h.gh.comment(PluginHarness.REPO, number, author, body);
        h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, number, onPr, c, "User"));
        h.settle();
    }

    private PullRequest now(PullRequest pr) {
        return h.gh.peek(pr.repo(), pr.number());
    }

    private List<Comment> botComments(int number) {
        return h.gh.peekComments(PluginHarness.REPO, number).stream()
                .filter(c -> c.author().equals("k8s-ci-robot")).toList();
    }

    @Test
    void holdThenNewBumpThenCancel() throws Exception {
        PullRequest first = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, first);
        h.settle();
        assertThat(now(first).labels()).contains(READY);

        comment(first.number(), true, "alice", "/hold hook is crashlooping");
        assertThat(now(first).labels()).contains(HOLD).doesNotContain(READY);
        assertThat(Bumps.statusText(h, first)).isEqualTo("PENDING Held by @alice: hook is crashlooping");

        // The autobumper replaces the PR: the held one is closed, a new one opens.
        h.gh.close(first.repo(), first.number());
        PullRequest second = Bumps.openGreen(h, "v20261125-9f8e7d6c5b");
        Bumps.opened(h, second);
        h.settle();
        assertThat(now(second).labels()).contains(HOLD).doesNotContain(READY);
        assertThat(Bumps.statusText(h, second)).isEqualTo("PENDING Held by @alice: hook is crashlooping");

        comment(second.number(), true, "alice", "/hold cancel");
        assertThat(now(second).labels()).contains(READY).doesNotContain(HOLD);
        assertThat(now(first).labels()).as("no hold left to carry").doesNotContain(HOLD);

        // A later reconcile must not carry the released hold again.
        h.app.reconcileAll();
        h.settle();
        assertThat(now(second).labels()).doesNotContain(HOLD);
    }

    @Test
    void holdFromAnIssueHoldsTheAutobumpPrAndLinksIt() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();

        comment(900, false, "bob", "Prow looks broken.\n/hold\nLooking into it.");
        assertThat(now(pr).labels()).contains(HOLD).doesNotContain(READY);
        assertThat(botComments(900)).singleElement().extracting(Comment::body).asString()
                .contains("@bob: automatic deploys are held on the latest autobump PR " + pr.htmlUrl());
    }

    @Test
    void unauthorizedUnholdGetsOneReplyAndChangesNothing() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        comment(pr.number(), true, "alice", "/hold");
        int before = botComments(pr.number()).size();

        comment(pr.number(), true, "bob", "/unhold");
        assertThat(now(pr).labels()).contains(HOLD);
        List<Comment> replies = botComments(pr.number());
        assertThat(replies).hasSize(before + 1);
        assertThat(replies.get(replies.size() - 1).body())
                .contains("@bob: `/hold cancel` is only available to the oncall teams and users, repository admins");

        comment(pr.number(), true, "mallory", "/hold");
        assertThat(botComments(pr.number()).get(botComments(pr.number()).size() - 1).body())
                .contains("only available to members of the org");
    }

    @Test
    void redeliveredHoldPostsOnceAndQuotedOrIndentedCommandsDoNothing() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        // A /hold in a fenced code block holds, as it does for Prow's hold plugin (issue 12: the two agree on the
        // label; ProwHoldParityTest), so this comment no longer has one; quoted, indented or mid-line do nothing.
        comment(pr.number(), true, "bob", "> /hold\n    /hold\n  /hold\nplease /hold\nok\u2028/hold");
        assertThat(now(pr).labels()).doesNotContain(HOLD);

        Comment c = h.gh.comment(pr.repo(), pr.number(), "alice", "/hold deploy freeze");
        String payload = Payloads.issueComment(pr.repo(), pr.number(), true, c, "User");
        h.send("issue_comment", payload);
        h.settle();
        var log = h.gh.log();
        h.send("issue_comment", payload);
        h.send("issue_comment", payload);
        h.settle();
        assertThat(h.gh.log()).isEqualTo(log);
        assertThat(botComments(pr.number())).hasSize(1); // one comment per command: the reply is the hold record
    }

    @Test
    void concurrentHoldAndStatusEventEndHeld() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        Comment c = h.gh.comment(pr.repo(), pr.number(), "alice", "/hold");
        String hold = Payloads.issueComment(pr.repo(), pr.number(), true, c, "User");
        String status = Payloads.status(pr.repo(), pr.headSha(), "pull-test-infra-unit", "success");
        CompletableFuture<?>[] sends = new CompletableFuture<?>[20];
        for (int i = 0; i < sends.length; i++) {
            String body = i == 10 ? hold : status;
            String type = i == 10 ? "issue_comment" : "status";
            sends[i] = CompletableFuture.runAsync(() -> {
                try {
                    h.send(type, body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        CompletableFuture.allOf(sends).join();
        h.settle();
        assertThat(now(pr).labels()).contains(HOLD).doesNotContain(READY);
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by @alice");
    }

    @Test
    void aHoldWithNoOpenBumpSitsOnTheMergedOneAndTheNextBumpInheritsIt() throws Exception {
        PullRequest deployed = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, deployed);
        h.settle();
        h.gh.merge(deployed.repo(), deployed.number());

        comment(900, false, "alice", "/hold the last deploy broke hook");
        assertThat(now(deployed).labels()).as("the newest autobump PR, though merged").contains(HOLD);

        clock.set(java.time.Instant.parse("2026-11-25T19:30:00Z"));
        PullRequest next = Bumps.openGreen(h, "v20261125-9f8e7d6c5b");
        Bumps.opened(h, next);
        h.settle();
        assertThat(now(next).labels()).contains(HOLD).doesNotContain(READY);
        assertThat(Bumps.statusText(h, next)).isEqualTo("PENDING Held by @alice: the last deploy broke hook");
    }

    @Test
    void aCommentWithTwoCommandsGetsTwoRepliesOnceEach() throws Exception {
        PullRequest deployed = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, deployed);
        h.settle();
        h.gh.merge(deployed.repo(), deployed.number());
        clock.set(java.time.Instant.parse("2026-11-25T19:30:00Z"));
        PullRequest second = Bumps.openGreen(h, "v20261125-9f8e7d6c5b");
        Bumps.opened(h, second);
        h.settle();
        h.gh.merge(second.repo(), second.number());
        clock.set(java.time.Instant.parse("2026-11-25T20:40:00Z"));
        PullRequest next = Bumps.openGreen(h, "v20261125-2468ace024");
        Bumps.opened(h, next);
        h.settle();

        Comment c = h.gh.comment(next.repo(), next.number(), "alice", "/hold hook is down\n/rollback");
        String payload = Payloads.issueComment(next.repo(), next.number(), true, c, "User");
        h.send("issue_comment", payload);
        h.settle();
        List<String> replies = botComments(next.number()).stream().map(Comment::body)
                .filter(b -> b.startsWith("@alice: ")).toList();
        assertThat(replies).hasSize(2);
        assertThat(replies).anySatisfy(b -> assertThat(b).contains("automatic deploys are held (hook is down)"));
        assertThat(replies).anySatisfy(b -> assertThat(b).contains("to roll Prow back to `v20261125-1a2b3c4d5e`"));

        var log = h.gh.log();
        h.send("issue_comment", payload);
        h.settle();
        assertThat(h.gh.log()).as("a redelivery repeats neither command").isEqualTo(log);
    }
}
