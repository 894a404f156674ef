package io.prow.autodeploy.deploy.gates;

import static io.prow.autodeploy.deploy.gates.GateCase.FRIDAY_10AM;
import static io.prow.autodeploy.deploy.gates.GateCase.closed;
import static io.prow.autodeploy.deploy.gates.GateCase.open;

import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.config.RepoConfig;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trust gate on the top-level plugin-config.yaml (prow.k8s.io as deployed from kubernetes/k8s.io) with PRs as
 * Prow's generic-autobumper opens them there: from k8s-infra-ci-robot/k8s.io, titles of makeCommitSummary, patches
 * of the files under includedConfigPaths and extraFiles. The tag comes from the diff; the title cross-checks it.
 */
class TrustedGateK8sIoTest {
    static final String TAG = "v20261124-5f6e7d8c9b";
    static final String OTHER = "v20261125-0badc0ffe";
    static final String OLD = "v20261110-a61940897";
    static final String PROW = "us-docker.pkg.dev/k8s-infra-prow/images/";
    static final String BOSKOS = "gcr.io/k8s-staging-boskos/";
    static final String HOOK = "apps/prow/cluster/hook_deployment.yaml";
    static final String DECK = "apps/prow/cluster/deck_deployment.yaml";
    static final String GHPROXY =
            "infra/gcp/terraform/k8s-infra-prow-build-trusted/prow-build-trusted/resources/ghproxy-deployment.yaml";
    static final String BOSKOS_FILE = "infra/gcp/terraform/k8s-infra-prow-build/prow-build/resources/boskos.yaml";
    static final String EXTRA = "apps/prow/config.yaml";

    static RepoConfig k8sio() {
        try {
            return ConfigLoader.load(Path.of("plugin-config.yaml")).repos().get(0);
        } catch (Exception e) {
            throw new IllegalStateException("plugin-config.yaml does not load", e);
        }
    }

    /** An image line moving from OLD to {@code tag}, as in GitHub's patch of a deployment. */
    static String bump(String image, String tag) {
        return "@@ -20,7 +20,7 @@ spec:\n       containers:\n       - name: c\n-        image: " + image + ":" + OLD
                + "\n+        image: " + image + ":" + tag + "\n         args:";
    }

    static Snapshots.Builder pr(String title) {
        return Snapshots.autobump().config(k8sio()).author("k8s-infra-ci-robot").baseRef("main")
                .headRepo("k8s-infra-ci-robot/k8s.io").title(title).files(HOOK).patch(HOOK, bump(PROW + "hook", TAG));
    }

