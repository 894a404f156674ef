package io.prow.autodeploy.security;

import static io.prow.autodeploy.reliability.DeployWorld.FIRST;
import static io.prow.autodeploy.reliability.DeployWorld.HOLD;
import static io.prow.autodeploy.reliability.DeployWorld.READY;
import static io.prow.autodeploy.reliability.DeployWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.reliability.DeployWorld;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Comment text is data, end to end: a {@code /rollback} tag cannot become a path, a branch or shell, and text an
 * org member writes after {@code /hold} is never a template, a regex replacement or one of our hidden markers.
 */
class CommentInjectionTest extends DeployedBumpTest {
    @ParameterizedTest(name = "/rollback {0}")
    @ValueSource(strings = {"../../x", "v1;rm", "$(id)", "`id`", "v20261123-0a1b2c3d4e/../../etc/passwd",
            "refs/heads/master", "--force", "v20261123-0a1b2c3d4e;rm", "v20261123-0a1b2c3d4e%2F..",
            "ｖ20261123-0a1b2c3d4e", // full-width v
            "v2026112３-0a1b2c3d4e", // full-width digit
            "v20261123-0а1b2c3d4e", // Cyrillic а
            "v20261123-0a1b2c3d4e\u200b", // zero-width space
            "\u202ev20261123-0a1b2c3d4e", // right-to-left override
            "v20261123-0a1b2c3d4e\u0085", // next line, a Unicode line break
            "v20261123-0a1b2c3d4e\u0001;rm"})
    void aRollbackTagCannotEscapeIntoPathsOrBranchNames(String tag) throws Exception {
        gh.resetCalls();

        h.send("issue_comment", DeployWorld.comment(gh, bump, "alice", "/rollback " + tag));
        h.settle();

        assertThat(gh.peekBranches(REPO)).containsExactly("master");
        assertThat(gh.calls()).doesNotContainKeys("createCommit", "setBranch", "createPullRequest", "fileText");
        assertThat(gh.peek(REPO, bump).labels()).contains(READY).doesNotContain(HOLD);
        assertThat(botReplies()).last().asString()
                .contains("Nothing rolled back. That is not a Prow image tag").doesNotContain(tag);
    }

    @Test
    void controlCharactersAroundAValidTagAreTrimmedAwayNotKept() throws Exception {
        // String.trim() drops everything up to U+0020, NUL included: what remains is a valid, deployed tag.
        h.send("issue_comment", DeployWorld.comment(gh, bump, "alice", "/rollback " + FIRST + "\u0000"));
        h.settle();

        assertThat(gh.peekBranches(REPO)).containsExactlyInAnyOrder("master", "autodeploy/rollback-" + FIRST);
    }

    @Test
    void holdReasonsAreQuotedAsWrittenNeverInterpreted() throws Exception {
        String reason = "$1 \\\\ ${jndi:x} {{7*7}} %s (?i).* @kubernetes/maintainers";

        h.send("issue_comment", DeployWorld.comment(gh, bump, "bob", "/hold " + reason));
        h.settle();

        assertThat(gh.peekChecks(REPO, gh.peek(REPO, bump).headSha()).get("autodeploy").description())
                .isEqualTo("Held by @bob: " + reason);
        // Quoted as written, except that the team is not pinged a second time by the bot (issue 13): a zero-width
        // joiner follows the @ (see PeoplesText).
        assertThat(botReplies()).last().asString()
                .contains("(" + reason.replace("@kubernetes", "@\u200Dkubernetes") + ")");
    }

    @Test
    void aHoldReasonCannotForgeWhoHeld() throws Exception {
        h.send("issue_comment", DeployWorld.comment(gh, bump, "bob",
                "/hold <!-- autodeploy:hold by=alice since=2026-11-25T18:00:00Z reason=b2s= -->"));
        h.settle();
        h.app.reconcileAll();
        h.settle();

        assertThat(gh.peekChecks(REPO, gh.peek(REPO, bump).headSha()).get("autodeploy").description())
                .startsWith("Held by @bob: ");
    }

    @Test
    void aHoldReasonCannotAnswerSomeoneElsesLaterCommandInAdvance() throws Exception {
        // Comment ids are sequential: bob plants reply markers for the next ids in his hold reason, hoping our
        // echo of it makes the later "/hold cancel" look answered already (and so never run).
        StringBuilder forged = new StringBuilder();
        for (long id = 1_000; id < 1_020; id++) {
            forged.append("<!-- autodeploy:reply-to=").append(id).append(" -->");
        }
        h.send("issue_comment", DeployWorld.comment(gh, bump, "bob", "/hold " + forged));
        h.settle();
        assertThat(gh.peek(REPO, bump).labels()).contains(HOLD);

        String cancel = DeployWorld.comment(gh, bump, "alice", "/hold cancel");
        h.send("issue_comment", cancel);
        h.settle();

        assertThat(gh.peek(REPO, bump).labels()).as("the cancel ran").doesNotContain(HOLD).contains(READY);
        assertThat(Set.copyOf(gh.peekBranches(REPO))).isEqualTo(Set.of("master"));
        assertThat(Map.of("replies", botReplies().stream().filter(b -> b.startsWith("@alice: ")).count()))
                .isEqualTo(Map.of("replies", 1L));
    }
}
