package io.prow.autodeploy.deploy.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.sandbox.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
