package io.prow.autodeploy.deploy.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.sandbox.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One wake-up per PR: normally the earliest wins; after a rate limit, the one GitHub allows wins. */
class DeploySchedulerTest {
    private final ManualClock clock = ManualClock.at("2026-11-25T17:00:00Z");
    private final List<String> woken = new ArrayList<>();

    @Test
    void theEarlierWakeUpWins() {
        try (DeployScheduler s = new DeployScheduler(clock, woken::add)) {
            s.wakeAt("o/r#1", Instant.parse("2026-11-25T18:00:00Z"));
            s.wakeAt("o/r#1", Instant.parse("2026-11-25T17:30:00Z"));
            s.wakeAt("o/r#1", Instant.parse("2026-11-25T19:00:00Z"));
            assertThat(s.pending()).containsExactly(Map.entry("o/r#1", Instant.parse("2026-11-25T17:30:00Z")));
        }
    }

    @Test
    void afterARateLimitNoWakeUpComesBeforeGitHubAllows() {
        try (DeployScheduler s = new DeployScheduler(clock, woken::add)) {
            s.wakeAt("o/r#1", Instant.parse("2026-11-25T17:00:10Z")); // the window opens in 10s
            s.wakeNotBefore("o/r#1", Instant.parse("2026-11-25T17:01:00Z")); // GitHub: retry after 60s
            assertThat(s.pending()).containsExactly(Map.entry("o/r#1", Instant.parse("2026-11-25T17:01:00Z")));

            clock.set(Instant.parse("2026-11-25T17:00:30Z"));
            s.runDue();
            assertThat(woken).as("not inside the rate-limit window").isEmpty();
            clock.set(Instant.parse("2026-11-25T17:01:00Z"));
            s.runDue();
            assertThat(woken).containsExactly("o/r#1");
        }
    }

    /**
     * The timer task of a wake-up may already run when a newer wake-up for the same key replaces it (too late to
     * cancel): it must remove only its own wake-up, or the newer one is lost to {@link DeployScheduler#pending()}
     * and {@link DeployScheduler#runDue()} while its timer still fires, and a later replacement cannot cancel it.
     */
    @Test
    void aFiringWakeUpLeavesTheNewerOneForItsKey() {
        HeldTimer timer = new HeldTimer();
        try (DeployScheduler s = new DeployScheduler(clock, woken::add, timer)) {
            s.wakeAt("o/r#1", Instant.parse("2026-11-25T17:00:10Z"));
            s.wakeNotBefore("o/r#1", Instant.parse("2026-11-25T17:01:00Z")); // replaces it while its task runs
            timer.tasks.get(0).run(); // the first wake-up's task, already started
            assertThat(woken).containsExactly("o/r#1");
            assertThat(s.pending()).containsExactly(Map.entry("o/r#1", Instant.parse("2026-11-25T17:01:00Z")));
        }
    }

    /** What a woken key schedules for another key before {@code runDue} reaches it is not due, and stays pending. */
    @Test
    void runDueFiresOnlyTheWakeUpsThatWereDue() {
        DeployScheduler[] ref = new DeployScheduler[1];
        try (DeployScheduler s = new DeployScheduler(clock, key -> {
            woken.add(key);
            if (key.equals("o/r#1")) { // reconciling #1 hits a rate limit: #2 may not ask before 17:01
                ref[0].wakeNotBefore("o/r#2", Instant.parse("2026-11-25T17:01:00Z"));
            }
        }, new HeldTimer())) {
            ref[0] = s;
            s.wakeAt("o/r#1", Instant.parse("2026-11-25T17:00:10Z"));
            s.wakeAt("o/r#2", Instant.parse("2026-11-25T17:00:10Z"));
            clock.set(Instant.parse("2026-11-25T17:00:30Z"));
            s.runDue();
            assertThat(woken).containsExactly("o/r#1");
            assertThat(s.pending()).containsExactly(Map.entry("o/r#2", Instant.parse("2026-11-25T17:01:00Z")));
        }
    }

    /** A timer whose tasks never fire by themselves: the test runs them, so no test waits for real time. */
    private static final class HeldTimer extends ScheduledThreadPoolExecutor {
        final List<Runnable> tasks = new ArrayList<>();

        HeldTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            tasks.add(command);
            return super.schedule(() -> { }, 1, TimeUnit.DAYS);
        }
    }
}
