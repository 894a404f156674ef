package io.prow.autodeploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.prow.autodeploy.sandbox.ManualClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 12.8: {@code --github-endpoint} twice (ghproxy, then api.github.com). The first refusing connections: the
 * second is used and the log says so once; back to the first when it answers again, tried 60s after the switch; an
 * HTTP error never moves it. Two MockWebServers, the first shut down.
 */
class EndpointFailoverTest {
    static final RepoRef REPO = KohsukeGitHubReadsTest.REPO;
    static final String PR = GitHubJson.pull(5, "open", "bot-fork", "autobump", KohsukeGitHubReadsTest.SHA, null,
            null);

    @TempDir
    Path tmp;
    final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    final MockWebServer primary = new MockWebServer();
    final MockWebServer fallback = new MockWebServer();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(EndpointFailover.class);

    EndpointFailoverTest() throws IOException {
        primary.start();
        fallback.start();
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.INFO); // the switch back is an INFO line; tests log at WARN otherwise
    }

    @AfterEach
    void close() {
        logger.detachAppender(logs);
        logger.setLevel(null);
        primary.close();
        fallback.close();
    }

    private KohsukeGitHub client(int primaryPort) throws IOException {
        Path token = tmp.resolve("token");
        Files.writeString(token, "ghp_test\n");
        return GitHubClientFactory.create(GitHubClientFactory.Settings.of(
                List.of("http://127.0.0.1:" + primaryPort + "/", fallback.url("/").toString()),
                new GitHubClientFactory.Auth.TokenFile(token),
                new GitHubClientFactory.CacheSpec(tmp.resolve("cache"), 1 << 20), null, clock));
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).body(body).addHeader("Content-Type", "application/json").build();
    }

    private List<String> switches() {
        return logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theFirstRefusingConnectionsTheSecondIsUsedLoggedOnceAndTheFirstAgainWhenItAnswers() throws Exception {
        int port = primary.getPort();
        primary.close(); // ghproxy down: connection refused
        KohsukeGitHub github = client(port);
        for (int i = 0; i < 3; i++) {
            fallback.enqueue(json(PR));
        }

        for (int i = 0; i < 3; i++) {
            assertThat(github.pullRequest(REPO, 5).number()).isEqualTo(5);
        }
        fallback.enqueue(json("{\"id\":9,\"body\":\"hi\",\"user\":{\"login\":\"bot\"},"
                + "\"html_url\":\"https://github.com/o/r/issues/5#issuecomment-9\",\"created_at\":\"2026-11-25T18:00:00Z\"}"));
        github.createComment(REPO, 5, "hi"); // a write whose connection was refused is never sent: safe to move on

        assertThat(fallback.getRequestCount()).isEqualTo(4);
        assertThat(switches()).singleElement().asString().startsWith("GitHub endpoint http://127.0.0.1:" + port
                + "/ unreachable (ConnectException): using " + fallback.url("/"));

        // ghproxy comes back; within 60s of the switch the fallback stays in use, after that the first is tried.
        try (MockWebServer back = new MockWebServer()) {
            back.start(port);
            fallback.enqueue(json(PR));
            clock.advance(Duration.ofSeconds(59));
            github.pullRequest(REPO, 5);
            assertThat(back.getRequestCount()).isZero();

            clock.advance(Duration.ofSeconds(1));
            back.enqueue(json(PR));
            back.enqueue(json(PR));
            github.pullRequest(REPO, 5);
            github.pullRequest(REPO, 5);
            assertThat(back.getRequestCount()).isEqualTo(2);
            assertThat(fallback.getRequestCount()).isEqualTo(5);
            assertThat(switches()).hasSize(2).last().asString()
                    .isEqualTo("GitHub endpoint http://127.0.0.1:" + port + "/ answers again: using it instead of "
                            + fallback.url("/"));
        }
    }

    @Test
    void anHttpErrorFromTheFirstIsGitHubsAnswerAndDoesNotMove() throws Exception {
        KohsukeGitHub github = client(primary.getPort());
        primary.enqueue(new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build());

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> github.pullRequest(REPO, 5));

        assertThat(e.status()).isEqualTo(502);
        assertThat(fallback.getRequestCount()).isZero();
        assertThat(switches()).isEmpty();
    }

    @Test
    void bothDownIsNoAnswerStatusZero() throws Exception {
        int port = primary.getPort();
        primary.close();
        fallback.close();
        KohsukeGitHub github = client(port);

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> github.pullRequest(REPO, 5));

        assertThat(e.status()).isZero();
        assertThat(e.isTransient()).isTrue();
    }

    record Move(String name, String method, IOException error, boolean movesOn) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Move> moves() {
        return Stream.of(
                new Move("read, connection refused", "GET", new ConnectException("Connection refused"), true),
                new Move("read, connection reset", "GET", new SocketException("Connection reset"), true),
                new Move("read, read timeout", "GET", new SocketTimeoutException("timeout"), true),
                new Move("write, connection refused (never sent)", "POST", new ConnectException("refused"), true),
                new Move("write, unknown host (never sent)", "POST", new UnknownHostException("ghproxy"), true),
                new Move("write, connect timeout (never sent)", "POST",
                        new SocketTimeoutException("Connect timed out"), true),
                new Move("write, read timeout (may have been applied)", "POST", new SocketTimeoutException("timeout"),
                        false),
                new Move("write, reset (may have been applied)", "PATCH", new SocketException("Connection reset"),
                        false),
                new Move("read we cancelled", "GET", new IOException("Canceled"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moves")
    void whichErrorsMoveToTheNextEndpoint(Move m) {
        assertThat(EndpointFailover.movesOn(m.method(), m.error())).isEqualTo(m.movesOn());
    }
}
