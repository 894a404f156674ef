package io.prow.autodeploy.rollout;

import java.util.List;

/**
 * What Prometheus says runs: one entry per series of the configured query (kube-state-metrics'
 * {@code kube_pod_container_info}: one series per pod and container, with the {@code image} label).
 */
public record RunningImages(List<Container> series) {
    /** One container of one pod and the image it runs (e.g. {@code us-docker.pkg.dev/k8s-infra-prow/images/hook:v2026…}). */
    public record Container(String pod, String container, String image) {}

    public RunningImages {
        series = List.copyOf(series);
    }

    /**
     * The tag of an image reference: after the last {@code :} of the last path segment, digest dropped
     * ({@code repo/hook:v1@sha256:…} → {@code v1}); empty when untagged.
     */
    public static String tagOf(String image) {
        String ref = image == null ? "" : image;
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        return colon > slash ? ref.substring(colon + 1) : "";
    }
}
