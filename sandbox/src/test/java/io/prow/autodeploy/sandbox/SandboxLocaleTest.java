package io.prow.autodeploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.RepoRef;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sandbox writes the same texts whatever the JVM's default locale: under Turkish, {@code "FAILURE".toLowerCase()}
 * is {@code faılure} (dotless ı), so a check a test or the demo sets must lower its state with {@link Locale#ROOT}.
 */
class SandboxLocaleTest {
    private static final RepoRef REPO = RepoRef.parse("kubernetes/test-infra");

    @Test
    void aCheckSetUnderATurkishLocaleReadsAsInAnyOther() {
        InMemoryGitHub gh = new InMemoryGitHub(new ManualClock(Instant.parse("2026-11-24T18:00:00Z")), "bot");
        String sha = gh.createRepo(REPO, "master", Map.of("README.md", "#\n"));
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            gh.setCheck(REPO, sha, "pull-test-infra-unit", Check.State.FAILURE);
        } finally {
            Locale.setDefault(before);
        }
        assertThat(gh.peekChecks(REPO, sha).get("pull-test-infra-unit").description())
                .isEqualTo("pull-test-infra-unit failure");
    }
}
