package io.prow.autodeploy.rollback;

import static io.prow.autodeploy.rollback.RollbackWorld.A;
import static io.prow.autodeploy.rollback.RollbackWorld.BOT;
import static io.prow.autodeploy.rollback.RollbackWorld.ONCALL;
import static io.prow.autodeploy.rollback.RollbackWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PullRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17.4(a): an open PR on {@code autodeploy/rollback-<tag>} is returned and labelled only if the bot opened it
 * and it changes exactly the plan's files to exactly the plan's text; anything else is refused, left unlabelled, and
 * no second PR is opened.
 */
class RollbackAdoptionTest {
    private static final String ASKED = "https://github.com/kubernetes/test-infra/pull/4#issuecomment-1000";
    private static final String BRANCH_A = RollbackTitle.branch(A);

    /** Puts an open PR on the rollback branch; returns its number. */
    record Case(String name, BiFunction<RollbackWorld, RollbackPlan, Integer> openPr, String why) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> refused() {
        return Stream.of(
                new Case("a writer's own PR from the rollback branch (17.4 a)", (w, plan) ->
                        w.gh.openPullRequest(REPO, "mallory", "kubernetes", BRANCH_A, "master", "docs: typo",
                                Map.of("docs/typo.md", "hello\n")),
                        "it was not opened by me (@" + BOT + ")"),
                new Case("a writer's PR carrying exactly the planned files", (w, plan) ->
                        w.gh.openPullRequest(REPO, "mallory", "kubernetes", BRANCH_A, "master", "rollback",
                                plan.files()),
                        "it was not opened by me (@" + BOT + ")"),
                new Case("our PR with a workflow file pushed on top", (w, plan) -> {
                    int n = ours(w, plan);
                    Map<String, String> more = new LinkedHashMap<>(plan.files());
                    more.put(".github/workflows/x.yaml", "on: push\n");
                    w.gh.forcePush(REPO, n, w.gh.peek(REPO, n).title(), more);
                    return n;
                }, "it changes 6 files, the rollback changes 5"),
                new Case("our PR with one planned file altered", (w, plan) -> {
                    int n = ours(w, plan);
                    Map<String, String> altered = new LinkedHashMap<>(plan.files());
                    String first = altered.keySet().iterator().next();
                    altered.put(first, altered.get(first) + "# extra\n");
                    w.gh.forcePush(REPO, n, w.gh.peek(REPO, n).title(), altered);
                    return n;
                }, "differs from the rollback's"));
    }

    /** Our rollback PR as the executor opens it. */
    private static int ours(RollbackWorld w, RollbackPlan plan) {
        return new RollbackExecutor(w.gh, w.gh, w.gh, w.gh, w.gh, w.holds).execute(w.config, plan, ONCALL, ASKED).pr()
                .number();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesAPrThatIsNotExactlyThePlan(Case c) {
        RollbackWorld world = RollbackWorld.deployed(A, RollbackWorld.B, RollbackWorld.C);
        int existing = c.openPr().apply(world, world.plan(A));
        world.gh.removeLabel(REPO, existing, "autodeploy/ready");
        world.gh.resetCalls();
        int logBefore = world.gh.log().size();

        RollbackConflict conflict = catchThrowableOfType(RollbackConflict.class,
                () -> new RollbackExecutor(world.gh, world.gh, world.gh, world.gh, world.gh, world.holds)
                        .execute(world.config, world.plan(A), ONCALL, ASKED));

        assertThat(conflict).as("refused").isNotNull();
        assertThat(conflict.number()).isEqualTo(existing);
        assertThat(conflict.getMessage()).contains("#" + existing + " is open from `" + BRANCH_A + "`", c.why(),
                "I did not label it", "`/rollback " + A + "`");
        assertThat(world.gh.peek(REPO, existing).labels()).doesNotContain("autodeploy/ready");
        assertThat(world.gh.log().subList(logBefore, world.gh.log().size())).as("no write at all").isEmpty();
        assertThat(world.rollbackPrs().stream().filter(PullRequest::open)).hasSize(1);
        assertThat(world.holds.holds()).as("the hold is taken first, whatever happens").isNotEmpty();
    }

    @Test
    void ourExactPrIsAdoptedWithOneListingAndOneReadPerFile() {
        RollbackWorld world = RollbackWorld.deployed(A, RollbackWorld.B, RollbackWorld.C);
        int first = ours(world, world.plan(A));
        world.gh.removeLabel(REPO, first, "autodeploy/ready");
        RollbackPlan plan = world.plan(A);
        world.gh.resetCalls();

        RollbackResult again = new RollbackExecutor(world.gh, world.gh, world.gh, world.gh, world.gh, world.holds)
                .execute(world.config, plan, ONCALL, ASKED);

        assertThat(again.created()).isFalse();
        assertThat(again.pr().number()).isEqualTo(first);
        assertThat(world.gh.calls()).isEqualTo(Map.of("pullRequests", 1, "changedFiles", 1,
                "fileText", plan.files().size(), "addLabels", 1));
        assertThat(world.gh.peek(REPO, first).labels()).containsExactly("autodeploy/ready");
    }

    @Test
    void aForeignPrThatWinsTheCreateRaceIsRefusedNotReturned() {
        RollbackWorld world = RollbackWorld.deployed(A, RollbackWorld.B, RollbackWorld.C);
        RollbackPlan plan = world.plan(A);
        int[] foreign = new int[1];
        // Between our look-up and our createPullRequest, a writer opens a PR from the same branch.
        GitHub racing = (GitHub) Proxy.newProxyInstance(GitHub.class.getClassLoader(), new Class<?>[] {GitHub.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createPullRequest")) {
                        foreign[0] = world.gh.openPullRequest(REPO, "mallory", "kubernetes", BRANCH_A, "master",
                                "docs: typo", Map.of("docs/typo.md", "hi\n"));
                        throw new GitHubException(422, "A pull request already exists for kubernetes:" + BRANCH_A);
                    }
                    try {
                        return method.invoke(world.gh, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        RollbackConflict conflict = catchThrowableOfType(RollbackConflict.class,
                () -> new RollbackExecutor(racing, racing, racing, racing, racing, world.holds)
                        .execute(world.config, plan, ONCALL, ASKED));

        assertThat(conflict).isNotNull();
        assertThat(conflict.number()).isEqualTo(foreign[0]);
        assertThat(world.gh.peek(REPO, foreign[0]).labels()).isEmpty();
    }
}
