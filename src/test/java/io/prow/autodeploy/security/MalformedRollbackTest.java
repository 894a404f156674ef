package io.prow.autodeploy.security;

import static io.prow.autodeploy.reliability.DeployWorld.FIRST;
import static io.prow.autodeploy.reliability.DeployWorld.HOLD;
import static io.prow.autodeploy.reliability.DeployWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.reliability.DeployWorld;
import io.prow.autodeploy.reliability.Flow;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code /rollback} with arguments it cannot take is never silently ignored (issue 17.7): the command word is
 * matched alone, and whatever follows it that is not one tag gets one reply with the usage, and nothing is done.
 */
class MalformedRollbackTest {
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private PluginHarness h;
    private InMemoryGitHub gh;
    private int bump;

    @BeforeEach
    void start() throws Exception {
        gh = DeployWorld.github(clock);
        h = new PluginHarness(clock, PluginHarness.defaultConfig(), gh);
        bump = Flow.deployed(h);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private List<String> botReplies() {
        return gh.peekComments(REPO, bump).stream().filter(c -> c.author().equals(DeployWorld.BOT))
                .map(Comment::body).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/rollback " + FIRST + " hook crashloops", "/rollback;" + FIRST,
            "/rollback\u00A0" + FIRST, "/rollback:" + FIRST, "/ROLLBACK " + FIRST + " now please",
            "/rollback\u3000" + FIRST})
    void getsOneReplyWithTheUsageAndChangesNothing(String body) throws Exception {
        List<String> before = botReplies();

        h.send("issue_comment", DeployWorld.comment(gh, bump, "alice", body));
        h.settle();

        List<String> replies = botReplies().subList(before.size(), botReplies().size());
        assertThat(replies).singleElement().asString().contains("Nothing rolled back.")
                .contains("Usage: `/rollback [tag]`");
        assertThat(gh.peekBranches(REPO)).containsExactly("master");
        assertThat(gh.peek(REPO, bump).labels()).doesNotContain(HOLD);
    }
}
