package io.prow.autodeploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** autobump.images / deployedImage / headRepos: every mistake named with its key path. */
class ImageConfigTest {
    record Case(String name, String autobumpYaml, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String yaml(String autobump) {
        return "repos:\n  - repo: kubernetes/k8s.io\n    autobump:\n" + autobump.indent(6);
    }

    static Stream<Case> cases() {
        String prow = "- {name: prow, prefix: 'us-docker.pkg.dev/k8s-infra-prow/images/', consistent: true}\n";
        return Stream.of(
                new Case("images and the deprecated imagePrefixes together", "images:\n" + prow.indent(2)
                        + "imagePrefixes: ['x/']\n", "repos[0].autobump.imagePrefixes: is the deprecated form of "
                        + "autobump.images: set only autobump.images"),
                new Case("deployedImage names no entry", "images:\n" + prow.indent(2) + "deployedImage: boskos\n",
                        "repos[0].autobump.deployedImage: 'boskos' names no entry of repos[0].autobump.images (prow)"),
                new Case("deployedImage not consistent", "images:\n"
                        + "  - {name: prow, prefix: 'us-docker.pkg.dev/k8s-infra-prow/images/'}\n",
                        "repos[0].autobump.deployedImage: 'prow' must be an image with consistent: true: the deployed "
                                + "version is the one new tag of its images"),
                new Case("an entry without a prefix", "images:\n" + prow.indent(2) + "  - {name: boskos}\n",
                        "repos[0].autobump.images[1].prefix: is required (e.g. "
                                + "us-docker.pkg.dev/k8s-infra-prow/images/)"),
                new Case("a name twice", "images:\n" + prow.indent(2) + prow.indent(2),
                        "repos[0].autobump.images[1].name: 'prow' is listed twice"),
                new Case("nothing to roll back", "images:\n"
                        + "  - {name: prow, prefix: 'us-docker.pkg.dev/k8s-infra-prow/images/', consistent: true, "
                        + "rollback: false}\n", "repos[0].autobump.images: no entry has rollback: true: /rollback "
                        + "would rewrite nothing"),
                new Case("a head repo that is not owner/name", "headRepos: [k8s-infra-ci-robot]\n",
                        "repos[0].autobump.headRepos[0]: must be owner/name (the bot's fork, e.g. "
                                + "k8s-infra-ci-robot/k8s.io), got k8s-infra-ci-robot"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namesTheProblem(Case c) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml(c.autobumpYaml())))
                .isInstanceOf(ConfigException.class).hasMessageContaining(c.problem());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void deployedImageMatchesTheEntryInAnyCase(String deployed) throws ConfigException {
        RepoConfig.Autobump a = ConfigLoader.parse(yaml("images:\n"
                + "  - {name: Prow, prefix: 'us-docker.pkg.dev/k8s-infra-prow/images/', consistent: true}\n"
                + "deployedImage: " + deployed + "\n")).repos().get(0).autobump();
        assertThat(a.deployed().name()).isEqualTo("Prow");
        assertThat(a.tagFromTitle("Update Prow to v20260821-a61940897")).contains("v20260821-a61940897");
        assertThat(a.tagFromTitle("Update prow to v20260821-a61940897")).contains("v20260821-a61940897");
    }

    static Stream<String> names() {
        return Stream.of("prow", "Prow", "PROW");
    }
}