    static Stream<GateCase> cases() {
        return Stream.of(
                open("Update prow to <tag> (k8s.io today)", pr("Update prow to " + TAG).build(), FRIDAY_10AM,
                        "trusted autobump PR"),
                open("boskos, prow and ghproxy in one title", pr("Update boskos to v20261101-0a1b2c3d4, prow to " + TAG
                                + " and ghproxy as needed").files(HOOK, BOSKOS_FILE)
                                .patch(BOSKOS_FILE, bump(BOSKOS + "boskos", "v20261101-0a1b2c3d4")
                                        + "\n-    image: " + BOSKOS + "cleaner:" + OLD
                                        + "\n+    image: " + BOSKOS + "cleaner:v20261101-0a1b2c3d4").build(),
                        FRIDAY_10AM, "trusted autobump PR"),
                open("Update Prow to <tag> (test-infra's prefix name)", pr("Update Prow to " + TAG).build(),
                        FRIDAY_10AM, "trusted autobump PR"),
                open("older bumpers: 'Update prow to <tag>, and other images as necessary.'",
                        pr("Update prow to " + TAG + ", and other images as necessary.").build(), FRIDAY_10AM,
                        "trusted autobump PR"),
                open("extra file apps/prow/config.yaml (decoration images) bumped too", pr("Update prow to " + TAG)
                                .files(HOOK, EXTRA).patch(EXTRA, "@@ -8,4 +8,4 @@ plank:\n       utility_images:\n"
                                        + "-        clonerefs: \"" + PROW + "clonerefs:" + OLD + "\"\n"
                                        + "+        clonerefs: \"" + PROW + "clonerefs:" + TAG + "\"").build(),
                        FRIDAY_10AM, "trusted autobump PR"),
                open("ghproxy lies under the prow prefix and moves with it", pr("Update prow to " + TAG
                                + " and ghproxy as needed").files(HOOK, GHPROXY)
                                .patch(GHPROXY, bump(PROW + "ghproxy", TAG)).build(), FRIDAY_10AM,
                        "trusted autobump PR"),
                open("a moved image line is no new tag", pr("Update prow to " + TAG).patch(HOOK, bump(PROW + "hook", TAG)
                                + "\n-        image: " + PROW + "sidecar:" + OLD + "\n+      image: " + PROW + "sidecar:"
                                + OLD).build(), FRIDAY_10AM, "trusted autobump PR"),
                closed("title with no tag", pr("Update prow, boskos images as necessary").build(), FRIDAY_10AM,
                        "Not trusted: title names no prow tag (the diff deploys " + TAG + ")"),
                closed("title names only boskos", pr("Update boskos to v20261101-0a1b2c3d4").build(), FRIDAY_10AM,
                        "Not trusted: title names no prow tag (the diff deploys " + TAG + ")"),
                closed("prow images on two new tags", pr("Update prow to " + TAG).files(HOOK, DECK)
                                .patch(DECK, bump(PROW + "deck", OTHER)).build(), FRIDAY_10AM,
                        "Not trusted: prow images on 2 new tags: " + TAG + " (hook), " + OTHER + " (deck)"),
                closed("ghproxy on another tag than prow: the prow prefix is not consistent",
                        pr("Update prow to " + TAG + " and ghproxy as needed").files(HOOK, GHPROXY)
                                .patch(GHPROXY, bump(PROW + "ghproxy", OTHER)).build(), FRIDAY_10AM,
                        "Not trusted: prow images on 2 new tags: " + TAG + " (hook), " + OTHER + " (ghproxy)"),
                closed("boskos images on two new tags", pr("Update prow to " + TAG).files(HOOK, BOSKOS_FILE)
                                .patch(BOSKOS_FILE, bump(BOSKOS + "boskos", "v20261101-0a1b2c3d4")
                                        + "\n+    image: " + BOSKOS + "cleaner:v20261102-0a1b2c3d4").build(),
                        FRIDAY_10AM, "Not trusted: boskos images on 2 new tags: v20261101-0a1b2c3d4 (boskos), "
                                + "v20261102-0a1b2c3d4 (cleaner)"),
                closed("only boskos bumped: nothing of prow to deploy", pr("Update boskos to v20261101-0a1b2c3d4")
                                .files(BOSKOS_FILE).patch(BOSKOS_FILE, bump(BOSKOS + "boskos", "v20261101-0a1b2c3d4"))
                                .build(), FRIDAY_10AM,
                        "Not trusted: the diff bumps no prow image (" + PROW + ")"),
                closed("diff too large: GitHub sends no patch", pr("Update prow to " + TAG).patch(HOOK, null).build(),
                        FRIDAY_10AM, "Not trusted: GitHub shows no diff for " + HOOK
                                + " (too large): cannot read the new tag"),
                closed("new prow tag of another shape", pr("Update prow to latest")
                                .patch(HOOK, bump(PROW + "hook", "latest")).build(), FRIDAY_10AM,
                        "Not trusted: new prow tag latest does not match v[0-9]{8}-[0-9a-f]{7,12}"),
                closed("a file outside the paths", pr("Update prow to " + TAG).files(HOOK, "hack/make-rules.sh")
                                .build(), FRIDAY_10AM, "Not trusted: hack/make-rules.sh is outside autobump.paths"),
                closed("right branch of the wrong fork", pr("Update prow to " + TAG).headRepo("mallory/k8s.io")
                                .build(), FRIDAY_10AM,
                        "Not trusted: head repo mallory/k8s.io is not k8s-infra-ci-robot/k8s.io"),
                closed("the bot's branch in another of its repos", pr("Update prow to " + TAG)
                                .headRepo("k8s-infra-ci-robot/test-infra").build(), FRIDAY_10AM,
                        "Not trusted: head repo k8s-infra-ci-robot/test-infra is not k8s-infra-ci-robot/k8s.io"),
                closed("test-infra's old bot", pr("Update prow to " + TAG).author("k8s-ci-robot").build(), FRIDAY_10AM,
                        "Not trusted: @k8s-ci-robot is not an autobump author"),
                closed("base master is not main", pr("Update prow to " + TAG).baseRef("master").build(), FRIDAY_10AM,
                        "Not trusted: base branch master is not main"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(GateCase c) {
        c.verify(new TrustedGate());
    }
}
