package io.prow.autodeploy.rollback;

import static io.prow.autodeploy.rollback.RollbackWorld.A;
import static io.prow.autodeploy.rollback.RollbackWorld.B;
import static io.prow.autodeploy.rollback.RollbackWorld.C;
import static io.prow.autodeploy.rollback.RollbackWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.rollback.Deploy.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeployHistoryTest {
    private static final RepoConfig CONFIG = RollbackWorld.defaultConfig();
    private static final Instant MERGED = Instant.parse("2026-11-20T18:00:00Z");
    private static final String ROLLBACK_TITLE = "Roll back Prow to " + A + " (from " + B + ")";

    private static PullRequest pr(String author, String headOwner, String headRef, String base, String title,
                                  Instant mergedAt) {
        return new PullRequest(REPO, 7, title, "", author, headOwner, headRef, "abc", base, false,
                Instant.parse("2026-11-20T10:00:00Z"), mergedAt == null ? MERGED : mergedAt, mergedAt, java.util.Set.of(),
                "https://github.com/kubernetes/test-infra/pull/7");
    }

    private static PullRequest autobump(String title) {
        return pr("k8s-ci-robot", "k8s-ci-robot", "autobump", "master", title, MERGED);
    }

    static Stream<Arguments> pulls() {
        return Stream.of(
                Arguments.of("merged autobump deploys the title's tag", autobump("Update Prow to " + B),
                        Optional.of(Map.entry(B, Kind.AUTOBUMP))),
                Arguments.of("closed but unmerged autobump deployed nothing",
                        pr("k8s-ci-robot", "k8s-ci-robot", "autobump", "master", "Update Prow to " + B, null),
                        Optional.empty()),
                Arguments.of("autobump title by a person is no deploy",
                        pr("mallory", "mallory", "autobump", "master", "Update Prow to " + B, MERGED),
                        Optional.empty()),
                Arguments.of("bot PR from another branch is no deploy",
                        pr("k8s-ci-robot", "k8s-ci-robot", "autobump-config", "master", "Update Prow to " + B, MERGED),
                        Optional.empty()),
                Arguments.of("autobump merged into another branch is no deploy",
                        pr("k8s-ci-robot", "k8s-ci-robot", "autobump", "release-1.0", "Update Prow to " + B, MERGED),
                        Optional.empty()),
                Arguments.of("autobump tag of another shape is no deploy", autobump("Update Prow to latest"),
                        Optional.empty()),
                Arguments.of("other bot title is no deploy", autobump("Update prow-images config"), Optional.empty()),
                Arguments.of("our merged rollback deploys its target tag",
                        pr("autodeploy-bot", "kubernetes", "autodeploy/rollback-" + A, "master", ROLLBACK_TITLE, MERGED),
                        Optional.of(Map.entry(A, Kind.ROLLBACK))),
                Arguments.of("rollback title from a fork is no deploy",
                        pr("mallory", "mallory", "autodeploy/rollback-" + A, "master", ROLLBACK_TITLE, MERGED),
                        Optional.empty()),
                Arguments.of("rollback title on the branch of another tag is no deploy",
                        pr("autodeploy-bot", "kubernetes", "autodeploy/rollback-" + C, "master", ROLLBACK_TITLE, MERGED),
                        Optional.empty()),
                Arguments.of("rollback title with a malformed tag is no deploy",
                        pr("autodeploy-bot", "kubernetes", "autodeploy/rollback-../x", "master",
                                "Roll back Prow to ../x (from " + B + ")", MERGED),
                        Optional.empty()),
                Arguments.of("ordinary PR is no deploy",
                        pr("alice", "alice", "fix-docs", "master", "Fix typo in README", MERGED), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pulls")
    void recognisesDeploys(String name, PullRequest pull, Optional<Map.Entry<String, Kind>> expected) {
        List<Deploy> deploys = DeployHistory.fromPulls(CONFIG, List.of(pull));

        assertThat(deploys.stream().map(d -> Map.entry(d.tag(), d.kind())).findFirst()).isEqualTo(expected);
        deploys.forEach(d -> assertThat(d).isEqualTo(new Deploy(7, d.tag(), d.kind(), MERGED, pull.htmlUrl())));
    }

    @Test
    void newestMergeComesFirstWhateverTheListingOrder() {
        // GitHub lists by update time: a comment on an old PR moves it to the top of the listing.
        PullRequest older = withNumber(autobump("Update Prow to " + A), 3, Instant.parse("2026-11-19T17:00:00Z"));
        PullRequest newer = withNumber(autobump("Update Prow to " + B), 5, Instant.parse("2026-11-20T17:00:00Z"));

        assertThat(DeployHistory.fromPulls(CONFIG, List.of(older, newer))).extracting(Deploy::number)
                .containsExactly(5, 3);
    }

    @Test
    void currentPreviousAndContainsFollowTheMergedDeploys() {
        RollbackWorld world = RollbackWorld.deployed(A, B, B, C);
        DeployHistory history = DeployHistory.read(world.gh, world.config);

        assertThat(history.current()).map(Deploy::tag).contains(C);
        assertThat(history.previousDistinct()).map(Deploy::tag).contains(B);
        assertThat(history.contains(A)).isTrue();
        assertThat(history.contains(RollbackWorld.NEXT)).as("open autobump PR is not deployed").isFalse();
        assertThat(world.gh.calls()).isEqualTo(Map.of("pullRequests", 2)); // autobumps by head + base page
    }

    @Test
    void afterARollbackTheTagRolledBackFromIsNoTarget() {
        RollbackWorld world = RollbackWorld.deployed(A, B, C);
        world.mergeAndWait(new RollbackExecutor(world.gh, world.gh, world.gh, world.gh, world.gh, world.holds)
                .execute(world.config, world.plan(B), RollbackWorld.ONCALL, "https://example.test/c").pr().number());

        DeployHistory history = DeployHistory.read(world.gh, world.config);

        assertThat(history.current()).map(d -> d.tag() + " " + d.kind()).contains(B + " ROLLBACK");
        assertThat(history.previousDistinct()).map(Deploy::tag).as("newest other tag: the bad one").contains(C);
        assertThat(history.rollbackTarget()).map(Deploy::tag).as("skips the tag rolled back from").contains(A);
    }

    @Test
    void lastFiveAreTheNewestFive() {
        RollbackWorld world = RollbackWorld.deployed("v20261101-0000001", "v20261102-0000002", "v20261103-0000003",
                "v20261104-0000004", "v20261105-0000005", "v20261106-0000006");

        assertThat(DeployHistory.read(world.gh, world.config).lastFive()).extracting(Deploy::tag).containsExactly(
                "v20261106-0000006", "v20261105-0000005", "v20261104-0000004", "v20261103-0000003",
                "v20261102-0000002");
    }

    @Test
    void noDeploysMeansNoCurrentAndNoTarget() {
        DeployHistory history = DeployHistory.of(CONFIG, List.of());

        assertThat(history.current()).isEmpty();
        assertThat(history.previousDistinct()).isEmpty();
        assertThat(history.rollbackTarget()).isEmpty();
        assertThat(history.lastFive()).isEmpty();
    }

    private static PullRequest withNumber(PullRequest p, int number, Instant mergedAt) {
        return new PullRequest(p.repo(), number, p.title(), p.body(), p.author(), p.headOwner(), p.headRef(),
                p.headSha(), p.baseRef(), false, p.createdAt(), mergedAt, mergedAt, p.labels(), p.htmlUrl());
    }
}
