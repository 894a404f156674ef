package io.prow.autodeploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.RepoRef;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EmbeddedDefaultConfigTest {
    @Test
    void embeddedDefaultParsesCleanly() throws ConfigException {
        PluginConfig config = ConfigLoader.parse(ConfigLoader.embeddedDefault());
        assertThat(config.reconcileInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.repos()).singleElement().satisfies(r -> {
            assertThat(r.repo()).isEqualTo(RepoRef.parse("kubernetes/k8s.io"));
            assertThat(r.baseBranch()).isEqualTo("main");
            assertThat(r.window().timezone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
            // kubernetes/k8s.io OWNERS_ALIASES: test-infra-oncall is an alias of users, not a GitHub team.
            assertThat(r.oncall().teams()).isEmpty();
            assertThat(r.oncall().users()).contains("cjwagner", "listx");
            RepoConfig.Autobump a = r.autobump();
            assertThat(a.authors()).containsExactly("k8s-infra-ci-robot");
            assertThat(a.headBranch()).isEqualTo("autobump");
            assertThat(a.expectedHeadRepos(r.repo())).containsExactly("k8s-infra-ci-robot/k8s.io");
            assertThat(a.paths()).containsExactly("apps/prow/cluster/**",
                    "infra/gcp/terraform/k8s-infra-prow-build/prow-build/resources/**",
                    "infra/gcp/terraform/k8s-infra-prow-build-trusted/prow-build-trusted/resources/**",
                    "hack/verify-yamllint.sh", "apps/prow/config.yaml");
            assertThat(a.images()).containsExactly(
                    new RepoConfig.Image("boskos", "gcr.io/k8s-staging-boskos/", true, false),
                    new RepoConfig.Image("ghproxy", "us-docker.pkg.dev/k8s-infra-prow/images/ghproxy", false, false),
                    new RepoConfig.Image("prow", "us-docker.pkg.dev/k8s-infra-prow/images/", true, true));
            assertThat(a.deployed().name()).isEqualTo("prow");
            assertThat(a.imagePrefixes()).as("/rollback rewrites the prow prefix only")
                    .containsExactly("us-docker.pkg.dev/k8s-infra-prow/images/");
            assertThat(a.deprecatedKeys()).isEmpty();
        });
    }

    /** plugin-config.yaml (make run, CI's check-config), the embedded default and the ConfigMap: one config. */
    @Test
    void pluginConfigEmbeddedDefaultAndConfigMapAreTheSameConfig() throws Exception {
        String file = java.nio.file.Files.readString(java.nio.file.Path.of("plugin-config.yaml"));
        String configMap = java.nio.file.Files.readString(java.nio.file.Path.of("manifests/configmap.yaml"));
        String fromMap = configMap.substring(configMap.indexOf("plugin-config.yaml: |\n") + 22).lines()
                .map(l -> l.startsWith("    ") ? l.substring(4) : l).collect(java.util.stream.Collectors.joining("\n"));
        assertThat(ConfigLoader.parse(ConfigLoader.embeddedDefault())).hasToString(ConfigLoader.parse(file).toString());
        assertThat(ConfigLoader.parse(fromMap)).hasToString(ConfigLoader.parse(file).toString());
    }

    /** An empty list is a legitimate value wherever "none" is meaningful; it must not be an error. */
    @Test
    void emptyListsWhereNoneIsMeaningfulAreAccepted() throws ConfigException {
        PluginConfig config = ConfigLoader.parse("""
                repos:
                  - repo: o/r
                    merge: {requiredContexts: [], ignoredContexts: []}
                    alerts: {matchers: []}
                    oncall: {teams: [], users: []}
                """);
        RepoConfig r = config.repos().get(0);
        assertThat(r.merge().requiredContexts()).isEmpty();
        assertThat(r.merge().ignoredContexts()).as("[] means: ignore no context, not even tide").isEmpty();
        assertThat(r.alerts().matchers()).isEmpty();
        assertThat(r.oncall().teams()).isEmpty();
        assertThat(r.oncall().users()).isEmpty();
    }
}
