package io.prow.autodeploy.deploy.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comparison;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BreakingChangeMatcherTest {
    static final String GUARD = "breakingChanges:\n  sourceRepo: kubernetes-sigs/prow\n";

    record Case(String name, String configYaml, List<String> files, List<String> messages, List<String> matchedFiles,
                List<String> matchedMessages) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing watched changed", GUARD, List.of("pkg/plank/controller.go", "README.md"),
                        List.of("plank: fix a race", "deck: new icon"), List.of(), List.of()),
                new Case("the root announcements file", GUARD, List.of("pkg/hook/server.go", "ANNOUNCEMENTS.md"),
                        List.of("hook: announce the removal"), List.of("ANNOUNCEMENTS.md"), List.of()),
                new Case("the site's announcements page", GUARD, List.of("site/content/en/docs/announcements.md"),
                        List.of("docs"), List.of("site/content/en/docs/announcements.md"), List.of()),
                new Case("a file of the same name elsewhere is not the announcements", GUARD,
                        List.of("docs/ANNOUNCEMENTS.md"), List.of("docs"), List.of(), List.of()),
                new Case("message pattern is case-insensitive", GUARD, List.of("pkg/a.go"),
                        List.of("Breaking Change: drop the old flag", "ACTION REQUIRED: migrate", "ok"),
                        List.of(), List.of("Breaking Change: drop the old flag", "ACTION REQUIRED: migrate")),
                new Case("the pattern may match in the body, not only the subject", GUARD, List.of("pkg/a.go"),
                        List.of("plank: new default\n\nAction required: set plank.timeout"), List.of(),
                        List.of("plank: new default\n\nAction required: set plank.timeout")),
                new Case("globs in configured paths", "breakingChanges:\n  sourceRepo: kubernetes-sigs/prow\n"
                        + "  paths: ['docs/**/deprecat*.md']\n", List.of("docs/a/b/deprecations.md", "ANNOUNCEMENTS.md"),
                        List.of("x"), List.of("docs/a/b/deprecations.md"), List.of()),
                new Case("an empty message pattern looks at files only", "breakingChanges:\n  sourceRepo: a/b\n"
                        + "  messagePattern: ''\n", List.of("a.go"), List.of("BREAKING CHANGE"), List.of(), List.of()),
                new Case("no paths: messages only", "breakingChanges:\n  sourceRepo: a/b\n  paths: []\n",
                        List.of("ANNOUNCEMENTS.md"), List.of("breaking change"), List.of(),
                        List.of("breaking change")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finds(Case c) {
        RepoConfig.BreakingChanges cfg = Snapshots.config(c.configYaml()).breakingChanges();
        List<Comparison.Commit> commits = c.messages().stream()
                .map(m -> new Comparison.Commit("sha-" + m.hashCode(), m, "https://github.com/x")).toList();
        var f = BreakingChangeMatcher.find(cfg, new Comparison("ahead", commits.size(), commits, c.files(), ""));
        assertThat(f.files()).isEqualTo(c.matchedFiles());
        assertThat(f.commits()).extracting(Comparison.Commit::message).isEqualTo(c.matchedMessages());
        assertThat(f.isEmpty()).isEqualTo(c.matchedFiles().isEmpty() && c.matchedMessages().isEmpty());
    }
}
