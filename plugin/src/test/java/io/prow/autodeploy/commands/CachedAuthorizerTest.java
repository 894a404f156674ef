package io.prow.autodeploy.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import io.prow.autodeploy.deploy.gates.Snapshots;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 17.8: someone added to the oncall team during an incident is allowed as soon as they retry (refusals are
 * never cached), someone removed loses the right within {@link CachedAuthorizer#DEFAULT_TTL}, and no GitHub call
 * runs inside the cache's lock (a slow answer would stall every other lookup that shares the lock).
 */
class CachedAuthorizerTest {
    private static final String TEAM = "kubernetes/test-infra-oncall";
    private static final RepoConfig CONFIG = Snapshots.config("oncall:\n  teams: [" + TEAM + "]\n  users: []\n");
    private static final Set<Role> ONCALL = Set.of(Role.ONCALL);

    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final InMemoryGitHub gh = new InMemoryGitHub(clock, "k8s-ci-robot");
    private final CachedAuthorizer authorizer =
            new CachedAuthorizer(gh, CachedAuthorizer.DEFAULT_TTL, () -> clock.millis() * 1_000_000L);

    @Test
    void aRefusalIsNotCachedSoSomeoneJustAddedIsAllowedOnTheirRetry() {
        assertThat(authorizer.allowed(CONFIG, ONCALL, "alice")).isFalse();

        gh.addTeamMember("kubernetes", "test-infra-oncall", "alice");

        assertThat(authorizer.allowed(CONFIG, ONCALL, "alice")).isTrue();
        assertThat(gh.calls()).isEqualTo(Map.of("isTeamMember", 2));
    }

    @Test
    void anAllowedAnswerIsCachedBrieflyThenAskedAgain() {
        gh.addTeamMember("kubernetes", "test-infra-oncall", "alice");
        assertThat(authorizer.allowed(CONFIG, ONCALL, "alice")).isTrue();
        clock.advance(CachedAuthorizer.DEFAULT_TTL.minusSeconds(1));
        assertThat(authorizer.allowed(CONFIG, ONCALL, "alice")).isTrue();
        assertThat(gh.calls()).as("one lookup within the TTL").isEqualTo(Map.of("isTeamMember", 1));

        clock.advance(Duration.ofSeconds(2));
        authorizer.allowed(CONFIG, ONCALL, "alice");

        assertThat(gh.calls()).as("asked again after the TTL").isEqualTo(Map.of("isTeamMember", 2));
        assertThat(CachedAuthorizer.DEFAULT_TTL).isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theGitHubCallRunsOutsideTheCachesLock() {
        // The lookup asks the authorizer again for the same key while GitHub "answers": inside a cache loader
        // (Caffeine's get(key, loader)) that is a recursive update of a locked entry and fails.
        AtomicBoolean inside = new AtomicBoolean();
        CachedAuthorizer[] self = new CachedAuthorizer[1];
        GitHub reentrant = (GitHub) Proxy.newProxyInstance(GitHub.class.getClassLoader(), new Class<?>[] {GitHub.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("isTeamMember") && inside.compareAndSet(false, true)) {
                        assertThat(self[0].allowed(CONFIG, ONCALL, "alice")).isFalse();
                    }
                    try {
                        return method.invoke(gh, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        self[0] = new CachedAuthorizer(reentrant, CachedAuthorizer.DEFAULT_TTL, () -> clock.millis() * 1_000_000L);

        assertThat(self[0].allowed(CONFIG, ONCALL, "alice")).isFalse();
        assertThat(inside).isTrue();
    }
}
