package io.prow.autodeploy.commands;

import static io.prow.autodeploy.rollback.RollbackWorld.A;
import static io.prow.autodeploy.rollback.RollbackWorld.B;
import static io.prow.autodeploy.rollback.RollbackWorld.C;
import static io.prow.autodeploy.rollback.RollbackWorld.ONCALL;
import static io.prow.autodeploy.rollback.RollbackWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.rollback.ProwManifests;
import io.prow.autodeploy.rollback.RecordingHolds;
import io.prow.autodeploy.rollback.RollbackWorld;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RollbackCommandTest {
    private RollbackWorld world = RollbackWorld.deployed(A, B, C);
    private RollbackCommand command =
            new RollbackCommand(world.gh, world.gh, world.gh, world.gh, world.gh, world.holds, world.replies);

    private void rollback(String args) {
        command.run(world.oncallComments(args.isEmpty() ? "/rollback" : "/rollback " + args, args));
    }

    @Test
    void rollbackWithATagOpensOnePrHoldsDeploysAndRepliesOnce() {
        world.gh.resetCalls();

        rollback(A);

        PullRequest pr = world.rollbackPrs().get(0);
        assertThat(world.replies.all()).containsExactly("Opened [#" + pr.number() + "](" + pr.htmlUrl()
                + ") to roll Prow back to `" + A + "` (from `" + C + "`): 9 images in 5 files.\n\n"
                + "Tide merges it once its tests pass.\n\n"
                + "Automatic deploys are held on #" + world.openAutobump + " (rollback to " + A + " requested by @"
                + ONCALL + "). Comment `/hold cancel` once the fix is in.");
        assertThat(world.holds.holds()).containsExactly(
                new RecordingHolds.Held(ONCALL, "rollback to " + A + " requested by @" + ONCALL));
        Map<String, String> expected = new LinkedHashMap<>(ProwManifests.untouchable(A));
        expected.putAll(ProwManifests.at(A));
        assertThat(world.tree(pr.headRef())).isEqualTo(expected);
        assertThat(pr.body()).contains(world.gh.peekComments(REPO, world.openAutobump).get(0).htmlUrl());
        // History (autobumps by head, the base page), base head, tree, the six files under config/prow/cluster/, the
        // open-PR look-up; four writes.
        assertThat(world.gh.calls()).isEqualTo(Map.of("pullRequests", 3, "branchSha", 1, "treePaths", 1,
                "fileText", 6, "createCommit", 1, "setBranch", 1, "createPullRequest", 1, "addLabels", 1));
    }

    @Test
    void rollbackWithoutATagGoesToThePreviousDistinctDeploy() {
        world = RollbackWorld.deployed(A, B, C, C);
        command = new RollbackCommand(world.gh, world.gh, world.gh, world.gh, world.gh, world.holds, world.replies);

        rollback("");

        assertThat(world.rollbackPrs()).extracting(PullRequest::title)
                .containsExactly("Roll back Prow to " + B + " (from " + C + ")");
        assertThat(world.tree("autodeploy/rollback-" + B)).containsAllEntriesOf(ProwManifests.at(B));
        assertThat(world.replies.last()).contains("to roll Prow back to `" + B + "` (from `" + C + "`)");
    }

    @Test
    void secondRollbackWithoutATagAfterAMergedRollbackGoesFurtherBackNotForward() {
        rollback("");
        world.mergeAndWait(world.rollbackPrs().get(0).number());

        rollback("");

        assertThat(world.rollbackPrs()).extracting(PullRequest::title).containsExactly(
                "Roll back Prow to " + B + " (from " + C + ")", "Roll back Prow to " + A + " (from " + B + ")");
    }

    @Test
    void repeatedRollbackRepliesWithTheSamePrAndWritesNothing() {
        rollback(A);
        world.gh.resetCalls();

        rollback(A);

        PullRequest pr = world.rollbackPrs().get(0);
        assertThat(world.rollbackPrs()).hasSize(1);
        assertThat(world.gh.writeCalls()).isZero();
        assertThat(world.replies.last()).startsWith("[#" + pr.number() + "](" + pr.htmlUrl() + "), opened earlier, "
                + "rolls Prow back to `" + A + "`");
        assertThat(world.holds.holds()).as("holding again is harmless (idempotent)").hasSize(2);
    }

    @Test
    void unknownTagRepliesWithTheLastFiveDeploysAndOpensNothing() {
        world = RollbackWorld.deployed("v20261101-0000001", "v20261102-0000002", "v20261103-0000003",
                "v20261104-0000004", "v20261105-0000005", "v20261106-0000006");
        command = new RollbackCommand(world.gh, world.gh, world.gh, world.gh, world.gh, world.holds, world.replies);
        world.gh.resetCalls();

        rollback("v20250101-abcdef0");

        // The world merges the first autobump at 2026-11-19 17:00 UTC (09:00 in Los Angeles), then one a day.
        assertThat(world.replies.all()).containsExactly("Nothing rolled back. `v20250101-abcdef0` was never "
                + "deployed (not among the newest 150 closed autobump PRs and the last 50 closed PRs), so it is not a "
                + "known-good version.\n\n"
                + "The last deploys, newest first:\n"
                + "- `v20261106-0000006` merged 2026-11-24 09:00 America/Los_Angeles (#6)\n"
                + "- `v20261105-0000005` merged 2026-11-23 09:00 America/Los_Angeles (#5)\n"
                + "- `v20261104-0000004` merged 2026-11-22 09:00 America/Los_Angeles (#4)\n"
                + "- `v20261103-0000003` merged 2026-11-21 09:00 America/Los_Angeles (#3)\n"
                + "- `v20261102-0000002` merged 2026-11-20 09:00 America/Los_Angeles (#2)\n");
        assertThat(world.gh.writeCalls()).isZero();
        assertThat(world.holds.holds()).isEmpty();
    }

    @Test
    void rollbackListsMergedRollbacksAsSuch() {
        rollback(B);
        world.mergeAndWait(world.rollbackPrs().get(0).number());

        rollback("v20250101-abcdef0");

        assertThat(world.replies.last()).contains("- `" + B + "` merged ", ", rollback)\n- `" + C + "` merged ");
    }

    @Test
    void tagEqualToTheCurrentOneRepliesSoAndOpensNothing() {
        world.gh.resetCalls();

        rollback(C);

        assertThat(world.replies.last()).startsWith("Nothing rolled back. `" + C + "` is the version deployed now.");
        assertThat(world.rollbackPrs()).isEmpty();
        assertThat(world.gh.calls()).isEqualTo(Map.of("pullRequests", 2)); // autobumps by head + base page
        assertThat(world.holds.holds()).isEmpty();
    }

    @ParameterizedTest(name = "tag {0}")
    @ValueSource(strings = {"../x", "v1;rm -rf", "$(id)", "`whoami`", "@kubernetes/maintainers", "<!--",
            "v20261119-0a1b2c3d4e/../../etc/passwd", "..", "-rf"})
    void tagWithPathOrShellCharactersIsRefusedWithoutEchoingIt(String tag) {
        world.gh.resetCalls();

        command.run(world.oncallComments("/rollback " + tag, tag));

        assertThat(world.replies.last()).startsWith("Nothing rolled back. That is not a Prow image tag")
                .doesNotContain(tag).contains("The last deploys");
        assertThat(world.gh.calls()).isEqualTo(Map.of("pullRequests", 2)); // autobumps by head + base page
        assertThat(world.rollbackBranches()).isEmpty();
        assertThat(world.holds.holds()).isEmpty();
    }

    @Test
    void githubFailureMidwayRepliesRethrowsAndTheNextCommentCompletesIt() {
        world.gh.failNext("createPullRequest", 1, new GitHubException(502, "Bad Gateway"));

        assertThatThrownBy(() -> rollback(A)).isInstanceOf(GitHubException.class);
        assertThat(world.replies.last()).isEqualTo("The rollback did not finish: GitHub gave an error (502). Comment "
                + "`/rollback " + A + "` again: it continues where it stopped and opens no second PR.");

        rollback(A);

        assertThat(world.rollbackPrs()).hasSize(1);
        assertThat(world.rollbackBranches()).containsExactly("autodeploy/rollback-" + A);
        assertThat(world.replies.last()).startsWith("Opened [#");
    }

    static Stream<Arguments> comments() {
        return Stream.of(
                Arguments.of("bare command", "/rollback", Optional.of("")),
                Arguments.of("with a tag", "/rollback " + A, Optional.of(A)),
                Arguments.of("upper case, tabs and trailing blanks", "/ROLLBACK\t" + A + "  ", Optional.of(A)),
                Arguments.of("on a later line", "Hook is down.\r\n/rollback " + B, Optional.of(B)),
                // Issue 17.7: these were silently ignored; now the command answers with its usage.
                Arguments.of("two arguments: a malformed rollback", "/rollback " + A + " now",
                        Optional.of(A + " now")),
                Arguments.of("semicolon: a malformed rollback", "/rollback;" + A, Optional.of(";" + A)),
                Arguments.of("no-break space: a malformed rollback", "/rollback\u00A0" + A,
                        Optional.of("\u00A0" + A)),
                Arguments.of("indented is not a rollback", "  /rollback " + A, Optional.empty()),
                Arguments.of("in a fenced block is not a rollback", "```\n/rollback " + A + "\n```",
                        Optional.empty()),
                Arguments.of("longer word is not a rollback", "/rollbacks", Optional.empty()),
                Arguments.of("quoted is not a rollback", "> /rollback " + A, Optional.empty()),
                Arguments.of("mid-sentence is not a rollback", "please /rollback " + A, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comments")
    void findsTheCommandAndItsTagInAComment(String name, String body, Optional<String> args) {
        List<CommandRegistry.Match> found = new CommandRegistry(List.of(command)).find(body);

        assertThat(found.stream().findFirst().map(CommandRegistry.Match::args)).isEqualTo(args);
    }

    @Test
    void describesItselfForHelpWithTheConfiguredRoles() {
        assertThat(command.spec().family()).isEqualTo("rollback");
        assertThat(command.spec().usage()).isEqualTo("/rollback [tag]");
        assertThat(command.whoCan(world.config)).isEqualTo(world.config.rollback().whoCan());
        assertThat(command.spec().examples()).allSatisfy(e -> assertThat(new CommandRegistry(List.of(command)).find(e))
                .extracting(CommandRegistry.Match::command).containsExactly(command));
    }

    @Test
    void aWritersPrOnTheRollbackBranchIsNotAdoptedAndTheReplySaysWhy() {
        // Issue 17.4(a): a PR titled "docs: typo" from autodeploy/rollback-<tag> with the writer's own files.
        int foreign = world.gh.openPullRequest(REPO, "mallory", "kubernetes", "autodeploy/rollback-" + A, "master",
                "docs: typo", Map.of("docs/typo.md", "fixed\n"));

        rollback(A);

        assertThat(world.gh.peek(REPO, foreign).labels()).isEmpty();
        assertThat(world.rollbackPrs()).extracting(PullRequest::number).containsExactly(foreign);
        assertThat(world.replies.all()).singleElement().satisfies(r -> assertThat(r)
                .startsWith("Nothing rolled back yet; automatic deploys are held (rollback to " + A
                        + " requested by @" + ONCALL + "). #" + foreign + " is open from `autodeploy/rollback-" + A
                        + "` but is not this rollback: it was not opened by me (@" + RollbackWorld.BOT + ").")
                .doesNotContain("images in", "docs: typo"));
    }
}
