package io.prow.autodeploy.rollout;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.testing.TestConfig;
import java.util.List;
import java.util.Map;

/** Repo configs with a {@code rollout} section ({@link TestConfig}), parsed (and so validated) like the real file. */
public final class RolloutConfigs {
    public static final String PREFIX = "us-docker.pkg.dev/k8s-infra-prow/images/";
    public static final String CONTEXT = "post-test-infra-deploy-prow";
    private static final List<String> CONTAINERS = List.of("hook", "tide", "deck");

    private RolloutConfigs() {}

    /** Both a deploy context and Prometheus with three containers, timeout 30m. */
    public static RepoConfig both(String prometheusUrl) {
        return contexts().set("rollout.prometheus", Map.of("url", prometheusUrl,
                "query", "kube_pod_container_info{namespace=\"prow\"}", "containers", CONTAINERS, "timeout", "2s"))
                .repoConfig();
    }

    public static RepoConfig contextsOnly() {
        return contexts().repoConfig();
    }

    public static RepoConfig prometheusOnly(String prometheusUrl, String onUnknown) {
        return TestConfig.defaultsOnly().set("rollout.onUnknown", onUnknown)
                .set("rollout.prometheus", Map.of("url", prometheusUrl, "containers", CONTAINERS, "timeout", "2s"))
                .repoConfig();
    }

    public static RepoConfig off() {
        return TestConfig.defaultsOnly().repoConfig();
    }

    private static TestConfig contexts() {
        return TestConfig.defaultsOnly().set("rollout.contexts", List.of(CONTEXT)).set("rollout.timeout", "30m");
    }
}
