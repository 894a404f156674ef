package io.prow.autodeploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.github.Comparison;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubClientFactory;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.RepoRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compare route over seeded source history, read through the plugin's real adapter as the demo would. */
class SandboxServerCompareTest {
    static final RepoRef PROW = RepoRef.parse("kubernetes-sigs/prow");
    SandboxFixture f;
    GitHub adapter;
    SandboxSetup.SourceCommit deployed;
    SandboxSetup.SourceCommit announced;
    SandboxSetup.SourceCommit latest;

    @BeforeEach
    void start() throws Exception {
        f = new SandboxFixture();
        Path token = Files.createTempFile("token", "");
        Files.writeString(token, "t");
        adapter = GitHubClientFactory.create(new GitHubClientFactory.Settings(f.server.url(),
                new GitHubClientFactory.Auth.TokenFile(token), null, null, f.clock));
        deployed = f.gh.pushSourceCommit(PROW, "plank: fix a race", List.of("pkg/plank/a.go"));
        announced = f.gh.pushSourceCommit(PROW, "Breaking change: drop --old-flag\n\nSee ANNOUNCEMENTS.md",
                List.of("ANNOUNCEMENTS.md", "cmd/hook/main.go"));
        latest = f.gh.pushSourceCommit(PROW, "deck: new icon", List.of("pkg/deck/icon.svg", "cmd/hook/main.go"));
        f.gh.resetCalls();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void comparesShortShasLikeTagsNameThem() {
        Comparison c = adapter.compare(PROW, deployed.shortSha(), latest.shortSha());

        assertThat(c.status()).isEqualTo("ahead");
        assertThat(c.totalCommits()).isEqualTo(2);
        assertThat(c.commits()).extracting(Comparison.Commit::sha).containsExactly(announced.sha(), latest.sha());
        assertThat(c.commits().get(0).message()).isEqualTo(announced.message());
        assertThat(c.files()).containsExactly("ANNOUNCEMENTS.md", "cmd/hook/main.go", "pkg/deck/icon.svg");
        assertThat(c.htmlUrl()).isEqualTo("https://github.com/kubernetes-sigs/prow/compare/" + deployed.shortSha()
                + "..." + latest.shortSha());
        assertThat(c).as("the same answer as the in-memory port gives")
                .isEqualTo(f.gh.compare(PROW, deployed.shortSha(), latest.shortSha()));
        assertThat(f.gh.calls()).containsEntry("compare", 2);
    }

    @Test
    void backwardsIsBehindWithNoCommitsAndTheSameIsIdentical() {
        assertThat(adapter.compare(PROW, latest.shortSha(), deployed.shortSha()))
                .extracting(Comparison::status, Comparison::commits).containsExactly("behind", List.of());
        assertThat(adapter.compare(PROW, latest.shortSha(), latest.shortSha()).status()).isEqualTo("identical");
    }

    @Test
    void anUnknownCommitOrRepositoryIs404() {
        assertThatThrownBy(() -> adapter.compare(PROW, "0000000dead", latest.shortSha()))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> adapter.compare(RepoRef.parse("nobody/nothing"), "abcdef1", "abcdef2"))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
