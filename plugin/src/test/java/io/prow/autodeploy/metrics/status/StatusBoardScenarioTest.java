package io.prow.autodeploy.metrics.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.prow.autodeploy.github.PrQuery;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deploy metrics after real deploy days through the whole plugin: each merged deploy counts once however often
 * it is observed, the version series moves (the old one disappears), lead time and pending age are measured.
 */
class StatusBoardScenarioTest {
    private static final String A = "v20261125-1a2b3c4d5e";
    private static final String B = "v20261125-9f8e7d6c5b";
    private static final String C = "v20261125-0c0c0c0c0c";
    // Wednesday 2026-11-25 10:00 in Los Angeles: inside the window.
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private StatusScenario w;

    @BeforeEach
    void start() throws Exception {
        w = StatusScenario.start(clock);
    }

    @AfterEach
    void stop() {
        w.h.close();
    }

    @Test
    void aDeployCountsOnceMovesTheVersionSeriesAndMeasuresLeadAndPendingTime() throws Exception {
        PullRequest a = w.openGreenBump(A);
        assertThat(w.gateSeries()).containsOnlyKeys("trusted", "hold", "tests", "alerts", "rollout", "breaking-changes", "window", "pacing")
                .allSatisfy((gate, v) -> assertThat(v).as(gate).isEqualTo(1.0));
        assertThat(w.gauge(w.metrics().pendingDeployAge)).isZero();
        assertThat(w.versionSeries()).as("nothing merged yet: the deployed version is not known").isEmpty();

        clock.set(Instant.parse("2026-11-25T18:10:00Z"));
        w.h.app.reconcileAll();
        w.h.settle();
        assertThat(w.gauge(w.metrics().pendingDeployAge)).as("green since 18:00, seen again at 18:10")
                .isEqualTo(600.0);

        w.merge(a);
        assertThat(w.deploys("autobump")).isEqualTo(1.0);
        assertThat(w.deploys("rollback")).isZero();
        assertThat(w.versionSeries()).isEqualTo(Map.of(A, 1.0));
        assertThat(w.gauge(w.metrics().lastDeployTimestamp))
                .isEqualTo(Instant.parse("2026-11-25T18:10:00Z").getEpochSecond());
        assertThat(w.leadTime()).hasValueSatisfying(p -> {
            assertThat(p.getCount()).isEqualTo(1);
            assertThat(p.getSum()).isEqualTo(600.0);
        });
        assertThat(w.gateSeries()).as("no open bump: no gate series left").isEmpty();
        assertThat(w.gauge(w.metrics().pendingDeployAge)).isZero();

        // Redelivered events and sweeps observe the same merged PR again: still one deploy.
        w.h.send("pull_request", Payloads.pullRequest("closed", w.now(a)));
        w.h.app.reconcileAll();
        w.h.settle();
        assertThat(w.deploys("autobump")).isEqualTo(1.0);

        clock.set(Instant.parse("2026-11-25T18:40:00Z"));
        PullRequest b = w.openGreenBump(B);
        assertThat(w.gateSeries()).containsEntry("pacing", 0.0).containsEntry("tests", 1.0);
        assertThat(w.deploys("autobump")).as("observations of an open bump count nothing").isEqualTo(1.0);

        w.h.advanceTo("2026-11-25T19:10:00Z"); // pacing opens: the wake-up reconciles and labels
        assertThat(w.now(b).labels()).contains("autodeploy/ready");
        assertThat(w.gateSeries()).containsEntry("pacing", 1.0);
        assertThat(w.gauge(w.metrics().pendingDeployAge)).isEqualTo(1800.0);

        clock.set(Instant.parse("2026-11-25T19:20:00Z"));
        w.merge(b);
        assertThat(w.deploys("autobump")).isEqualTo(2.0);
        assertThat(w.versionSeries()).as("the old version's series is removed, not left at 1").isEqualTo(Map.of(B, 1.0));
        assertThat(w.leadTime()).hasValueSatisfying(p -> {
            assertThat(p.getCount()).isEqualTo(2);
            assertThat(p.getSum()).isEqualTo(600.0 + 2400.0);
        });
    }

    @Test
    void aRestartedProcessKnowsTheVersionButCountsOnlyDeploysMergedSinceItStarted() throws Exception {
        PullRequest a = w.openGreenBump(A);
        clock.set(Instant.parse("2026-11-25T18:10:00Z"));
        w.merge(a);
        assertThat(w.deploys("autobump")).isEqualTo(1.0);

        clock.set(Instant.parse("2026-11-25T19:30:00Z"));
        w = w.restart();
        PullRequest c = w.openGreenBump(C);
        assertThat(w.versionSeries()).isEqualTo(Map.of(A, 1.0));
        assertThat(w.gauge(w.metrics().lastDeployTimestamp))
                .isEqualTo(Instant.parse("2026-11-25T18:10:00Z").getEpochSecond());
        assertThat(w.deploys("autobump")).as("merged before this process started").isZero();

        clock.set(Instant.parse("2026-11-25T19:40:00Z"));
        w.merge(c);
        assertThat(w.deploys("autobump")).isEqualTo(1.0);
        assertThat(w.versionSeries()).isEqualTo(Map.of(C, 1.0));
    }

    @Test
    void aMergedRollbackCountsAsRollbackAndTheVersionGoesBack() throws Exception {
        PullRequest a = w.openGreenBump(A);
        clock.set(Instant.parse("2026-11-25T18:10:00Z"));
        w.merge(a);
        clock.set(Instant.parse("2026-11-25T19:15:00Z"));
        PullRequest b = w.openGreenBump(B);
        clock.set(Instant.parse("2026-11-25T19:20:00Z"));
        w.merge(b);
        clock.set(Instant.parse("2026-11-25T19:30:00Z"));
        PullRequest c = w.openGreenBump(C);

        w.comment(c, "alice", "/rollback");
        assertThat(w.gauge(w.metrics().holdActive)).as("a rollback holds automatic deploys").isEqualTo(1.0);
        PullRequest rollback = w.h.gh.pullRequests(PluginHarness.REPO,
                        new PrQuery(PrQuery.State.OPEN, "master", null, 10)).stream()
                .filter(pr -> pr.title().startsWith("Roll back Prow to " + A)).findFirst().orElseThrow();

        clock.set(Instant.parse("2026-11-25T19:45:00Z"));
        w.merge(rollback);
        assertThat(w.deploys("rollback")).isEqualTo(1.0);
        assertThat(w.deploys("autobump")).isEqualTo(2.0);
        assertThat(w.versionSeries()).isEqualTo(Map.of(A, 1.0));
        assertThat(w.h.app.board.view(PluginHarness.REPO).orElseThrow().recentDeploys())
                .extracting(Deploy::tag, Deploy::kind)
                .containsExactly(tuple(A, Deploy.Kind.ROLLBACK),
                        tuple(B, Deploy.Kind.AUTOBUMP),
                        tuple(A, Deploy.Kind.AUTOBUMP));
        assertThat(w.leadTime()).as("rollbacks are not autobump lead time")
                .hasValueSatisfying(p -> assertThat(p.getCount()).isEqualTo(2));
    }
}
