package io.prow.autodeploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.alerts.AlertState;
import io.prow.autodeploy.github.RepoRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GitHub treats org/repo names case-insensitively; so do config lookup and the duplicate check. */
class RepoLookupTest {
    @Test
    void eventsFindTheirRepoWhateverTheCase() throws ConfigException {
        PluginConfig c = ConfigLoader.parse("repos:\n  - repo: Kubernetes/Test-Infra\n");
        assertThat(c.repo(RepoRef.parse("kubernetes/test-infra"))).isPresent();
        assertThat(c.repo(RepoRef.parse("kubernetes/test-infra2"))).isEmpty();
    }

    @Test
    void theSameRepoInAnotherCaseIsADuplicate() {
        assertThatThrownBy(() -> ConfigLoader.parse(
                "repos:\n  - repo: kubernetes/test-infra\n  - repo: Kubernetes/Test-Infra\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("repos[1].repo: 'Kubernetes/Test-Infra' is listed twice");
    }

    @Test
    void firingNeedsAnAlert() {
        assertThatThrownBy(() -> AlertState.firing(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
