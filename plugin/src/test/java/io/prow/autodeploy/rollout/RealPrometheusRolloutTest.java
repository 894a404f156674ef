package io.prow.autodeploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.sandbox.PodExporter;
import io.prow.autodeploy.sandbox.PrometheusProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rollouts followed through Debian's real Prometheus scraping a stand-in kube-state-metrics every second. The only
 * real-time waits are "Prometheus scraped this change" ({@link PrometheusProcess#awaitGeneration}); the rollout's
 * own time (timeout) is the ManualClock.
 */
class RealPrometheusRolloutTest {
    static PodExporter exporter;
    static PrometheusProcess prometheus;

    @BeforeAll
    static void start() throws IOException {
        exporter = new PodExporter("prow", pods(0, 0));
        prometheus = PrometheusProcess.start(exporter.target());
    }

    @AfterAll
    static void stop() {
        prometheus.close();
        exporter.close();
    }

    /** hook, tide, deck in two pods each: the first {@code onNew} containers on NEW, plus {@code halfway} more with one pod on NEW. */
    static List<PodExporter.Pod> pods(int onNew, int halfway) {
        List<PodExporter.Pod> pods = new ArrayList<>();
        List<String> containers = List.of("hook", "tide", "deck");
        for (int i = 0; i < containers.size(); i++) {
            String c = containers.get(i);
            String first = i < onNew + halfway ? RolloutWorld.NEW : RolloutWorld.OLD;
            String second = i < onNew ? RolloutWorld.NEW : RolloutWorld.OLD;
            pods.add(new PodExporter.Pod(c + "-7d9f-a", c, RolloutConfigs.PREFIX + c + ":" + first));
            pods.add(new PodExporter.Pod(c + "-7d9f-b", c, RolloutConfigs.PREFIX + c + ":" + second));
        }
        pods.add(new PodExporter.Pod("hook-7d9f-a", "oauth-proxy", "quay.io/oauth2-proxy/oauth2-proxy:v7.5.1"));
        return pods;
    }

    static RolloutWorld world() {
        return new RolloutWorld(RolloutConfigs.both(prometheus.baseUri().toString()),
                new PrometheusClient()::query);
    }

    /** The cluster changes, Prometheus scrapes it, and the plugin's cache has expired. */
    static void cluster(RolloutWorld w, List<PodExporter.Pod> pods) {
        prometheus.awaitGeneration(exporter.set(pods));
        w.clock.advance(Duration.ofSeconds(31));
    }

    @Test
    void rolloutThatCompletes() {
        RolloutWorld w = world();
        w.job(Check.State.SUCCESS);
        cluster(w, pods(0, 0));
        assertEquals("rolling out: 0/3 containers", w.sweep().detail());
        cluster(w, pods(2, 0));
        assertEquals("rolling out: 2/3 containers", w.sweep().detail());
        cluster(w, pods(3, 0));
        RolloutState s = w.sweep();
        assertEquals(RolloutState.Phase.RUNNING, s.phase());
        assertEquals("3/3 containers", s.containers());
        assertEquals(Check.State.SUCCESS, w.gh.peekChecks(RolloutWorld.REPO, w.mergeSha()).get("autodeploy/rollout")
                .state());
        assertThat(w.holds.holds()).isEmpty();
    }

    @Test
    void partialRolloutTwoTagsIsNotRunning() {
        RolloutWorld w = world();
        w.job(Check.State.SUCCESS);
        cluster(w, pods(1, 2)); // hook on NEW; tide and deck with one pod on each tag
        RolloutState s = w.sweep();
        assertEquals(RolloutState.Phase.APPLYING, s.phase());
        assertEquals("1/3 containers", s.containers());
        assertEquals(List.of("tide", "deck"), s.notOnTag());
    }

    @Test
    void rolloutThatSticksHoldsAndSaysWhichContainers() {
        RolloutWorld w = world();
        w.job(Check.State.SUCCESS);
        cluster(w, pods(1, 1));
        assertEquals(RolloutState.Phase.APPLYING, w.sweep().phase());
        w.clock.advance(Duration.ofMinutes(30));
        RolloutState s = w.sweep();
        assertEquals(RolloutState.Phase.STUCK, s.phase());
        assertEquals("not running after 30m: tide, deck not on " + RolloutWorld.NEW, s.detail());
        assertEquals(1, w.holds.holds().size());
        assertThat(w.gh.peekComments(RolloutWorld.REPO, w.newPr).get(0).body())
                .contains("is stuck", "containers not on the tag: tide, deck", "/rollback " + RolloutWorld.OLD);
    }

    @Test
    void failedDeployJobHoldsWithTheJobLink() {
        RolloutWorld w = world();
        w.job(Check.State.FAILURE);
        cluster(w, pods(0, 0));
        RolloutState s = w.sweep();
        assertEquals(RolloutState.Phase.FAILED, s.phase());
        assertEquals(1, w.holds.holds().size());
        assertThat(w.gh.peekComments(RolloutWorld.REPO, w.newPr).get(0).body())
                .contains("failed", RolloutConfigs.CONTEXT);
    }

    @Test
    void prometheusDownIsUnknownAndDeploysWait() throws IOException {
        try (PodExporter own = new PodExporter("prow", pods(3, 0));
             PrometheusProcess down = PrometheusProcess.start(own.target())) {
            RolloutWorld w = new RolloutWorld(RolloutConfigs.both(down.baseUri().toString()),
                    new PrometheusClient()::query);
            w.job(Check.State.SUCCESS);
            down.awaitGeneration(1);
            assertEquals(RolloutState.Phase.RUNNING, w.sweep().phase(), "answering: the rollout is seen");
            RolloutWorld later = new RolloutWorld(RolloutConfigs.both(down.baseUri().toString()),
                    new PrometheusClient()::query);
            later.job(Check.State.SUCCESS);
            down.stop();
            RolloutState s = later.sweep();
            assertEquals(RolloutState.Phase.UNKNOWN, s.phase());
            assertThat(s.detail()).startsWith("rollout unknown: Prometheus unreachable");
            later.clock.advance(Duration.ofHours(1));
            assertEquals(RolloutState.Phase.UNKNOWN, later.sweep().phase(), "never stuck on not knowing");
            assertThat(later.holds.holds()).isEmpty();
        }
    }
}
