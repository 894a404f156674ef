package io.prow.autodeploy.sandbox;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Permission;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's GitHub, shaped like prow.k8s.io's: {@code kubernetes/k8s.io} deploying Prow from
 * {@code apps/prow/cluster/}, the bumper {@code k8s-infra-ci-robot} opening its PRs from its fork
 * {@code k8s-infra-ci-robot/k8s.io} with the titles Prow's generic-autobumper writes ({@code Update prow to <tag>}),
 * the {@code kubernetes} org with an oncall, and two merged autobump PRs as history. {@link #bump} and
 * {@link #pass} act as Prow's autobumper and CI would.
 */
public final class DemoRepo {
    public static final RepoRef REPO = new RepoRef("kubernetes", "k8s.io");
    public static final String BASE = "main";
    public static final String HEAD = "autobump";
    /** kubernetes/k8s.io hack/autobump-config.yaml: gitHubLogin. The plugin acts as another account. */
    public static final String BUMPER = "k8s-infra-ci-robot";
    public static final String PREFIX = "us-docker.pkg.dev/k8s-infra-prow/images/";
    public static final String ORG = "kubernetes";
    public static final String ONCALL_TEAM = "test-infra-oncall";
    public static final List<String> CONTEXTS = List.of("pull-test-infra-unit", "pull-test-infra-integration");
    /** The tag master starts at, and the two bumps merged before the demo begins. */
    public static final String INITIAL_TAG = "v20261116-5e4d3c2b1a";
    public static final List<String> HISTORY = List.of("v20261117-0f1e2d3c4b", "v20261118-a1b2c3d4e5");

    private static final String DIR = "apps/prow/cluster/";
    private static final String BOSKOS = "infra/gcp/terraform/k8s-infra-prow-build/prow-build/resources/boskos.yaml";
    /** An image under the prefix with a Prow tag; images of other registries never match. */
    private static final Pattern PREFIXED = Pattern.compile(
            "(" + Pattern.quote(PREFIX) + "[a-z0-9._/-]+):v[0-9]{8}-[0-9a-f]{7,12}");

    private DemoRepo() {}

    /**
     * Creates the repo, org, team and permissions, and merges the two history bumps; the first merged two days
     * and the second one day before {@code clock}'s now, so no deploy interval is running when the demo starts.
     */
    public static void seed(InMemoryGitHub gh, Clock clock) {
        gh.createRepo(REPO, BASE, files(INITIAL_TAG));
        gh.addTeamMember(ORG, ONCALL_TEAM, "alice");
        gh.addOrgMember(ORG, "bob");
        gh.addOrgMember(ORG, gh.botLogin());
        gh.setPermission(REPO, "alice", Permission.WRITE);
        gh.setPermission(REPO, "bob", Permission.READ);
        gh.setPermission(REPO, gh.botLogin(), Permission.WRITE);
        Instant now = clock.instant();
        for (int i = 0; i < HISTORY.size(); i++) {
            int number = bump(gh, HISTORY.get(i));
            pass(gh, number);
            gh.merge(REPO, number);
            Instant opened = now.minus(Duration.ofDays(HISTORY.size() - i)).minus(Duration.ofHours(2));
            gh.backdate(REPO, number, opened, opened.plus(Duration.ofHours(1)));
        }
    }

    /**
     * Rewrites every prefixed image to {@code tag}: force-pushes the open autobump PR or opens one, as the
     * autobumper does (it only adds labels, so a hold label survives). Returns the PR number.
     */
    public static int bump(InMemoryGitHub gh, String tag) {
        Map<String, String> changes = new LinkedHashMap<>();
        gh.peekTree(REPO, BASE).entrySet().stream()
                .filter(e -> e.getKey().startsWith(DIR))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    String rewritten = retag(e.getValue(), tag);
                    if (!rewritten.equals(e.getValue())) {
                        changes.put(e.getKey(), rewritten);
                    }
                });
        String title = "Update prow to " + tag;
        String head = BUMPER + ":" + HEAD;
        OptionalInt open = gh.peekAll(REPO).stream()
                .filter(pr -> pr.open() && (pr.headOwner() + ":" + pr.headRef()).equals(head))
                .mapToInt(PullRequest::number).findFirst();
        int number;
        if (open.isPresent()) {
            number = open.getAsInt();
            gh.forcePush(REPO, number, title, changes);
        } else {
            number = gh.openPullRequest(REPO, BUMPER, BUMPER, HEAD, BASE, title, changes);
        }
        gh.label(REPO, number, "skip-review");
        gh.label(REPO, number, "cncf-cla: yes");
        return number;
    }

    /** CI turns the PR's required contexts green on its current head. */
    public static void pass(InMemoryGitHub gh, int number) {
        String sha = gh.peek(REPO, number).headSha();
        CONTEXTS.forEach(context -> gh.setCheck(REPO, sha, context, Check.State.SUCCESS));
    }

    static String retag(String text, String tag) {
        Matcher m = PREFIXED.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + ":" + tag));
    }

    private static Map<String, String> files(String tag) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", """
                # k8s.io

                Kubernetes project infrastructure. Prow's own deployment (prow.k8s.io) lives in
                `apps/prow/cluster/`; the autobump job opens a PR from k8s-infra-ci-robot's fork updating its image
                tags, and the autodeploy plugin lets Tide merge it when safe.
                """);
        files.put(DIR + "hook_deployment.yaml", deployment("hook", 4, List.of(
                container("hook", PREFIX + "hook:" + tag, List.of("--dry-run=false",
                        "--config-path=/etc/config/config.yaml", "--job-config-path=/etc/job-config",
                        "--github-endpoint=http://ghproxy", "--github-token-path=/etc/github/cert")))));
        files.put(DIR + "tide_deployment.yaml", deployment("tide", 1, List.of(
                container("tide", PREFIX + "tide:" + tag, List.of("--dry-run=false",
                        "--config-path=/etc/config/config.yaml", "--github-endpoint=http://ghproxy",
                        "--history-uri=gs://k8s-prow/tide-history.json")))));
        files.put(DIR + "prow_controller_manager_deployment.yaml", deployment("prow-controller-manager", 1, List.of(
                container("prow-controller-manager", PREFIX + "prow-controller-manager:" + tag, List.of(
                        "--config-path=/etc/config/config.yaml", "--enable-controller=plank", "--dry-run=false")))));
        // Another registry with a Prow-like tag: whatever rewrites images must leave it alone.
        files.put(BOSKOS, deployment("boskos", 1, List.of(
                container("boskos", "gcr.io/k8s-staging-boskos/boskos:v20240101-aaaaaaa", List.of(
                        "--config=/etc/config/config.yaml", "--namespace=test-pods")))));
        return files;
    }

    /** One container of a pod template, indented for {@link #deployment}. */
    private static String container(String name, String image, List<String> args) {
        StringBuilder out = new StringBuilder()
                .append("      - name: ").append(name).append('\n')
                .append("        image: ").append(image)
                .append(image.startsWith(PREFIX) ? "  # bumped by the autobump job\n" : "\n")
                .append("        args:\n");
        args.forEach(a -> out.append("        - ").append(a).append('\n'));
        return out.append("        ports:\n        - name: http\n          containerPort: 8888\n").toString();
    }

    /** A Deployment shaped like those in kubernetes/k8s.io's apps/prow/cluster. */
    private static String deployment(String name, int replicas, List<String> containers) {
        return """
                # Applied by the deploy postsubmit after merge.
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  namespace: default
                  name: %1$s
                  labels:
                    app: %1$s
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      serviceAccountName: %1$s
                      terminationGracePeriodSeconds: 180
                      containers:
                """.formatted(name, replicas) + String.join("", containers);
    }
}
