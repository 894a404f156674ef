package io.prow.autodeploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.deploy.gates.Snapshots;
import io.prow.autodeploy.github.RepoRef;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code breakingChanges} and {@code retest}: defaults, values, and every problem with its key path. */
class BreakingChangesAndRetestConfigTest {
    @Test
    void defaultsAreGuardOffAndOneRetestFifteenMinutesApart() throws ConfigException {
        RepoConfig r = ConfigLoader.parse("repos:\n  - repo: o/r\n").repos().get(0);
        assertThat(r.breakingChanges().enabled()).isFalse();
        assertThat(r.breakingChanges().paths()).containsExactly("ANNOUNCEMENTS.md",
                "site/content/en/docs/announcements.md");
        assertThat(r.breakingChanges().watchesMessage("BREAKING CHANGE: x")).isTrue();
        assertThat(r.retest()).isEqualTo(new RepoConfig.Retest(1, Duration.ofMinutes(15)));
    }

    @Test
    void everyValueIsRead() throws ConfigException {
        RepoConfig r = Snapshots.config("""
                breakingChanges:
                  sourceRepo: kubernetes-sigs/prow
                  paths: ['docs/**/announce*.md']
                  messagePattern: 'DEPRECAT'
                retest: {max: 3, backoff: 30m}
                """);
        assertThat(r.breakingChanges().sourceRepo()).contains(RepoRef.parse("kubernetes-sigs/prow"));
        assertThat(r.breakingChanges().watchesPath("docs/a/announcements.md")).isTrue();
        assertThat(r.breakingChanges().watchesPath("ANNOUNCEMENTS.md")).isFalse();
        assertThat(r.breakingChanges().watchesMessage("deprecated")).as("the pattern is taken as written").isFalse();
        assertThat(r.breakingChanges().watchesMessage("DEPRECATED")).isTrue();
        assertThat(r.retest()).isEqualTo(new RepoConfig.Retest(3, Duration.ofMinutes(30)));
    }

    record Bad(String name, String yaml, List<String> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> bad() {
        String at = "repos[0].";
        return Stream.of(
                new Bad("source repo not org/repo", "breakingChanges: {sourceRepo: prow}",
                        List.of(at + "breakingChanges.sourceRepo: 'prow' is not org/repo, e.g. kubernetes-sigs/prow")),
                new Bad("message pattern does not compile", "breakingChanges: {sourceRepo: a/b, messagePattern: '(x'}",
                        List.of(at + "breakingChanges.messagePattern: is not a valid regular expression: "
                                + "Unclosed group near index 2")),
                new Bad("bad glob", "breakingChanges: {sourceRepo: a/b, paths: ['a/{b']}",
                        List.of(at + "breakingChanges.paths[0]: is not a valid glob: Missing '} near index 3")),
                new Bad("watches nothing", "breakingChanges: {sourceRepo: a/b, paths: [], messagePattern: ''}",
                        List.of(at + "breakingChanges: watches nothing: give paths or a messagePattern")),
                new Bad("negative retests", "retest: {max: -1}",
                        List.of(at + "retest.max: must be between 0 (never retest) and 10, got -1")),
                new Bad("retest flood", "retest: {max: 50, backoff: 10s}",
                        List.of(at + "retest.max: must be between 0 (never retest) and 10, got 50",
                                at + "retest.backoff: must be at least 1m, got 10s")),
                new Bad("unknown key", "retest: {tries: 2}", List.of(at + "retest.tries: unknown key (known here: "
                        + "backoff, max)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void reportsProblemsWithTheirKeyPath(Bad c) {
        assertThatThrownBy(() -> ConfigLoader.parse(Snapshots.pluginYaml(c.yaml())))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.path() + ": " + p.reason()).isEqualTo(c.problems()));
    }
}
