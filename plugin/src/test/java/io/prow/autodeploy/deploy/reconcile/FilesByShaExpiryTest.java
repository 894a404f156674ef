package io.prow.autodeploy.deploy.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.rollback.RollbackWorld;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16: a head's file list is read once while in use, and forgotten a day after its last use. */
class FilesByShaExpiryTest {
    @Test
    void filesAreReadOncePerHeadAndForgottenAfterADayUnused() {
        RollbackWorld w = RollbackWorld.deployed(RollbackWorld.A);
        AlertSource quiet = new AlertSource((url, matchers, timeout) -> List.of(), Ticker.systemTicker(),
                AlertSource.DEFAULT_UNKNOWN_TTL);
        SnapshotReader reader = new SnapshotReader(w.gh, w.gh, w.gh, w.gh, quiet, w.clock);
        w.gh.resetCalls();

        reader.read(w.config, w.openAutobump);
        w.clock.advance(SnapshotReader.FILES_IDLE.minus(Duration.ofMinutes(1)));
        reader.read(w.config, w.openAutobump);
        assertThat(w.gh.calls().get("changedFiles")).as("used within the day: read once").isEqualTo(1);

        w.clock.advance(SnapshotReader.FILES_IDLE);
        reader.read(w.config, w.openAutobump);
        assertThat(w.gh.calls().get("changedFiles")).as("idle a full day: forgotten, read again").isEqualTo(2);
    }
}
