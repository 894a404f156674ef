package io.prow.autodeploy.rollback;

import static io.prow.autodeploy.rollback.RollbackWorld.A;
import static io.prow.autodeploy.rollback.RollbackWorld.B;
import static io.prow.autodeploy.rollback.RollbackWorld.C;
import static io.prow.autodeploy.rollback.RollbackWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.config.RepoConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /rollback} rewrites the images of the {@code autobump.images} entries with {@code rollback: true}; by
 * default only the deployed (prow) entry. Boskos images carry their own tags: moving them to a Prow tag would
 * deploy an image that does not exist.
 */
class RollbackPrefixesTest {
    static final String BOSKOS_FILE = "config/prow/cluster/boskos.yaml";
    static final String BOSKOS = "        image: gcr.io/k8s-staging-boskos/boskos:v20261101-0a1b2c3d4\n";
    static final String MIRROR = "        image: gcr.io/k8s-prow-mirror/hook:" + C + "\n";

    /** The rollback world's config with {@code autobumpYaml} (keys of {@code autobump}) for its imagePrefixes. */
    static RepoConfig config(String autobumpYaml) throws Exception {
        return RollbackWorld.config().remove("autobump.imagePrefixes").mergeAt("autobump", autobumpYaml)
                .repoConfig();
    }

    /** The repo after A, B, C were deployed, plus a file with a boskos image and one with a mirrored Prow image. */
    static RollbackWorld world(RepoConfig config) {
        RollbackWorld world = RollbackWorld.deployed(config, A, B, C);
        String base = world.gh.branchSha(REPO, config.baseBranch()).orElseThrow();
        String sha = world.gh.createCommit(REPO, base, "boskos and a mirror",
                Map.of(BOSKOS_FILE, "spec:\n  containers:\n      - name: boskos\n" + BOSKOS + MIRROR));
        world.gh.setBranch(REPO, config.baseBranch(), sha);
        return world;
    }

    @Test
    void byDefaultOnlyTheProwPrefixIsRewritten() throws Exception {
        RepoConfig c = config("""
                      images:
                        - {name: boskos, prefix: 'gcr.io/k8s-staging-boskos/', consistent: true}
                        - {name: mirror, prefix: 'gcr.io/k8s-prow-mirror/', consistent: true}
                        - {name: prow, prefix: 'us-docker.pkg.dev/k8s-infra-prow/images/', consistent: true}
                """);
        assertThat(c.autobump().imagePrefixes()).containsExactly("us-docker.pkg.dev/k8s-infra-prow/images/");

        RollbackPlan plan = world(c).plan(A);

        assertThat(plan.files()).isEqualTo(ProwManifests.at(A)).doesNotContainKey(BOSKOS_FILE);
    }

    @Test
    void anEntryWithRollbackTrueIsRewrittenTooAndBoskosStaysOnItsTag() throws Exception {
        RepoConfig c = config("""
                      images:
                        - {name: boskos, prefix: 'gcr.io/k8s-staging-boskos/', consistent: true}
                        - {name: mirror, prefix: 'gcr.io/k8s-prow-mirror/', consistent: true, rollback: true}
                        - {name: prow, prefix: 'us-docker.pkg.dev/k8s-infra-prow/images/', consistent: true}
                """);
        assertThat(c.autobump().imagePrefixes())
                .containsExactly("gcr.io/k8s-prow-mirror/", "us-docker.pkg.dev/k8s-infra-prow/images/");

        RollbackPlan plan = world(c).plan(A);

        assertThat(plan.files().get(BOSKOS_FILE)).contains(BOSKOS)
                .contains("image: gcr.io/k8s-prow-mirror/hook:" + A).doesNotContain(C);
        assertThat(plan.files()).containsAllEntriesOf(ProwManifests.at(A));
    }

    @Test
    void theDeprecatedImagePrefixesStillRollBackEveryPrefix() throws Exception {
        RepoConfig c = config("      imagePrefixes: ['us-docker.pkg.dev/k8s-infra-prow/images/', "
                + "'gcr.io/k8s-prow-mirror/']\n");
        assertThat(c.autobump().deprecatedKeys()).contains("imagePrefixes");

        RollbackPlan plan = world(c).plan(A);

        assertThat(plan.files().get(BOSKOS_FILE)).contains(BOSKOS).contains("gcr.io/k8s-prow-mirror/hook:" + A);
    }
}
