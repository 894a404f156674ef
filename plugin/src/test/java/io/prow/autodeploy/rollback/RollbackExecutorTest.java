package io.prow.autodeploy.rollback;

import static io.prow.autodeploy.rollback.RollbackWorld.A;
import static io.prow.autodeploy.rollback.RollbackWorld.B;
import static io.prow.autodeploy.rollback.RollbackWorld.C;
import static io.prow.autodeploy.rollback.RollbackWorld.ONCALL;
import static io.prow.autodeploy.rollback.RollbackWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PullRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RollbackExecutorTest {
    private static final String ASKED = "https://github.com/kubernetes/test-infra/pull/4#issuecomment-1000";
    private static final String BRANCH_A = "autodeploy/rollback-" + A;
    private static final Map<String, Integer> FIRST_ROLLBACK_CALLS = Map.of("pullRequests", 1, "createCommit", 1,
            "setBranch", 1, "createPullRequest", 1, "addLabels", 1);

    private final RollbackWorld world = RollbackWorld.deployed(A, B, C);
    private final RollbackExecutor executor =
            new RollbackExecutor(world.gh, world.gh, world.gh, world.gh, world.gh, world.holds);

    /** The base tree with the cluster files as they were deployed at {@code tag}; the job file never changed. */
    private static Map<String, String> treeRolledBackTo(String tag) {
        Map<String, String> tree = new LinkedHashMap<>(ProwManifests.untouchable(A));
        tree.putAll(ProwManifests.at(tag));
        return tree;
    }

    @Test
    void firstRollbackHoldsCommitsBranchesOpensAndLabelsOnce() {
        RollbackPlan plan = world.plan(A);
        int logBefore = world.gh.log().size();
        world.gh.resetCalls();

        RollbackResult result = executor.execute(world.config, plan, ONCALL, ASKED);

        assertThat(result.created()).isTrue();
        assertThat(result.heldOn()).map(PullRequest::number).contains(world.openAutobump);
        assertThat(world.holds.holds()).containsExactly(
                new RecordingHolds.Held(ONCALL, "rollback to " + A + " requested by @" + ONCALL));
        assertThat(world.gh.calls()).isEqualTo(FIRST_ROLLBACK_CALLS);
        assertThat(world.tree(BRANCH_A)).isEqualTo(treeRolledBackTo(A));
        assertThat(world.rollbackBranches()).containsExactly(BRANCH_A);

        PullRequest pr = world.gh.peek(REPO, result.pr().number());
        assertThat(pr.title()).isEqualTo("Roll back Prow to " + A + " (from " + C + ")");
        assertThat(pr.headRef()).isEqualTo(BRANCH_A);
        assertThat(pr.baseRef()).isEqualTo("master");
        assertThat(pr.labels()).containsExactly("autodeploy/ready");
        assertThat(pr.body()).contains("as @" + ONCALL + " asked in " + ASKED, "9 images in 5 files",
                "| `config/prow/cluster/hook_deployment.yaml` | 22 | `" + ProwManifests.PREFIX + "checkconfig` | `"
                        + C + "` → `" + A + "` |",
                "| `config/prow/cluster/crier_deployment.yaml` | 10 | `" + ProwManifests.PREFIX + "crier` | `"
                        + C + "` → `" + A + "` |",
                "Tide merges this PR once its required tests pass");
        assertThat(pr.body().lines().filter(l -> l.startsWith("| `config/"))).hasSize(9);
        assertThat(world.gh.log().subList(logBefore, world.gh.log().size()))
                .hasSize(4)
                .anySatisfy(l -> assertThat(l).startsWith("branch " + BRANCH_A + " created at"))
                .anySatisfy(l -> assertThat(l).isEqualTo("#" + pr.number() + " label +autodeploy/ready"));
    }

    @Test
    void repeatedRollbackReturnsTheOpenPrWithoutAnyWrite() {
        RollbackPlan plan = world.plan(A);
        RollbackResult first = executor.execute(world.config, plan, ONCALL, ASKED);
        RollbackPlan replanned = world.plan(A);
        world.gh.resetCalls();

        RollbackResult again = executor.execute(world.config, replanned, "oncall-bob", ASKED + "1");

        assertThat(again.created()).isFalse();
        assertThat(again.pr().number()).isEqualTo(first.pr().number());
        // Reads only: the look-up, then the adoption check (17.4a: the files listing and one read per planned file).
        assertThat(world.gh.calls()).isEqualTo(Map.of("pullRequests", 1, "changedFiles", 1, "fileText", 5));
        assertThat(world.rollbackPrs()).hasSize(1);
        assertThat(world.rollbackBranches()).containsExactly(BRANCH_A);
    }

    @Test
    void reviewMergeModeAddsNoTideLabels() {
        RepoConfig review = RollbackWorld.withRollbackMerge(world.config, RepoConfig.RollbackMerge.REVIEW);
        world.gh.resetCalls();

        RollbackResult result = new RollbackExecutor(world.gh, world.gh, world.gh, world.gh, world.gh, world.holds)
                .execute(review, world.plan(A), ONCALL, ASKED);

        assertThat(world.gh.calls()).doesNotContainKey("addLabels");
        assertThat(world.gh.peek(REPO, result.pr().number()).labels()).isEmpty();
        assertThat(world.gh.peek(REPO, result.pr().number()).body()).contains("needs the usual review");
    }

    @Test
    void failureAfterTheBranchExistsIsCompletedByTheNextAttemptWithoutDuplicates() {
        RollbackPlan plan = world.plan(A);
        world.gh.failNext("createPullRequest", 1, new GitHubException(502, "Bad Gateway"));

        assertThatThrownBy(() -> executor.execute(world.config, plan, ONCALL, ASKED))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isEqualTo(502));
        assertThat(world.rollbackBranches()).containsExactly(BRANCH_A);
        assertThat(world.rollbackPrs()).isEmpty();
        assertThat(world.holds.holds()).as("deploys held even though the PR failed").hasSize(1);

        RollbackPlan replanned = world.plan(A);
        world.gh.resetCalls();
        RollbackResult retry = executor.execute(world.config, replanned, ONCALL, ASKED);

        assertThat(retry.created()).isTrue();
        assertThat(world.gh.calls()).isEqualTo(FIRST_ROLLBACK_CALLS);
        assertThat(world.rollbackPrs()).extracting(PullRequest::number).containsExactly(retry.pr().number());
        assertThat(world.rollbackBranches()).containsExactly(BRANCH_A);
        assertThat(world.tree(BRANCH_A)).isEqualTo(treeRolledBackTo(A));
    }

    @Test
    void failureAfterThePrOpenedOnlyAddsTheMissingLabelsNext() {
        world.gh.failNext("addLabels", 1, new GitHubException(0, "connection reset"));
        assertThatThrownBy(() -> executor.execute(world.config, world.plan(A), ONCALL, ASKED))
                .isInstanceOf(GitHubException.class);
        RollbackPlan replanned = world.plan(A);
        world.gh.resetCalls();

        RollbackResult retry = executor.execute(world.config, replanned, ONCALL, ASKED);

        assertThat(retry.created()).isFalse();
        assertThat(world.gh.calls()).isEqualTo(Map.of("pullRequests", 1, "changedFiles", 1, "fileText", 5,
                "addLabels", 1));
        assertThat(world.gh.peek(REPO, retry.pr().number()).labels()).containsExactly("autodeploy/ready");
        assertThat(world.rollbackPrs()).hasSize(1);
    }

    @Test
    void staleBranchOfAClosedRollbackIsMovedOntoTheNewBaseNotDuplicated() {
        int abandoned = executor.execute(world.config, world.plan(A), ONCALL, ASKED).pr().number();
        world.gh.close(REPO, abandoned);
        String d = "v20261122-dddddddddd";
        world.autobump(d);
        int logBefore = world.gh.log().size();

        RollbackResult again = executor.execute(world.config, world.plan(A), ONCALL, ASKED);

        assertThat(again.created()).isTrue();
        assertThat(again.pr().number()).isNotEqualTo(abandoned);
        assertThat(world.gh.peek(REPO, again.pr().number()).title()).isEqualTo(
                "Roll back Prow to " + A + " (from " + d + ")");
        assertThat(world.rollbackBranches()).containsExactly(BRANCH_A);
        assertThat(world.gh.log().subList(logBefore, world.gh.log().size()))
                .anySatisfy(l -> assertThat(l).startsWith("branch " + BRANCH_A + " moved to"));
        assertThat(world.tree(BRANCH_A)).isEqualTo(treeRolledBackTo(A));
        assertThat(world.rollbackPrs().stream().filter(PullRequest::open)).hasSize(1);
    }

    @Test
    void concurrentRollbackThatWinsTheRaceIsReturnedAfterThe422() {
        RollbackPlan plan = world.plan(A);
        AtomicBoolean raced = new AtomicBoolean();
        // Another oncall's /rollback opens the PR between our look-up and our createPullRequest.
        GitHub racing = (GitHub) Proxy.newProxyInstance(GitHub.class.getClassLoader(), new Class<?>[] {GitHub.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createCommit") && !raced.getAndSet(true)) {
                        executor.execute(world.config, plan, "oncall-bob", ASKED + "2");
                    }
                    try {
                        return method.invoke(world.gh, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        RollbackResult ours = new RollbackExecutor(racing, racing, racing, racing, racing, world.holds)
                .execute(world.config, plan, ONCALL, ASKED);

        assertThat(world.rollbackPrs()).extracting(PullRequest::number).containsExactly(ours.pr().number());
        assertThat(world.rollbackBranches()).containsExactly(BRANCH_A);
        assertThat(world.tree(BRANCH_A)).isEqualTo(treeRolledBackTo(A));
    }

    @Test
    void a422ThatIsNotAnOpenPrIsNotSwallowed() {
        world.gh.failNext("createPullRequest", 1, new GitHubException(422, "Validation Failed"));

        assertThatThrownBy(() -> executor.execute(world.config, world.plan(A), ONCALL, ASKED))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThat(world.rollbackPrs()).isEmpty();
    }

    @Test
    void rollbackToTheMiddleTagListsTheImagesFromTheCurrentTag() {
        RollbackResult result = executor.execute(world.config, world.plan(B), ONCALL, ASKED);

        assertThat(world.gh.peek(REPO, result.pr().number()).body())
                .contains("Rolls Prow back to `" + B + "` (from `" + C + "`)")
                .doesNotContain(A);
        assertThat(world.tree("autodeploy/rollback-" + B)).isEqualTo(treeRolledBackTo(B));
    }
}
