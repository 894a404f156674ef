package io.prow.autodeploy.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to follow a deploy from "merged" to "running" ({@code repos[].rollout}). {@code contexts}: statuses or check
 * runs on the merge commit that mean "applied" (the postsubmit deploy job). {@code prometheus}: where to see which
 * image tag each listed container runs. Neither set = the rollout is not followed and a merged deploy counts as
 * running at its merge time (the behaviour before this section existed).
 */
public record RolloutConfig(List<String> contexts, Duration timeout, boolean proceedWhenUnknown,
                            Optional<Prometheus> prometheus) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public RolloutConfig {
        contexts = List.copyOf(contexts);
    }

    /**
     * {@code query} must return series carrying {@code container} and {@code image} labels, e.g. kube-state-metrics'
     * {@code kube_pod_container_info{namespace="prow"}} (labels namespace, pod, uid, container, image_spec, image,
     * image_id, container_id: kube-state-metrics docs/metrics/workload/pod-metrics.md).
     */
    public record Prometheus(URI url, String query, List<String> containers, Duration cacheTtl, Duration timeout) {
        public Prometheus {
            containers = List.copyOf(containers);
        }
    }

    public static RolloutConfig off() {
        return new RolloutConfig(List.of(), DEFAULT_TIMEOUT, false, Optional.empty());
    }

    /** Whether deploys are followed past "merged" at all. */
    public boolean enabled() {
        return !contexts.isEmpty() || prometheus.isPresent();
    }
}
