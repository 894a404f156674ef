package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17.9 end to end: a malformed 200 (what the real adapter turns into {@link GitHubException#malformed}, see
 * KohsukeGitHubMalformedTest) is retried on the same schedule as a 5xx: a command's 2s, 8s, 20s and then one reply
 * asking to comment again; a decision's 30s retry.
 */
class MalformedAnswerScenarioTest {
    private static final String HOLD = "do-not-merge/hold";
    private static final String READY = "autodeploy/ready";

    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final PluginHarness h = plugin.h;

    private static GitHubException truncated(String what) {
        return GitHubException.malformed(what, 200, new java.io.EOFException("half a JSON list"));
    }

    private PullRequest deployableBump() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains(READY);
        return pr;
    }

    /** The bot's replies (not its hold marker comment) after oncall's {@code /hold}. */
    private List<Comment> hold(PullRequest pr) throws Exception {
        h.pauses.clear();
        Comment c = h.gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold hook is down");
        h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, pr.number(), true, c, "User"));
        h.settle();
        return h.gh.peekComments(PluginHarness.REPO, pr.number()).stream()
                .filter(x -> x.author().equals(h.gh.botLogin()) && x.body().contains("autodeploy:reply-to")).toList();
    }

    @Test
    void aCommandRetriesAMalformedAnswerAndThenSucceeds() throws Exception {
        PullRequest pr = deployableBump();
        h.gh.failNext("addLabels", 1, truncated("addLabels"));

        List<Comment> replies = hold(pr);

        assertThat(h.pauses).containsExactly(Duration.ofSeconds(2));
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains(HOLD).doesNotContain(READY);
        assertThat(replies).hasSize(1);
    }

    @Test
    void aPersistentlyMalformedAnswerEndsInOneReplyAskingToCommentAgain() throws Exception {
        PullRequest pr = deployableBump();
        h.gh.failNext("addLabels", 4, truncated("addLabels"));

        List<Comment> replies = hold(pr);

        assertThat(h.pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(20));
        assertThat(replies).singleElement().satisfies(r -> assertThat(r.body()).contains("comment `/hold` again")
                .contains("GitHub gave an unreadable answer (HTTP 200)").doesNotContain("an error (200)"));
    }

    @Test
    void aDecisionRetriesAMalformedAnswerAfter30s() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        h.gh.failNext("checks", 1, truncated("checks"));
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).doesNotContain(READY);
        assertThat(h.app.scheduler.pending()).anySatisfy(e ->
                assertThat(e.getValue()).isEqualTo(plugin.clock.instant().plusSeconds(30)));

        plugin.clock.advance(Duration.ofSeconds(30));
        h.settle();

        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).contains(READY);
    }
}
