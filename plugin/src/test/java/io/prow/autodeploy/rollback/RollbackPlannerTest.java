package io.prow.autodeploy.rollback;

import io.prow.autodeploy.sandbox.ManualClock;

import static io.prow.autodeploy.rollback.RollbackWorld.A;
import static io.prow.autodeploy.rollback.RollbackWorld.B;
import static io.prow.autodeploy.rollback.RollbackWorld.C;
import static io.prow.autodeploy.rollback.RollbackWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.rollback.PlanOutcome.Reason;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RollbackPlannerTest {

    @Test
    void planWithATagRewritesEveryClusterFileToTheFilesDeployedAtThatTag() {
        RollbackWorld world = RollbackWorld.deployed(A, B, C);
        world.gh.resetCalls();

        RollbackPlan plan = world.plan(A);

        assertThat(plan.fromTag()).isEqualTo(C);
        assertThat(plan.toTag()).isEqualTo(A);
        assertThat(plan.baseSha()).isEqualTo(world.gh.branchSha(REPO, "master").orElseThrow());
        assertThat(plan.files()).isEqualTo(ProwManifests.at(A));
        assertThat(plan.changes().keySet()).isEqualTo(plan.files().keySet());
        assertThat(plan.imageCount()).isEqualTo(9);
        assertThat(plan.branch()).isEqualTo("autodeploy/rollback-" + A);
        assertThat(plan.title().text()).isEqualTo("Roll back Prow to " + A + " (from " + C + ")");
    }

    @Test
    void planReadsHistoryBranchTreeAndOnlyTheFilesUnderThePaths() {
        RollbackWorld world = RollbackWorld.deployed(A, B, C);
        world.gh.resetCalls();

        world.plan(A);

        // Six files lie under config/prow/cluster/ (five manifests and OWNERS); the job config outside is not read.
        // The history is two listings: closed autobump PRs by head, and the base branch's recent page.
        assertThat(world.gh.calls()).isEqualTo(Map.of("pullRequests", 2, "branchSha", 1, "treePaths", 1,
                "fileText", 6));
        assertThat(world.gh.writeCalls()).isZero();
    }

    @Test
    void withoutATagThePreviousDistinctDeployIsTheTarget() {
        RollbackWorld world = RollbackWorld.deployed(A, B, C, C);

        RollbackPlan plan = world.plan(null);

        assertThat(plan.toTag()).isEqualTo(B);
        assertThat(plan.files()).isEqualTo(ProwManifests.at(B));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("tag never deployed", "v20250101-abcdef0", Reason.NEVER_DEPLOYED),
                Arguments.of("tag of the open, undeployed autobump", RollbackWorld.NEXT, Reason.NEVER_DEPLOYED),
                Arguments.of("tag deployed now", C, Reason.ALREADY_CURRENT),
                Arguments.of("tag of another shape", "latest", Reason.INVALID_TAG),
                Arguments.of("path escape", "../x", Reason.INVALID_TAG),
                Arguments.of("shell separator", "v1;rm -rf", Reason.INVALID_TAG),
                Arguments.of("command substitution", "$(id)", Reason.INVALID_TAG),
                Arguments.of("valid tag with a path tail", A + "/../../etc", Reason.INVALID_TAG),
                Arguments.of("markdown and mentions", "`@kubernetes/owners`", Reason.INVALID_TAG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithoutReadingFiles(String name, String tag, Reason reason) {
        RollbackWorld world = RollbackWorld.deployed(A, B, C);
        world.gh.resetCalls();

        PlanOutcome outcome = new RollbackPlanner(world.gh, world.gh).plan(world.config, Optional.of(tag));

        assertThat(outcome).isInstanceOfSatisfying(PlanOutcome.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(reason);
            if (reason == Reason.INVALID_TAG) {
                assertThat(r.message()).doesNotContain(tag).contains("v[0-9]{8}-[0-9a-f]{7,12}");
            }
            assertThat(r.history().lastFive()).hasSize(3);
        });
        assertThat(world.gh.calls()).as("only the history is read").isEqualTo(Map.of("pullRequests", 2)); // autobumps by head + base page
    }

    @Test
    void withoutATagAndOneDeployThereIsNothingToGoBackTo() {
        RollbackWorld world = RollbackWorld.deployed(C, C);

        assertThat(refusal(world, Optional.empty())).isEqualTo(Reason.NO_EARLIER_DEPLOY);
    }

    @Test
    void aRepoWithoutDeploysRefuses() {
        InMemoryGitHub gh = new InMemoryGitHub(new ManualClock(Instant.parse("2026-11-20T17:00:00Z")), "bot");
        gh.createRepo(REPO, "master", ProwManifests.at(C));

        PlanOutcome outcome = new RollbackPlanner(gh, gh).plan(RollbackWorld.defaultConfig(), Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(PlanOutcome.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.NO_DEPLOYS));
    }

    @Test
    void filesAlreadyOnTheTargetLeaveNothingToChange() {
        // Someone reverted the images by hand: history still says C is current, the files are on A already.
        RollbackWorld world = RollbackWorld.deployed(A, B, C);
        int revert = world.gh.openPullRequest(REPO, "alice", "alice", "revert", "master", "Revert images",
                ProwManifests.at(A));
        world.gh.merge(REPO, revert);

        assertThat(refusal(world, Optional.of(A))).isEqualTo(Reason.NOTHING_TO_CHANGE);
    }

    @ParameterizedTest(name = "paths {0}")
    @ValueSource(strings = {"config/prow/other/**", "cluster/**"})
    void noFileUnderThePathsRefuses(String glob) {
        RepoConfig c = RollbackWorld.defaultConfig();
        RepoConfig.Autobump a = c.autobump();
        RepoConfig elsewhere = new RepoConfig(c.repo(), c.baseBranch(), new RepoConfig.Autobump(a.authors(),
                a.headBranch(), a.titlePattern(), a.tagPattern(), List.of(glob), a.imagePrefixes()),
                c.merge(), c.window(), c.hold(), c.rollback(), c.alerts(), c.oncall());
        RollbackWorld world = RollbackWorld.deployed(elsewhere, A, B, C);

        assertThat(refusal(world, Optional.of(A))).isEqualTo(Reason.NO_FILES);
    }

    private static Reason refusal(RollbackWorld world, Optional<String> tag) {
        PlanOutcome outcome = new RollbackPlanner(world.gh, world.gh).plan(world.config, tag);
        assertThat(outcome).isInstanceOf(PlanOutcome.Refused.class);
        return ((PlanOutcome.Refused) outcome).reason();
    }
}
