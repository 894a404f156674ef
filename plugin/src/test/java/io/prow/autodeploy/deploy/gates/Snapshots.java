package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.alerts.AlertState;
import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.ChangedFile;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.ledger.HoldInfo;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.testing.TestConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Test fixture: a {@link Snapshot} of a trusted, green autobump PR with no hold, no alerts and no earlier deploy,
 * for the repo config {@link #base()} (parsed by {@link ConfigLoader#parse}, so fixtures obey validation).
 * Change only what a test is about:
 * <pre>{@code
 * Snapshots.autobump().title("Update Prow to v20261127-abc1234").files("config/prow/cluster/hook.yaml")
 *         .check("pull-unit", Check.State.FAILURE).lastDeploy("v20261126-0123456", mergedAt)
 *         .hold("alice", "incident").alerts(AlertState.quiet()).build();
 * }</pre>
 * {@link Builder#check} adds to the default passing check {@link #DEFAULT_CHECK}; {@link Builder#noChecks} drops it.
 */
public final class Snapshots {
    public static final String TAG = "v20261127-abc1234";
    public static final String TITLE = "Update Prow to " + TAG;
    public static final String FILE = "config/prow/cluster/deck_deployment.yaml";
    public static final String DEFAULT_CHECK = "pull-test-infra-unit-test";
    public static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    /** The tag the fixture's images had before the bump. */
    public static final String OLD_TAG = "v20261120-0a0a0a0a0";
    public static final String PROW_IMAGES = "us-docker.pkg.dev/k8s-infra-prow/images/";

    /** A file's patch as GitHub shows it when the autobumper moves {@code component} from {@link #OLD_TAG}. */
    public static String bumpPatch(String component, String tag) {
        return "@@ -17,7 +17,7 @@ spec:\n       containers:\n       - name: " + component + "\n-        image: "
                + PROW_IMAGES + component + ":" + OLD_TAG + "\n+        image: " + PROW_IMAGES + component + ":" + tag
                + "\n         args:\n         - --dry-run=false";
    }

    /**
     * One repo entry: test-infra's ({@link TestConfig#testInfra()}) without its deprecated keys, roles and rollback
     * section; weekdays 09:00-17:00 in Los Angeles, a year-end blackout, 1h between deploys.
     */
    public static TestConfig base() {
        return TestConfig.testInfra().withoutTop("reconcileInterval")
                .remove("autobump.titlePattern").remove("autobump.imagePrefixes")
                .set("window.blackouts", List.of("2026-12-24..2027-01-02"))
                .remove("hold.whoCanHold").remove("hold.whoCanUnhold").remove("rollback").remove("oncall");
    }

    private Snapshots() {}

    public static Builder autobump() {
        return new Builder(config());
    }

    /** The repo config of {@link #base()}. */
    public static RepoConfig config() {
        return base().repoConfig();
    }

    /**
     * {@link #base()} with {@code overrideYaml} (keys of a repo entry) merged over it: maps merge key by
     * key, anything else replaces. E.g. {@code "window:\n  timezone: Europe/Berlin\n"} keeps the other window keys.
     */
    public static RepoConfig config(String overrideYaml) {
        return base().merge(overrideYaml).repoConfig();
    }

    /** A whole plugin config file with one repo: {@link #base()} with {@code overrideYaml} merged over. */
    public static String pluginYaml(String overrideYaml) {
        return base().merge(overrideYaml).yaml();
    }

    public static final class Builder {
        private RepoConfig config;
        private String title = TITLE;
        private String author = "k8s-ci-robot";
        private String headRef = "autobump";
        private String baseRef = "master";
        private boolean open = true;
        private final Set<String> labels = new HashSet<>();
        private List<String> files = List.of(FILE);
        private String diffTag = TAG;
        private final Map<String, String> patches = new java.util.HashMap<>();
        private String headRepo;
        private final List<Check> checks = new ArrayList<>(List.of(newCheck(DEFAULT_CHECK, Check.State.SUCCESS)));
        private Optional<Deploy> lastDeploy = Optional.empty();
        private Optional<HoldInfo> hold = Optional.empty();
        private AlertState alerts;
        private SourceChanges sourceChanges = SourceChanges.OFF;
        private PrMarkers markers = PrMarkers.UNREAD;

        private Builder(RepoConfig config) {
            this.config = config;
        }

        public Builder config(RepoConfig c) {
            this.config = c;
            return this;
        }

        /** See {@link Snapshots#config(String)}. */
        public Builder config(String overrideYaml) {
            return config(Snapshots.config(overrideYaml));
        }

        public Builder title(String t) {
            this.title = t;
            return this;
        }

        public Builder author(String login) {
            this.author = login;
            return this;
        }

        public Builder headRef(String branch) {
            this.headRef = branch;
            return this;
        }

        public Builder baseRef(String branch) {
            this.baseRef = branch;
            return this;
        }

        public Builder closed() {
            this.open = false;
            return this;
        }

        public Builder labels(String... names) {
            labels.addAll(List.of(names));
            return this;
        }

        /** Files the PR changes; each bumps one Prow image to {@link #diffTag} unless {@link #patch} says else. */
        public Builder files(String... paths) {
            this.files = List.of(paths);
            return this;
        }

        /** The tag the default patches bump to (default {@link #TAG}, what the default title names). */
        public Builder diffTag(String tag) {
            this.diffTag = tag;
            return this;
        }

        /** {@code path}'s patch as GitHub lists it; null for a diff too large to show. */
        public Builder patch(String path, String patch) {
            patches.put(path, patch);
            return this;
        }

        /** The head repository's full name (default: the author's repo named like the base repo). */
        public Builder headRepo(String fullName) {
            this.headRepo = fullName;
            return this;
        }

        /** GitHub sends {@code head.repo: null}: the fork the PR came from was deleted. */
        public Builder deletedFork() {
            this.headRepo = "";
            return this;
        }

        /** Adds a status or check run on the head SHA (the default passing one stays; see {@link #noChecks}). */
        public Builder check(String context, Check.State state) {
            checks.add(newCheck(context, state));
            return this;
        }

        public Builder noChecks() {
            checks.clear();
            return this;
        }

        public Builder lastDeploy(String tag, Instant mergedAt) {
            this.lastDeploy = Optional.of(new Deploy(41, tag, Deploy.Kind.AUTOBUMP, mergedAt,
                    "https://github.com/kubernetes/test-infra/pull/41"));
            return this;
        }

        /** A hold recorded by our comment (the reader's view); add the label with {@link #labels} if wanted. */
        public Builder hold(String by, String reason) {
            this.hold = Optional.of(new HoldInfo(by, reason, Instant.parse("2026-11-27T16:00:00Z")));
            return this;
        }

        public Builder alerts(AlertState state) {
            this.alerts = state;
            return this;
        }

        /** The source range the breaking-change guard sees (default: guard off). */
        public Builder sourceChanges(SourceChanges changes) {
            this.sourceChanges = changes;
            return this;
        }

        /** What our marker comments say (default: not read). */
        public Builder markers(PrMarkers m) {
            this.markers = m;
            return this;
        }

        public Snapshot build() {
            PullRequest pr = new PullRequest(config.repo(), 42, title, "", author, author, headRef, SHA, baseRef,
                    open, Instant.parse("2026-11-27T08:00:00Z"), open ? null : Instant.parse("2026-11-27T09:00:00Z"),
                    null, labels, "https://github.com/" + config.repo() + "/pull/42",
                    headRepo == null ? author + "/" + config.repo().name() : headRepo.isEmpty() ? null : headRepo, null);
            List<ChangedFile> changed = new ArrayList<>();
            for (String path : files) {
                String component = path.substring(path.lastIndexOf('/') + 1).replaceFirst("[._].*", "");
                changed.add(new ChangedFile(path, patches.containsKey(path) ? patches.get(path)
                        : bumpPatch(component.isEmpty() ? "hook" : component, diffTag)));
            }
            AlertState a = alerts != null ? alerts
                    : config.alerts().url().isPresent() ? AlertState.quiet() : AlertState.disabled();
            return Snapshot.of(config, pr, changed, checks, lastDeploy, hold, a, sourceChanges, markers);
        }

        private static Check newCheck(String context, Check.State state) {
            return new Check(context, state, context + " " + state, "https://prow.k8s.io/" + context);
        }
    }
}
