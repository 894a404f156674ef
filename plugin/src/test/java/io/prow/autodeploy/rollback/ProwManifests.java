package io.prow.autodeploy.rollback;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prow's cluster config as test-infra keeps it, shaped like the real files (an initContainer, a sidecar from another
 * registry, quotes, trailing comments, CRLF, multi-document files, images in args), at one image tag.
 */
public final class ProwManifests {
    public static final String PREFIX = "us-docker.pkg.dev/k8s-infra-prow/images/";

    private ProwManifests() {}

    /** The files under {@code config/prow/cluster/} that carry our images, with every such image on {@code tag}. */
    public static Map<String, String> at(String tag) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("config/prow/cluster/hook_deployment.yaml", HOOK.replace("@TAG@", tag));
        files.put("config/prow/cluster/tide.yaml", TIDE.replace("@TAG@", tag));
        files.put("config/prow/cluster/crier_deployment.yaml", CRIER.replace("@TAG@", tag).replace("\n", "\r\n"));
        files.put("config/prow/cluster/sinker_deployment.yaml", SINKER.replace("@TAG@", tag));
        files.put("config/prow/cluster/prow_controller_manager_deployment.yaml", PCM.replace("@TAG@", tag));
        return files;
    }

    /** Files no rollback may touch: one under the paths without images, one with our images outside the paths. */
    public static Map<String, String> untouchable(String tag) {
        return Map.of(
                "config/prow/cluster/OWNERS", "approvers:\n- test-infra-oncall\n",
                "config/jobs/image-pushing/k8s-staging-test-infra.yaml", "periodics:\n- name: ci-push\n"
                        + "  spec:\n    containers:\n    - image: " + PREFIX + "checkconfig:" + tag + "\n");
    }

    static final String HOOK = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              namespace: default
              name: hook
              labels:
                app: hook
            spec:
              replicas: 4
              selector:
                matchLabels:
                  app: hook
              template:
                metadata:
                  labels:
                    app: hook
                spec:
                  serviceAccountName: hook
                  terminationGracePeriodSeconds: 180
                  initContainers:
                  - name: checkconfig
                    image: "us-docker.pkg.dev/k8s-infra-prow/images/checkconfig:@TAG@" # refuse a bad config early
                    args: ["--config-path=/etc/config/config.yaml", "--strict"]
                  containers:
                  - name: hook
                    image: us-docker.pkg.dev/k8s-infra-prow/images/hook:@TAG@
                    imagePullPolicy: Always
                    args:
                    - --dry-run=false
                    - --config-path=/etc/config/config.yaml
                    ports:
                    - name: http
                      containerPort: 8888
                  - name: ghproxy-sidecar  # not ours: another registry, its own release train
                    image: gcr.io/k8s-staging-test-infra/ghproxy-sidecar:v20230101-deadbeef1
            """;

    static final String TIDE = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: tide
              namespace: default
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              namespace: default
              name: tide
            spec:
              replicas: 1 # Do not scale up.
              template:
                spec:
                  serviceAccountName: tide
                  containers:
                  - name: tide
                    image: 'us-docker.pkg.dev/k8s-infra-prow/images/tide:@TAG@'
                    args:
                    - --dry-run=false
                    - --history-uri=gs://k8s-prow/tide-history.json
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: tide
            spec:
              ports:
              - port: 80
                targetPort: 8888
            """;

    static final String CRIER = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: crier
            spec:
              template:
                spec:
                  containers:
                  - name: crier
                    image: us-docker.pkg.dev/k8s-infra-prow/images/crier:@TAG@
                    args:
                    - --github-workers=5
                    - --kubernetes-blob-storage-workers=1
            """;

    static final String SINKER = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: sinker
            spec:
              template:
                spec:
                  containers:
                  - image: us-docker.pkg.dev/k8s-infra-prow/images/sinker:@TAG@
                    name: sinker
                    args:
                    - --config-path=/etc/config/config.yaml
                  - image: us-docker.pkg.dev/k8s-infra-prow/images/debug-tools:latest  # pinned by hand
                    name: debug
            """;

    static final String PCM = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: prow-controller-manager
            spec:
              template:
                spec:
                  containers:
                  - name: prow-controller-manager
                    image: us-docker.pkg.dev/k8s-infra-prow/images/prow-controller-manager:@TAG@
                    command:
                    - /bin/sh
                    - -c
                    - exec /ko-app/prow-controller-manager --entrypoint-image=us-docker.pkg.dev/k8s-infra-prow/images/entrypoint:@TAG@ --sidecar-image=us-docker.pkg.dev/k8s-infra-prow/images/sidecar:@TAG@
                    args:
                    - --enable-controller=plank
                    - --image=us-docker.pkg.dev/k8s-infra-prow/images/clonerefs:@TAG@
            """;
}
