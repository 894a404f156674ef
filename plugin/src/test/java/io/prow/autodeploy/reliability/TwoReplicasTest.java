package io.prow.autodeploy.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two replicas of the plugin (two {@code PluginApp}s over one GitHub) receive the same delivery at the same moment,
 * as with two hook endpoints or a redelivery during a rollout. Their writes are forced to race: each replica's
 * {@code createComment} waits for the other's, so both have read "no reply yet" before either posts. The end state
 * must still be the one of a single clean delivery: one reply, one hold marker, one rollback PR and branch.
 */
class TwoReplicasTest {
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private volatile CyclicBarrier race;

    /** Makes {@code createComment} of both replicas meet before either goes on (1 s at most, then alone). */
    private GitHub racing(GitHub gh) {
        return (GitHub) Proxy.newProxyInstance(GitHub.class.getClassLoader(), new Class<?>[] {GitHub.class},
                (proxy, m, args) -> {
                    CyclicBarrier b = race;
                    if (b != null && m.getName().equals("createComment")) {
                        try {
                            b.await(1, TimeUnit.SECONDS);
                        } catch (TimeoutException | BrokenBarrierException alone) {
                            // The other replica made no such call: nothing to race with.
                        }
                    }
                    try {
                        return m.invoke(gh, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private PluginHarness replica(InMemoryGitHub gh) throws Exception {
        return new PluginHarness(clock, PluginHarness.defaultConfig(), gh, this::racing,
                new AlertSource(new AlertmanagerClient()), PluginApp.Settings.forTests());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flow.class)
    void bothReplicasHandlingTheSameDeliveryEndAsOneCleanDelivery(Flow flow) throws Exception {
        EndState clean;
        int postedByOneDelivery;
        try (PluginHarness h = new PluginHarness(clock, PluginHarness.defaultConfig(), DeployWorld.github(clock))) {
            Flow.Delivery d = flow.prepare(h);
            int before = botComments(h.gh);
            h.send(d.eventType(), d.body());
            h.settle();
            clean = EndState.of(h.gh);
            postedByOneDelivery = botComments(h.gh) - before;
        }
        clock.set(DeployWorld.NOW);
        InMemoryGitHub gh = DeployWorld.github(clock);
        try (PluginHarness a = replica(gh); PluginHarness b = replica(gh)) {
            Flow.Delivery d = flow.prepare(a);
            int logBefore = gh.log().size();
            race = new CyclicBarrier(2);
            CompletableFuture<Integer> toA = CompletableFuture.supplyAsync(() -> send(a, d));
            CompletableFuture<Integer> toB = CompletableFuture.supplyAsync(() -> send(b, d));
            assertThat(toA.join()).isEqualTo(200);
            assertThat(toB.join()).isEqualTo(200);
            a.settle();
            b.settle();
            race = null;

            assertThat(EndState.of(gh)).isEqualTo(clean);
            // Whatever the race doubled (the barrier makes both replicas post where both decided to), each later
            // twin deleted itself: comments posted minus comments deleted is what one clean delivery posts.
            var caused = gh.log().subList(logBefore, gh.log().size());
            long posted = caused.stream().filter(l -> l.matches("#\\d+ comment: .*")).count();
            long deleted = caused.stream().filter(l -> l.endsWith(" deleted")).count();
            assertThat(posted - deleted).isEqualTo(postedByOneDelivery);
        }
    }

    private static int botComments(InMemoryGitHub gh) {
        return EndState.of(gh).botComments().values().stream().mapToInt(java.util.List::size).sum();
    }

    private static int send(PluginHarness h, Flow.Delivery d) {
        try {
            return h.send(d.eventType(), d.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
