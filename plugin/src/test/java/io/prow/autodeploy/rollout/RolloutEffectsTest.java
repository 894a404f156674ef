package io.prow.autodeploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.rollback.RecordingHolds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutEffectsTest {
    static final String FAILED_REASON = "rollout of " + RolloutWorld.NEW + " failed: " + RolloutConfigs.CONTEXT;

    @Test
    void failedJobHoldsOnceWithOneCommentOfferingTheRollback() {
        RolloutWorld w = new RolloutWorld(RolloutConfigs.both("http://prometheus.monitoring:9090"));
        w.rolledOut(0);
        w.job(Check.State.FAILURE);
        RolloutState s = w.sweep();
        assertEquals(RolloutState.Phase.FAILED, s.phase());
        assertEquals(List.of(new RecordingHolds.Held(RolloutWorld.BOT, FAILED_REASON)), w.holds.holds());
        List<Comment> comments = w.gh.peekComments(RolloutWorld.REPO, w.newPr);
        assertEquals(1, comments.size());
        assertThat(comments.get(0).body()).contains("failed", "`" + RolloutConfigs.CONTEXT + "`",
                "`/rollback " + RolloutWorld.OLD + "`", "<!-- autodeploy:rollout tag=" + RolloutWorld.NEW
                        + " state=failed -->");
        w.gh.resetCalls();
        for (int i = 0; i < 3; i++) {
            w.clock.advance(Duration.ofMinutes(5));
            w.sweep(Optional.of(FAILED_REASON));
        }
        assertEquals(1, w.holds.holds().size(), "held once; a hold oncall released stays released");
        assertEquals(1, w.gh.peekComments(RolloutWorld.REPO, w.newPr).size(), "one comment per deploy");
    }

    /** The real Holds reconciles the autobump PR, whose reconcile follows the rollout again: no second hold, no loop. */
    @Test
    void holdingReentersTheRolloutOnlyOnce() {
        RolloutWorld w = new RolloutWorld(RolloutConfigs.contextsOnly());
        w.job(Check.State.FAILURE);
        List<String> reasons = new java.util.ArrayList<>();
        RolloutEffects[] effects = new RolloutEffects[1];
        effects[0] = new RolloutEffects(w.gh, w.gh, new io.prow.autodeploy.ledger.DeployHolds() {
            @Override
            public Optional<io.prow.autodeploy.github.PullRequest> hold(io.prow.autodeploy.config.RepoConfig c,
                                                                        String by, String reason) {
                reasons.add(reason);
                var closed = w.closed();
                effects[0].act(c, w.follower.follow(c, closed), closed, Optional.empty()); // as Holds' reconcile does
                return Optional.empty();
            }

            @Override
            public Optional<io.prow.autodeploy.github.PullRequest> release(io.prow.autodeploy.config.RepoConfig c,
                                                                           String by) {
                throw new AssertionError("never released");
            }
        });
        var closed = w.closed();
        effects[0].act(w.config, w.follower.follow(w.config, closed), closed, Optional.empty());
        assertEquals(List.of(FAILED_REASON), reasons);
        List<Comment> comments = w.gh.peekComments(RolloutWorld.REPO, w.newPr);
        assertEquals(1, comments.size());
        assertThat(comments.get(0).body()).contains("automatic deploys are held", "state=failed");
    }

    @Test
    void jobPassingOnRetryEditsTheCommentAndKeepsTheHold() {
        RolloutWorld w = new RolloutWorld(RolloutConfigs.both("http://prometheus.monitoring:9090"));
        w.rolledOut(0);
        w.job(Check.State.FAILURE);
        w.sweep();
        w.job(Check.State.PENDING);
        w.clock.advance(Duration.ofMinutes(1));
        assertEquals(RolloutState.Phase.APPLYING, w.sweep(Optional.of(FAILED_REASON)).phase());
        assertThat(w.gh.peekComments(RolloutWorld.REPO, w.newPr).get(0).body()).doesNotContain("passed on retry");
        w.job(Check.State.SUCCESS);
        w.rolledOut(3);
        w.clock.advance(Duration.ofMinutes(1));
        assertEquals(RolloutState.Phase.RUNNING, w.sweep(Optional.of(FAILED_REASON)).phase());
        List<Comment> comments = w.gh.peekComments(RolloutWorld.REPO, w.newPr);
        assertEquals(1, comments.size());
        assertThat(comments.get(0).body()).contains("passed on retry", "hold stays", "state=retried");
        assertEquals(1, w.holds.holds().size(), "the hold stays until released: nothing released it");
    }

    @Test
    void contextThatNeverAppearsIsStuckAtTheTimeout() {
        RolloutWorld w = new RolloutWorld(RolloutConfigs.contextsOnly());
        assertEquals(RolloutState.Phase.APPLYING, w.sweep().phase());
        assertThat(w.holds.holds()).isEmpty();
        w.clock.advance(Duration.ofMinutes(30));
        RolloutState s = w.sweep();
        assertEquals(RolloutState.Phase.STUCK, s.phase());
        assertEquals(List.of(new RecordingHolds.Held(RolloutWorld.BOT, "rollout of " + RolloutWorld.NEW
                + " stuck: not running after 30m: " + RolloutConfigs.CONTEXT + " not reported")), w.holds.holds());
        assertThat(w.gh.peekComments(RolloutWorld.REPO, w.newPr).get(0).body()).contains("is stuck",
                "state=stuck");
    }

    @Test
    void runningIsRecordedOnTheMergeCommitOnceThenCostsNothing() {
        RolloutWorld w = new RolloutWorld(RolloutConfigs.both("http://prometheus.monitoring:9090"));
        w.job(Check.State.SUCCESS);
        w.rolledOut(2);
        assertEquals(RolloutState.Phase.APPLYING, w.sweep().phase());
        assertEquals("2/3 containers", w.follower.follow(w.config, w.closed()).containers());
        w.rolledOut(3);
        w.clock.advance(Duration.ofSeconds(31)); // past the Prometheus cache
        w.clock.advance(Duration.ofMinutes(2));
        RolloutState running = w.sweep();
        assertEquals(RolloutState.Phase.RUNNING, running.phase());
        Check recorded = w.gh.peekChecks(RolloutWorld.REPO, w.mergeSha()).get("autodeploy/rollout");
        assertEquals(Check.State.SUCCESS, recorded.state());
        assertEquals("Running " + RolloutWorld.NEW + " since " + w.clock.instant(), recorded.description());

        // A restarted process reads "running since" back from GitHub, and once settled asks nothing more.
        RolloutFollower fresh = new RolloutFollower(w.gh, w.source, w.clock);
        w.clock.advance(Duration.ofHours(1));
        var closed = w.closed();
        assertEquals(running.runningSince(), fresh.follow(w.config, closed).runningSince());
        w.gh.resetCalls();
        long queries = w.source.queries();
        for (int i = 0; i < 5; i++) {
            fresh.follow(w.config, closed);
        }
        assertEquals(Map.of(), w.gh.calls(), "a settled deploy costs no GitHub request");
        assertEquals(queries, w.source.queries(), "nor a Prometheus query");
    }

    @Test
    void followingCostsOneChecksReadAndOnePrometheusQueryPerSweep() {
        RolloutWorld w = new RolloutWorld(RolloutConfigs.both("http://prometheus.monitoring:9090"));
        w.job(Check.State.SUCCESS);
        w.rolledOut(1);
        var closed = w.closed();
        w.gh.resetCalls();
        for (int i = 0; i < 4; i++) { // four PRs of the repo reconciled in one sweep
            w.follower.follow(w.config, closed);
        }
        assertEquals(Map.of("checks", 4), w.gh.calls(), "only the merge commit's checks (ETag-cached for real)");
        assertEquals(1, w.source.queries());
    }

    @Test
    void notConfiguredReadsNothing() {
        RolloutWorld w = new RolloutWorld(RolloutConfigs.off());
        RolloutState s = w.sweep();
        assertEquals(RolloutState.Phase.NOT_FOLLOWED, s.phase());
        assertEquals(Map.of("pullRequests", 1), w.gh.calls(), "only the closed PRs the decision reads anyway");
        assertEquals(0, w.source.queries());
    }
}
