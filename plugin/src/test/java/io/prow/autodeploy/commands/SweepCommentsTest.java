package io.prow.autodeploy.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.TestRepo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Issue 16: a sweep's reconcile and recovery read each PR's comments once; nothing outlives the sweep. */
class SweepCommentsTest {
    private static final RepoRef REPO = new RepoRef("kubernetes", "test-infra");
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final InMemoryGitHub gh = new InMemoryGitHub(clock, "k8s-ci-robot");
    private final SweepComments comments = new SweepComments(gh);
    private final int bump;

    SweepCommentsTest() {
        TestRepo repo = TestRepo.testInfra(gh).create("v20261118-a1b2c3d4e5");
        bump = repo.openGreenBump("v20261125-1a2b3c4d5e");
        gh.comment(REPO, bump, "alice", "/hold bad rollout");
        gh.resetCalls();
    }

    @Test
    void insideASweepTheListReadIsKeptForTheRecoveryAndEveryReadStillGoesToGitHub() {
        try (SweepComments.Sweep sweep = comments.begin()) {
            assertThat(sweep.lastRead(REPO, bump)).as("nothing read yet").isEmpty();
            List<Comment> read = comments.comments(REPO, bump);
            assertThat(sweep.lastRead(REPO, bump)).contains(read);
            comments.comments(REPO, bump);
            assertThat(gh.calls()).as("reads are never served from the sweep").isEqualTo(Map.of("comments", 2));
            assertThat(sweep.lastRead(REPO, bump + 1)).as("another PR").isEmpty();
        }
    }

    @Test
    void theLastReadWins() {
        try (SweepComments.Sweep sweep = comments.begin()) {
            comments.comments(REPO, bump);
            Comment later = gh.comment(REPO, bump, "bob", "/hold cancel");
            comments.comments(REPO, bump);
            assertThat(sweep.lastRead(REPO, bump).orElseThrow()).contains(later);
        }
    }

    @Test
    void readsOutsideASweepOrOnAnotherThreadAreNotKept() throws Exception {
        comments.comments(REPO, bump); // before the sweep
        try (SweepComments.Sweep sweep = comments.begin()) {
            assertThat(sweep.lastRead(REPO, bump)).isEmpty();
            CompletableFuture.runAsync(() -> comments.comments(REPO, bump)).get(); // a webhook's worker
            assertThat(sweep.lastRead(REPO, bump)).as("another thread's read").isEmpty();
        }
        try (SweepComments.Sweep next = comments.begin()) {
            assertThat(next.lastRead(REPO, bump)).as("the next sweep starts empty").isEmpty();
        }
    }

    @Test
    void aClosedSweepKeepsNothingAndFurtherReadsAreNotKept() {
        SweepComments.Sweep sweep = comments.begin();
        comments.comments(REPO, bump);
        sweep.close();
        assertThat(sweep.lastRead(REPO, bump)).isEmpty();
        comments.comments(REPO, bump);
        assertThat(sweep.lastRead(REPO, bump)).isEmpty();
    }

    @Test
    void sweepsDoNotNest() {
        try (SweepComments.Sweep sweep = comments.begin()) {
            assertThatThrownBy(comments::begin).isInstanceOf(IllegalStateException.class);
        }
    }

    static Stream<Arguments> writes() {
        return Stream.of(
                Arguments.of("a comment posted", (BiConsumer<SweepComments, Integer>) (c, n) ->
                        c.createComment(REPO, n, "hold record")),
                Arguments.of("a comment edited", (BiConsumer<SweepComments, Integer>) (c, n) ->
                        c.editComment(REPO, c.comments(REPO, n).get(0).id(), "edited")),
                Arguments.of("a comment deleted", (BiConsumer<SweepComments, Integer>) (c, n) ->
                        c.deleteComment(REPO, c.comments(REPO, n).get(0).id())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aWriteThroughTheRoleDropsTheRepositorysLists(String name, BiConsumer<SweepComments, Integer> write) {
        try (SweepComments.Sweep sweep = comments.begin()) {
            comments.comments(REPO, bump);
            write.accept(comments, bump);
            assertThat(sweep.lastRead(REPO, bump)).as("the recovery reads again").isEqualTo(Optional.empty());
        }
    }
}
