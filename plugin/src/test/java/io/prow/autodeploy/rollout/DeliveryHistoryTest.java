package io.prow.autodeploy.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.ledger.HoldInfo;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delivery figures from what GitHub holds: closed PRs, the rollout state, the hold. */
class DeliveryHistoryTest {
    @Test
    void latestDeployCountsFromRunningOlderFromTheirMerge() {
        RolloutWorld w = new RolloutWorld(RolloutConfigs.contextsOnly());
        // OLD: PR created 18:00 and merged 18:00 on day 0; NEW: created and merged a day later, running 20m after.
        w.job(Check.State.SUCCESS);
        w.clock.advance(Duration.ofMinutes(20));
        RolloutState running = w.sweep();
        DeliveryMetrics.Figures f = DeliveryHistory.figures(w.config, w.closed(), running, Optional.empty(),
                w.clock.instant());
        assertEquals(2, f.deploys());
        // leads: OLD 0 s (created = merged in the sandbox), NEW 20 min -> median of two = 10 min
        assertEquals(Optional.of(Duration.ofMinutes(10)), f.leadTime());
        assertEquals(Optional.of(0.0), f.changeFailureRate());
        assertEquals(Optional.empty(), f.timeToRestore());
    }

    @Test
    void aStuckLatestRolloutIsAnIncidentNotADeploy() {
        RolloutWorld w = new RolloutWorld(RolloutConfigs.contextsOnly());
        w.clock.advance(Duration.ofMinutes(30));
        RolloutState stuck = w.sweep();
        assertEquals(RolloutState.Phase.STUCK, stuck.phase());
        HoldInfo hold = new HoldInfo(RolloutWorld.BOT, "rollout of " + RolloutWorld.NEW + " stuck: x",
                w.clock.instant());
        DeliveryMetrics.Figures f = DeliveryHistory.figures(w.config, w.closed(), stuck, Optional.of(hold),
                w.clock.instant());
        assertEquals(1, f.deploys(), "NEW never ran");
        assertEquals(2, f.incidents(), "the stuck rollout (from its merge) and the hold");
        // OLD ran a day before NEW merged: outside the 1h watch, so not a failed change
        assertEquals(Optional.of(0.0), f.changeFailureRate());
    }
}
