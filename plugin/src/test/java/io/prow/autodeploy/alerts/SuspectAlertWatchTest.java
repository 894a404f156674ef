package io.prow.autodeploy.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.rollback.Deploy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** With rollouts followed, the auto-rollback watch counts from "running" (the merge is still its start). */
class SuspectAlertWatchTest {
    static final Instant MERGED = Instant.parse("2026-11-30T18:00:00Z");
    static final Instant RUNNING = MERGED.plus(Duration.ofMinutes(40));
    static final Deploy DEPLOY = new Deploy(42, "v20261130-1a2b3c4d5e", Deploy.Kind.AUTOBUMP, MERGED,
            "https://github.com/kubernetes/test-infra/pull/42");
    static final RepoConfig CONFIG = AlertConfigs.with(new RepoConfig.Alerts(
            java.util.Optional.of(URI.create("http://alertmanager:9093")), AlertConfigs.MATCHERS,
            Duration.ofSeconds(30), Duration.ofSeconds(2), false, true, Duration.ofHours(1)));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("mid-rollout: a suspect", MERGED.plus(Duration.ofMinutes(10)), RUNNING, true),
                Arguments.of("1h30m after merge, 50m after running: a suspect", MERGED.plus(Duration.ofMinutes(90)),
                        RUNNING, true),
                Arguments.of("same alert counted from the merge: outside the watch",
                        MERGED.plus(Duration.ofMinutes(90)), MERGED, false),
                Arguments.of("before the merge: never", MERGED.minus(Duration.ofMinutes(1)), RUNNING, false),
                Arguments.of("past running + watch: no", RUNNING.plus(Duration.ofMinutes(61)), RUNNING, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void watch(String name, Instant startsAt, Instant watchFrom, boolean suspect) {
        var n = Notifications.firing(Map.of("alertname", "HookDown", "severity", "critical"), startsAt);
        assertEquals(suspect, SuspectAlert.find(CONFIG, n, DEPLOY, watchFrom).isPresent());
    }
}
