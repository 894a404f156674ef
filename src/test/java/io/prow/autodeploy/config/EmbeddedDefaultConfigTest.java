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
            assertThat(r.repo()).isEqualTo(RepoRef.parse("kubernetes/test-infra"));
            assertThat(r.window().timezone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
            assertThat(r.oncall().users()).isEmpty();
            assertThat(r.oncall().teams()).containsExactly("kubernetes/test-infra-oncall");
        });
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
