package io.prow.autodeploy.alerts;

import static io.prow.autodeploy.alerts.Notifications.HOOK_DOWN;
import static io.prow.autodeploy.alerts.WatcherWorld.B;
import static io.prow.autodeploy.alerts.WatcherWorld.BOT;
import static io.prow.autodeploy.alerts.WatcherWorld.C;
import static io.prow.autodeploy.alerts.WatcherWorld.C_MERGED;
import static io.prow.autodeploy.alerts.WatcherWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.alerts.AlertmanagerNotification.Status;
import io.prow.autodeploy.alerts.AutoRollbackWatcher.Action;
import io.prow.autodeploy.alerts.AutoRollbackWatcher.Outcome;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PullRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AutoRollbackWatcherTest {
    private static final Instant TEN_MINUTES_AFTER = C_MERGED.plus(Duration.ofMinutes(10));

    private WatcherWorld world = new WatcherWorld(true);

    @Test
    void alertTenMinutesAfterADeployHoldsOpensTheRollbackPrAndExplainsOnTheMergedPr() {
        Outcome outcome = world.watcher().onNotification(world.config, Notifications.firing(HOOK_DOWN,
                TEN_MINUTES_AFTER));

        String reason = "alert HookDown fired 10m after deploying " + C;
        assertThat(outcome.action()).isEqualTo(Action.HELD_AND_ROLLBACK_OPENED);
        assertThat(world.held()).isTrue();
        assertThat(world.holdComments()).singleElement().extracting(Comment::body).asString()
                .startsWith("Held by @" + BOT + ": " + reason);
        PullRequest rollback = world.rollbackPrs().get(0);
        assertThat(world.rollbackPrs()).hasSize(1);
        assertThat(rollback.title()).isEqualTo("Roll back Prow to " + B + " (from " + C + ")");
        assertThat(rollback.labels()).contains("autodeploy/ready");
        assertThat(world.gh.peekTree(REPO, rollback.headRef()).get("config/prow/cluster/hook_deployment.yaml"))
                .contains(":" + B).doesNotContain(":" + C);
        assertThat(world.incidentComments()).singleElement().extracting(Comment::body).asString()
                .startsWith("Alert `HookDown` started firing at 2026-11-23 09:10 America/Los_Angeles, 10m after this"
                        + " PR deployed `" + C + "` (within the 1h watched after each deploy).")
                .contains("automatic deploys are held on #" + world.openBump + ", reason: " + reason)
                .contains("#" + rollback.number() + " opened to roll Prow back to `" + B + "`")
                .contains("close #" + rollback.number() + " to stay on `" + C + "`, and comment `/hold cancel`")
                .contains("state=done");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notificationsThatDoNotConcernTheRepo")
    void notificationsThatDoNotConcernTheRepoCostNoGitHubCall(String name, AlertmanagerNotification n) {
        Outcome outcome = world.watcher().onNotification(world.config, n);

        assertThat(outcome.action()).isEqualTo(Action.IGNORED);
        assertThat(world.gh.readCalls() + world.gh.writeCalls()).as("GitHub calls").isZero();
    }

    static Stream<Arguments> notificationsThatDoNotConcernTheRepo() {
        return notificationsThatDoNothing().filter(a -> !((String) a.get()[0]).contains("merge"));
    }

    static Stream<Arguments> notificationsThatDoNothing() {
        Map<String, String> info = Map.of("alertname", "DiskAlmostFull", "severity", "info", "job", "hook");
        Map<String, String> otherJob = Map.of("alertname", "GrafanaDown", "severity", "critical", "job", "grafana");
        return Stream.of(
                Arguments.of("fired 2h after the merge, outside the 1h watch",
                        Notifications.firing(HOOK_DOWN, C_MERGED.plus(Duration.ofHours(2)))),
                Arguments.of("fired 1s before the merge: not caused by it",
                        Notifications.firing(HOOK_DOWN, C_MERGED.minusSeconds(1))),
                Arguments.of("severity does not match", Notifications.firing(info, TEN_MINUTES_AFTER)),
                Arguments.of("job does not match", Notifications.firing(otherJob, TEN_MINUTES_AFTER)),
                Arguments.of("resolved notification", Notifications.resolved(HOOK_DOWN, TEN_MINUTES_AFTER,
                        TEN_MINUTES_AFTER.plus(Duration.ofMinutes(5)))),
                Arguments.of("firing group whose only alert already resolved", Notifications.of(Status.FIRING,
                        Notifications.alert(Status.RESOLVED, HOOK_DOWN, TEN_MINUTES_AFTER,
                                TEN_MINUTES_AFTER.plusSeconds(60)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notificationsThatDoNothing")
    void notificationsThatDoNothing(String name, AlertmanagerNotification n) {
        Outcome outcome = world.watcher().onNotification(world.config, n);

        assertThat(outcome.action()).isEqualTo(Action.IGNORED);
        assertThat(world.gh.writeCalls()).as("GitHub writes").isZero();
        assertThat(world.held()).isFalse();
        assertThat(world.rollbackPrs()).isEmpty();
    }

    @Test
    void autoRollbackOffHoldsOnlyAndSaysSo() {
        world = new WatcherWorld(false);

        Outcome outcome = world.watcher().onNotification(world.config, Notifications.firing(HOOK_DOWN,
                TEN_MINUTES_AFTER));

        assertThat(outcome.action()).isEqualTo(Action.HELD);
        assertThat(world.held()).isTrue();
        assertThat(world.holdComments()).hasSize(1);
        assertThat(world.rollbackPrs()).isEmpty();
        assertThat(world.incidentComments()).singleElement().extracting(Comment::body).asString()
                .contains("automatic rollback is off for this repo")
                .contains("comment `/hold cancel` to resume automatic deploys")
                .doesNotContain("close #");
    }

    @Test
    void aFloodOfTwentyIdenticalNotificationsGivesOneHoldOneRollbackPrOneExplanation() throws Exception {
        AutoRollbackWatcher watcher = world.watcher();
        AlertmanagerNotification n = Notifications.firing(HOOK_DOWN, TEN_MINUTES_AFTER);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Outcome>> all;
        try {
            all = IntStream.range(0, 20).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                await(start);
                return watcher.onNotification(world.config, n);
            }, pool)).toList();
            start.countDown();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        Map<Action, Long> actions = new HashMap<>();
        all.forEach(f -> actions.merge(f.join().action(), 1L, Long::sum));
        assertThat(actions).isEqualTo(Map.of(Action.HELD_AND_ROLLBACK_OPENED, 1L, Action.ALREADY_HANDLED, 19L));
        assertThat(world.holdComments()).hasSize(1);
        assertThat(world.rollbackPrs()).hasSize(1);
        assertThat(world.incidentComments()).hasSize(1);
    }

    @Test
    void aSecondReplicaSeesTheIncidentHandled() {
        AlertmanagerNotification n = Notifications.firing(HOOK_DOWN, TEN_MINUTES_AFTER);
        world.watcher().onNotification(world.config, n);
        world.gh.resetCalls();

        Outcome second = world.watcher().onNotification(world.config, n);

        assertThat(second.action()).isEqualTo(Action.ALREADY_HANDLED);
        assertThat(world.gh.writeCalls()).isZero();
    }

    @Test
    void twoReplicasRacingTheOlderClaimWinsAndTheOtherStepsAside() {
        // The other replica's claim lands just before ours: GitHub lists it first when we read back.
        AlertmanagerNotification n = Notifications.firing(HOOK_DOWN, TEN_MINUTES_AFTER);
        GitHub racing = intercepting(world.gh, "createComment", args -> {
            String body = (String) args[2];
            if (IncidentMarker.parse(body).isPresent()) {
                world.gh.createComment(REPO, (int) args[1], body); // the other replica, a moment earlier
            }
            return null;
        });

        Outcome outcome = world.watcher(racing).onNotification(world.config, n);

        assertThat(outcome.action()).isEqualTo(Action.ALREADY_HANDLED);
        assertThat(world.held()).as("the winner acts, not us").isFalse();
        List<Comment> ours = world.gh.peekComments(REPO, world.mergedC);
        assertThat(ours).hasSize(2);
        assertThat(ours.get(1).body()).startsWith("Alert `HookDown`: the same notification reached another replica"
                + " first; it is handled in " + ours.get(0).htmlUrl());
        assertThat(world.incidentComments()).containsExactly(ours.get(0));
    }

    @Test
    void aFailureHalfWayIsFinishedByTheNextNotificationWithoutDuplicates() {
        AlertmanagerNotification n = Notifications.firing(HOOK_DOWN, TEN_MINUTES_AFTER);
        world.gh.failNext("createPullRequest", 1, new GitHubException(502, "Bad Gateway"));

        assertThatThrownBy(() -> world.watcher().onNotification(world.config, n)).isInstanceOf(GitHubException.class);
        assertThat(world.held()).isTrue();
        assertThat(world.incidentComments()).singleElement().extracting(Comment::body).asString()
                .contains("state=working");

        Outcome retry = world.watcher().onNotification(world.config, n);

        assertThat(retry.action()).isEqualTo(Action.HELD_AND_ROLLBACK_OPENED);
        assertThat(world.holdComments()).hasSize(1);
        assertThat(world.rollbackPrs()).hasSize(1);
        assertThat(world.incidentComments()).singleElement().extracting(Comment::body).asString()
                .contains("state=done");
    }

    @Test
    void anAlertAfterTheRollbackMergedDoesNotRollBackTheRollback() {
        world.watcher().onNotification(world.config, Notifications.firing(HOOK_DOWN, TEN_MINUTES_AFTER));
        world.clock.set(TEN_MINUTES_AFTER.plus(Duration.ofMinutes(20)));
        world.gh.merge(REPO, world.rollbackPrs().get(0).number());
        world.gh.resetCalls();
        Map<String, String> tideDown = Map.of("alertname", "TideDown", "severity", "critical", "job", "tide");

        Outcome outcome = world.watcher().onNotification(world.config,
                Notifications.firing(tideDown, world.clock.instant().plus(Duration.ofMinutes(5))));

        assertThat(outcome.action()).isEqualTo(Action.IGNORED);
        assertThat(outcome.detail()).contains("is a rollback");
        assertThat(world.gh.writeCalls()).isZero();
        assertThat(world.rollbackPrs()).hasSize(1);
    }

    @Test
    void aForgedMarkerFromSomeoneElseDoesNotSwitchTheSafetyNetOff() {
        AlertmanagerNotification n = Notifications.firing(HOOK_DOWN, TEN_MINUTES_AFTER);
        String forged = IncidentMarker.Incident.of(n.groupKey(), C).marker(IncidentMarker.State.DONE).render();
        world.gh.comment(REPO, world.mergedC, "mallory", "nothing to see " + forged);

        Outcome outcome = world.watcher().onNotification(world.config, n);

        assertThat(outcome.action()).isEqualTo(Action.HELD_AND_ROLLBACK_OPENED);
    }

    @Test
    void withoutAnEarlierDeployItHoldsAndSaysWhyThereIsNoRollback() {
        world = new WatcherWorld(true, C);

        Outcome outcome = world.watcher().onNotification(world.config, Notifications.firing(HOOK_DOWN,
                TEN_MINUTES_AFTER));

        assertThat(outcome.action()).isEqualTo(Action.HELD_ROLLBACK_REFUSED);
        assertThat(world.held()).isTrue();
        assertThat(world.rollbackPrs()).isEmpty();
        assertThat(world.incidentComments()).singleElement().extracting(Comment::body).asString()
                .contains("- **Rollback**: not opened. There is no earlier deployed version to go back to");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code gh} with {@code before} run ahead of every call of {@code method}. */
    private static GitHub intercepting(GitHub gh, String method, Function<Object[], Void> before) {
        return (GitHub) Proxy.newProxyInstance(GitHub.class.getClassLoader(), new Class<?>[] {GitHub.class},
                (proxy, m, args) -> {
                    if (m.getName().equals(method)) {
                        before.apply(args);
                    }
                    try {
                        return m.invoke(gh, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
