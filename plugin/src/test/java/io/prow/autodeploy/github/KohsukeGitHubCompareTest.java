package io.prow.autodeploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.github.GitHubServerFixture.Seen;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The compare call of the port: one GET, GitHub's answer mapped, and a missing commit as a 404. */
class KohsukeGitHubCompareTest {
    static final RepoRef PROW = new RepoRef("kubernetes-sigs", "prow");

    @RegisterExtension
    final GitHubServerFixture gh = new GitHubServerFixture(KohsukeGitHubReadsTest.CLOCK);

    static String commit(String sha, String message) {
        return "{\"sha\":\"" + sha + "\",\"html_url\":\"https://github.com/kubernetes-sigs/prow/commit/" + sha
                + "\",\"commit\":{\"message\":" + json(message) + ",\"author\":{\"name\":\"x\"}},"
                + "\"parents\":[]}";
    }

    static String json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String comparison(int total, String commits, String files) {
        return "{\"url\":\"https://api.github.com/repos/kubernetes-sigs/prow/compare/0a1b2c3d4e...1a2b3c4d5e\","
                + "\"html_url\":\"https://github.com/kubernetes-sigs/prow/compare/0a1b2c3d4e...1a2b3c4d5e\","
                + "\"status\":\"ahead\",\"ahead_by\":" + total + ",\"behind_by\":0,\"total_commits\":" + total
                + ",\"commits\":[" + commits + "],\"files\":[" + files + "]}";
    }

    @Test
    void oneGetMapsCommitsFilesAndRenames() {
        gh.enqueue(200, comparison(2,
                commit("aaaaaaa111", "hook: tidy") + "," + commit("bbbbbbb222", "ACTION REQUIRED: new flag\n\nbody"),
                "{\"filename\":\"pkg/hook/server.go\",\"status\":\"modified\"},"
                        + "{\"filename\":\"docs/announcements.md\",\"previous_filename\":\"ANNOUNCEMENTS.md\","
                        + "\"status\":\"renamed\"}"));

        Comparison c = gh.github.compare(PROW, "0a1b2c3d4e", "1a2b3c4d5e");

        assertThat(gh.seen()).containsExactly(Seen.of("GET",
                "/repos/kubernetes-sigs/prow/compare/0a1b2c3d4e...1a2b3c4d5e"));
        assertThat(c.status()).isEqualTo("ahead");
        assertThat(c.totalCommits()).isEqualTo(2);
        assertThat(c.commits()).containsExactly(
                new Comparison.Commit("aaaaaaa111", "hook: tidy",
                        "https://github.com/kubernetes-sigs/prow/commit/aaaaaaa111"),
                new Comparison.Commit("bbbbbbb222", "ACTION REQUIRED: new flag\n\nbody",
                        "https://github.com/kubernetes-sigs/prow/commit/bbbbbbb222"));
        assertThat(c.commits().get(1).subject()).isEqualTo("ACTION REQUIRED: new flag");
        assertThat(c.files()).as("a rename counts under both names")
                .containsExactly("pkg/hook/server.go", "docs/announcements.md", "ANNOUNCEMENTS.md");
        assertThat(c.htmlUrl()).isEqualTo("https://github.com/kubernetes-sigs/prow/compare/0a1b2c3d4e...1a2b3c4d5e");
        assertThat(c.complete()).isTrue();
    }

    @Test
    void aRangeLongerThanOneAnswerIsIncomplete() {
        gh.enqueue(200, comparison(251, commit("aaaaaaa111", "one of many"), ""));
        assertThat(gh.github.compare(PROW, "0a1b2c3d4e", "1a2b3c4d5e").complete()).isFalse();
        assertThat(new Comparison("ahead", 1, List.of(new Comparison.Commit("a", "m", "u")),
                java.util.Collections.nCopies(Comparison.MAX_FILES, "f"), "").complete())
                .as("300 files may be a cut list").isFalse();
    }

    @Test
    void anUnknownCommitIsA404() {
        gh.enqueue(404, "{\"message\":\"No commit found for SHA: 0a1b2c3d4e\",\"documentation_url\":\"x\"}");
        assertThatThrownBy(() -> gh.github.compare(PROW, "0a1b2c3d4e", "1a2b3c4d5e"))
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.isTransient()).isFalse();
                });
    }

    @Test
    void aSuccessThatIsNoComparisonFailsRatherThanReadingAsNoChanges() {
        gh.enqueue(200, "<html>cached login page</html>");
        // Not JSON at all: caught by the raw layer as a malformed answer (issue 17.9), before ComparisonJson.
        assertThatThrownBy(() -> gh.github.compare(PROW, "0a1b2c3d4e", "1a2b3c4d5e"))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("malformed answer");
        gh.enqueue(200, "{\"message\":\"a JSON object, but no comparison\"}");
        assertThatThrownBy(() -> gh.github.compare(PROW, "0a1b2c3d4e", "1a2b3c4d5e"))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("not a comparison");
    }

    @Test
    void aServerErrorIsTransient() {
        gh.enqueue(502, "<html>bad gateway</html>");
        assertThatThrownBy(() -> gh.github.compare(PROW, "0a1b2c3d4e", "1a2b3c4d5e"))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.isTransient()).isTrue());
    }
}
