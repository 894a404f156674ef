package io.prow.autodeploy.deploy.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.deploy.gates.Snapshots;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.rollback.RollbackWorld;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16: the deploy history is read once and reused until something could have changed it. */
class ClosedPullsCacheTest {
    private final RollbackWorld w = RollbackWorld.deployed(RollbackWorld.A, RollbackWorld.B);
    private final ClosedPullsCache cache = new ClosedPullsCache(w.gh, w.clock);

    private int listings() {
        return w.gh.calls().getOrDefault("pullRequests", 0);
    }

    private static List<Integer> numbers(List<PullRequest> pulls) {
        return pulls.stream().map(PullRequest::number).toList();
    }

    @Test
    void readOnceThenFreeUntilForgotten() {
        w.gh.resetCalls();
        List<PullRequest> first = cache.get(w.config);
        int cold = listings();
        assertThat(cold).as("the autobump listing (first owner with a hit) and the base branch's page").isEqualTo(2);

        w.gh.resetCalls();
        assertThat(numbers(cache.get(w.config))).isEqualTo(numbers(first));
        assertThat(listings()).as("warm: no request").isZero();
    }

    @Test
    void aMergedBumpIsSeenAfterForgetAutobumpsWhichRereadsOnlyTheAutobumpListing() {
        cache.get(w.config);
        int merged = w.gh.openPullRequest(RollbackWorld.REPO, "k8s-ci-robot", "k8s-ci-robot", "autobump",
                w.config.baseBranch(), "Update Prow to " + RollbackWorld.C, java.util.Map.of("README.md", "x\n"));
        w.gh.merge(RollbackWorld.REPO, merged); // the same minute: the base branch's page is still fresh
        assertThat(numbers(cache.get(w.config))).as("cached: not yet seen").doesNotContain(merged);

        cache.forgetAutobumps(w.config.repo());
        w.gh.resetCalls();
        assertThat(numbers(cache.get(w.config))).contains(merged);
        assertThat(listings()).as("the autobump listing only").isEqualTo(1);
    }

    @Test
    void forgetAllRereadsBothAndTheBasePageAgesOutAfterItsMaxAge() {
        cache.get(w.config);
        cache.forgetAll(w.config.repo());
        w.gh.resetCalls();
        cache.get(w.config);
        assertThat(listings()).isEqualTo(2);

        w.clock.advance(ClosedPullsCache.RECENT_MAX_AGE.minus(Duration.ofMinutes(1)));
        w.gh.resetCalls();
        cache.get(w.config);
        assertThat(listings()).as("the base page younger than its max age: cached (the autobump listing's own, "
                + "shorter max age has passed: it alone is read)").isEqualTo(1);

        w.clock.advance(Duration.ofMinutes(1));
        w.gh.resetCalls();
        cache.get(w.config);
        assertThat(listings()).as("at its max age: the base branch's page only").isEqualTo(1);
        assertThat(cache.size()).as("one entry per listing of the one repo").isEqualTo(2);
    }

    @Test
    void forgettingARepoNeverReadCreatesNothing() {
        cache.forgetAll(io.prow.autodeploy.github.RepoRef.parse("someone/else"));
        assertThat(cache.size()).isZero();
    }

    @Test
    void theSameOpenBumpKeepsTheAutobumpListingAnotherOrNoneOrTwoHoursRereadIt() {
        PullRequest bump = cache.get(w.config).get(0);
        List<PullRequest> open = List.of(bump);
        assertThat(cache.openAutobumpsAre(w.config.repo(), open)).as("first listing after start-up").isTrue();
        cache.get(w.config);
        w.gh.resetCalls();
        assertThat(cache.openAutobumpsAre(w.config.repo(), open)).as("the same open bump").isFalse();
        cache.get(w.config);
        assertThat(listings()).as("other PRs' merges: nothing re-read").isZero();

        assertThat(cache.openAutobumpsAre(w.config.repo(), List.of())).as("none open: one may have come and gone")
                .isTrue();
        cache.get(w.config);
        assertThat(listings()).as("the autobump listing only").isEqualTo(1);
        assertThat(cache.openAutobumpsAre(w.config.repo(), List.of())).as("none open again: no change (a bump that"
                + " opened and merged in between is told by its push)").isFalse();
        cache.get(w.config);
        assertThat(listings()).as("nothing re-read").isEqualTo(1);
        assertThat(cache.openAutobumpsAre(w.config.repo(), open)).as("a bump opened").isTrue();
        cache.get(w.config);
        assertThat(listings()).isEqualTo(2);

        w.clock.advance(ClosedPullsCache.AUTOBUMPS_MAX_AGE);
        w.gh.resetCalls();
        assertThat(cache.openAutobumpsAre(w.config.repo(), open)).isFalse();
        cache.get(w.config);
        assertThat(listings()).as("two hours without a change: the autobump listing aged out (the base page's max"
                + " age is longer)").isEqualTo(1);
        w.clock.advance(ClosedPullsCache.RECENT_MAX_AGE.minus(ClosedPullsCache.AUTOBUMPS_MAX_AGE));
        w.gh.resetCalls();
        cache.get(w.config);
        assertThat(listings()).as("at the base page's max age: both listings aged out").isEqualTo(2);
    }

    @Test
    void aPushTouchingTheDeployedFilesRereadsBoth() {
        cache.get(w.config);
        cache.openAutobumpsAre(w.config.repo(), List.of());
        cache.get(w.config);
        w.gh.resetCalls();
        assertThat(cache.openAutobumpsAre(w.config.repo(), List.of())).isFalse();
        cache.get(w.config);
        assertThat(listings()).as("none open twice: cached").isZero();
        cache.basePushed(w.config.repo());
        cache.get(w.config);
        assertThat(listings()).as("a bump's or a rollback's merge: both listings").isEqualTo(2);
    }

    @Test
    void aBumpADecisionFoundOpenAndTheNextListingDoesNotRereadsTheAutobumpListing() {
        var repo = w.config.repo();
        cache.openAutobumpsAre(repo, List.of());
        assertThat(cache.openAutobumpsAre(repo, List.of())).as("none open twice").isFalse();
        Snapshots.Builder bump = Snapshots.autobump().config(w.config);
        cache.observer().observed(bump.build(), null);
        assertThat(cache.openAutobumpsAre(repo, List.of()))
                .as("none open at both listings, but a bump decided on in between: it opened and closed").isTrue();
        assertThat(cache.openAutobumpsAre(repo, List.of())).as("no decision since").isFalse();

        PullRequest open = bump.build().pr();
        cache.openAutobumpsAre(repo, List.of(open));
        cache.observer().observed(bump.build(), null);
        assertThat(cache.openAutobumpsAre(repo, List.of(open))).as("decided on and still open").isFalse();

        cache.openAutobumpsAre(repo, List.of());
        cache.observer().observed(Snapshots.autobump().config(w.config).headRef("feature").build(), null);
        cache.observer().observed(Snapshots.autobump().config(w.config).closed().build(), null);
        assertThat(cache.openAutobumpsAre(repo, List.of()))
                .as("a PR not from the autobump head branch (never listed), a closed one: no change").isFalse();
    }
}
