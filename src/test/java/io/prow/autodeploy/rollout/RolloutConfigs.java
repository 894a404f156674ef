package io.prow.autodeploy.rollout;

import io.prow.autodeploy.config.ConfigException;
import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.config.RepoConfig;

/** Repo configs with a {@code rollout} section, parsed (and so validated) like the real file. */
public final class RolloutConfigs {
    public static final String PREFIX = "us-docker.pkg.dev/k8s-infra-prow/images/";
    public static final String CONTEXT = "post-test-infra-deploy-prow";

    private RolloutConfigs() {}

    /** Both a deploy context and Prometheus with three containers, timeout 30m. */
    public static RepoConfig both(String prometheusUrl) {
        return parse("""
                    rollout:
                      contexts: [%s]
                      timeout: 30m
                      prometheus:
                        url: %s
                        query: 'kube_pod_container_info{namespace="prow"}'
                        containers: [hook, tide, deck]
                        timeout: 2s
                """.formatted(CONTEXT, prometheusUrl));
    }

    public static RepoConfig contextsOnly() {
        return parse("""
                    rollout:
                      contexts: [%s]
                      timeout: 30m
                """.formatted(CONTEXT));
    }

    public static RepoConfig prometheusOnly(String prometheusUrl, String onUnknown) {
        return parse("""
                    rollout:
                      onUnknown: %s
                      prometheus:
                        url: %s
                        containers: [hook, tide, deck]
                        timeout: 2s
                """.formatted(onUnknown, prometheusUrl));
    }

    public static RepoConfig off() {
        return parse("");
    }

    static RepoConfig parse(String rolloutSection) {
        try {
            return ConfigLoader.parse("repos:\n  - repo: kubernetes/test-infra\n" + rolloutSection).repos().get(0);
        } catch (ConfigException e) {
            throw new AssertionError("fixture config must be valid: " + e.getMessage(), e);
        }
    }
}
