package io.prow.autodeploy.security;

import static io.prow.autodeploy.reliability.DeployWorld.FIRST;
import static io.prow.autodeploy.reliability.DeployWorld.HOLD;
import static io.prow.autodeploy.reliability.DeployWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.reliability.DeployWorld;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code /rollback} with arguments it cannot take is never silently ignored (issue 17.7): the command word is
 * matched alone, and whatever follows it that is not one tag gets one reply with the usage, and nothing is done.
 */
class MalformedRollbackTest extends DeployedBumpTest {
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
