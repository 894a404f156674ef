package io.prow.autodeploy.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prow.autodeploy.config.ConfigException;
import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.config.RepoConfig;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutConfigTest {
    @Test
    void absentSectionMeansMergedIsDeployed() {
        assertFalse(RolloutConfigs.off().rollout().enabled());
    }

    @Test
    void defaults() {
        RepoConfig c = RolloutConfigs.prometheusOnly("http://prometheus.monitoring:9090", "wait");
        assertTrue(c.rollout().enabled());
        assertEquals(Duration.ofMinutes(30), c.rollout().timeout());
        assertFalse(c.rollout().proceedWhenUnknown());
        var p = c.rollout().prometheus().orElseThrow();
        assertEquals("kube_pod_container_info{namespace=\"prow\"}", p.query());
        assertEquals(Duration.ofSeconds(30), p.cacheTtl());
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("empty section", "rollout: {}",
                        "repos[0].rollout: needs contexts or prometheus"),
                Arguments.of("onUnknown typo", "rollout: {contexts: [d], onUnknown: wiat}",
                        "repos[0].rollout.onUnknown: must be 'wait'"),
                Arguments.of("timeout too short", "rollout: {contexts: [d], timeout: 10s}",
                        "repos[0].rollout.timeout: must be at least 1m"),
                Arguments.of("no url", "rollout: {prometheus: {containers: [hook]}}",
                        "repos[0].rollout.prometheus.url: is required"),
                Arguments.of("not a url", "rollout: {prometheus: {url: 'ftp://x', containers: [hook]}}",
                        "repos[0].rollout.prometheus.url: is not a URL"),
                Arguments.of("no containers", "rollout: {prometheus: {url: 'http://p:9090'}}",
                        "repos[0].rollout.prometheus.containers: is required"),
                Arguments.of("container twice", "rollout: {prometheus: {url: 'http://p:9090', containers: [a, a]}}",
                        "repos[0].rollout.prometheus.containers: lists a container twice"),
                Arguments.of("blank context", "rollout: {contexts: ['']}",
                        "repos[0].rollout.contexts[0]: must not be empty"),
                Arguments.of("unknown key", "rollout: {contexts: [d], timeot: 5m}", "timeot"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void badConfigNamesTheKey(String name, String section, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("repos:\n  - repo: kubernetes/test-infra\n    " + section + "\n"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
