package io.prow.autodeploy.github;

import static io.prow.autodeploy.github.GitHubJson.pull;
import static io.prow.autodeploy.github.GitHubJson.user;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.prow.autodeploy.github.GitHubServerFixture.Seen;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Dry-run over the real adapter: reads reach GitHub, mutations only log. */
class DryRunGitHubTest {
    static final RepoRef REPO = KohsukeGitHubReadsTest.REPO;
    static final String SHA = KohsukeGitHubReadsTest.SHA;

    @RegisterExtension
    final GitHubServerFixture gh = new GitHubServerFixture(KohsukeGitHubReadsTest.CLOCK);
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(DryRunGitHub.class);

    @BeforeEach
    void start() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
    }

    @Test
    void readsGoThroughAndMutationsOnlyLog() {
        gh.enqueue(200, pull(5, "open", "bot-fork", "autobump", SHA, null, null));
        gh.enqueue(200, user("prow-bot"));
        GitHub dry = new DryRunGitHub(gh.github);

        PullRequest read = dry.pullRequest(REPO, 5);
        dry.addLabels(REPO, 5, List.of("lgtm"));
        dry.removeLabel(REPO, 5, "do-not-merge/hold");
        dry.setStatus(REPO, SHA, StatusState.SUCCESS, "autodeploy", "ok", "https://deck");
        Comment comment = dry.createComment(REPO, 5, "Deploy held\nsecond line");
        dry.editComment(REPO, 77, "edited");
        String commit = dry.createCommit(REPO, SHA, "Bump", Map.of("a.yaml", "x"));
        dry.setBranch(REPO, "autobump", commit);
        PullRequest opened = dry.createPullRequest(REPO, "Bump", "autobump", "main", "body");

        assertThat(read.number()).isEqualTo(5);
        assertThat(gh.seen()).containsExactly(Seen.of("GET", "/repos/o/r/pulls/5"), Seen.of("GET", "/user"));
        assertThat(comment.id()).isEqualTo(-1);
        assertThat(comment.body()).isEqualTo("Deploy held\nsecond line");
        assertThat(comment.author()).isEqualTo("prow-bot");
        assertThat(commit).isEqualTo("0000000000000000000000000000000000000000");
        assertThat(opened.number()).isZero();
        assertThat(opened.headRef()).isEqualTo("autobump");
        assertThat(logs.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "dry-run: would add labels [lgtm] to o/r#5",
                "dry-run: would remove label do-not-merge/hold from o/r#5",
                "dry-run: would set status autodeploy=success \"ok\" on o/r@" + SHA,
                "dry-run: would comment on o/r#5: Deploy held …",
                "dry-run: would edit comment 77 in o/r: edited",
                "dry-run: would commit \"Bump\" on o/r@" + SHA + " changing [a.yaml]",
                "dry-run: would point branch autobump of o/r at 0000000000000000000000000000000000000000",
                "dry-run: would open a pull request in o/r from autobump to main: \"Bump\"");
    }
}
