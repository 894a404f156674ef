package io.prow.autodeploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.prow.autodeploy.sandbox.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GitHubPause through the real adapter and a MockWebServer: which answers stop every request, for how long, and
 * what a caller gets meanwhile (a failure as GitHub last gave it, marked "not sent", with the time left to wait).
 */
class GitHubPauseTest {
    static final RepoRef REPO = KohsukeGitHubReadsTest.REPO;
    static final String SHA = KohsukeGitHubReadsTest.SHA;
    private final ManualClock clock = ManualClock.at("2025-03-01T12:00:00Z");

    @RegisterExtension
    final GitHubServerFixture gh = new GitHubServerFixture(clock);

    /** One GitHub answer (status, headers, body) and the pause it must cause: none, or this long. */
    record Case(String name, int status, String body, List<String> headers, Duration pause) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String secondary = "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes"
                + " before you try again.\",\"documentation_url\":\"https://docs.github.com/rest\"}";
        long reset = java.time.Instant.parse("2025-03-01T12:20:00Z").getEpochSecond();
        return Stream.of(
                new Case("a 503 (GitHub down) pauses 15 s", 503, "{\"message\":\"Service Unavailable\"}", List.of(),
                        Duration.ofSeconds(15)),
                new Case("one 502 alone does not pause", 502, "{\"message\":\"Server Error\"}", List.of(), null),
                new Case("one 500 alone does not pause", 500, "{\"message\":\"Server Error\"}", List.of(), null),
                new Case("a secondary rate limit pauses as long as retry-after says", 403, secondary,
                        List.of("retry-after", "60"), Duration.ofSeconds(60)),
                new Case("a secondary rate limit without retry-after pauses a minute", 403, secondary, List.of(),
                        Duration.ofMinutes(1)),
                new Case("a 429 pauses as long as retry-after says", 429, "{\"message\":\"Too Many Requests\"}",
                        List.of("retry-after", "30"), Duration.ofSeconds(30)),
                new Case("the primary limit pauses until x-ratelimit-reset", 403,
                        "{\"message\":\"API rate limit exceeded for installation ID 1.\"}",
                        List.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset)),
                        Duration.ofMinutes(20)),
                new Case("a 403 that is a permission does not pause", 403,
                        "{\"message\":\"Resource not accessible by integration\"}",
                        List.of("x-ratelimit-remaining", "4990"), null),
                new Case("a 404 does not pause", 404, "{\"message\":\"Not Found\"}", List.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anAnswerPausesEveryRequestAsLongAsItShould(Case c) {
        gh.enqueue(c.status(), c.body(), c.headers().toArray(String[]::new));
        GitHubException first = catchThrowableOfType(GitHubException.class, this::read);
        assertThat(first.status()).isEqualTo(c.status());

        if (c.pause() == null) {
            gh.enqueue(200, OK);
            assertThat(read()).as("not paused: the next request is sent").isEqualTo(SHA);
            assertThat(gh.server.getRequestCount()).isEqualTo(2);
            return;
        }
        clock.advance(c.pause().minusSeconds(1));
        GitHubException refused = catchThrowableOfType(GitHubException.class, this::read);
        assertThat(gh.server.getRequestCount()).as("paused: nothing sent").isEqualTo(1);
        assertThat(refused.status()).as("the caller fails as GitHub last answered").isEqualTo(c.status());
        assertThat(refused.isTransient()).isTrue();
        if (c.status() >= 500) {
            assertThat(refused.getMessage()).contains("not sent");
        } else {
            assertThat(refused.retryAfter()).as("with the time left to wait").contains(Duration.ofSeconds(1));
        }

        clock.advance(Duration.ofSeconds(1));
        gh.enqueue(200, OK);
        assertThat(read()).as("the pause over: sent again").isEqualTo(SHA);
        assertThat(gh.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void twoFailuresInARowPauseAndTheOutagePauseDoublesUntilGitHubAnswers() {
        gh.enqueue(502, "{\"message\":\"Server Error\"}");
        gh.enqueue(500, "{\"message\":\"Server Error\"}");
        catchThrowableOfType(GitHubException.class, this::read);
        catchThrowableOfType(GitHubException.class, this::read);
        catchThrowableOfType(GitHubException.class, this::read);
        assertThat(gh.server.getRequestCount()).as("the second 5xx in a row paused: the third read was not sent").isEqualTo(2);

        clock.advance(Duration.ofSeconds(15));
        gh.enqueue(503, "{\"message\":\"Service Unavailable\"}");
        catchThrowableOfType(GitHubException.class, this::read);
        clock.advance(Duration.ofSeconds(29));
        catchThrowableOfType(GitHubException.class, this::read);
        assertThat(gh.server.getRequestCount()).as("still down: the pause doubled to 30 s").isEqualTo(3);

        clock.advance(Duration.ofSeconds(1));
        gh.enqueue(200, OK);
        assertThat(read()).isEqualTo(SHA);
        gh.enqueue(502, "{\"message\":\"Server Error\"}");
        gh.enqueue(200, OK);
        catchThrowableOfType(GitHubException.class, this::read);
        assertThat(read()).as("an answer ended the outage: one 502 alone no longer pauses").isEqualTo(SHA);
        assertThat(gh.server.getRequestCount()).isEqualTo(6);
    }

    @Test
    void theLongestPauseWinsAndTheOutagePauseStopsAtFiveMinutes() {
        for (int i = 0; i < 8; i++) {
            gh.enqueue(503, "{\"message\":\"Service Unavailable\"}");
            catchThrowableOfType(GitHubException.class, this::read);
            clock.advance(GitHub5xxPauses.after(i + 1));
        }
        assertThat(gh.server.getRequestCount()).as("one try per pause").isEqualTo(8);
        assertThat(GitHub5xxPauses.after(8)).isEqualTo(GitHubPause.MAX_OUTAGE_PAUSE);
    }

    /** The outage pause after n failed tries: 15 s doubled, at most five minutes. */
    static final class GitHub5xxPauses {
        static Duration after(int n) {
            Duration d = GitHubPause.FIRST_OUTAGE_PAUSE.multipliedBy(1L << Math.min(n - 1, 10));
            return d.compareTo(GitHubPause.MAX_OUTAGE_PAUSE) > 0 ? GitHubPause.MAX_OUTAGE_PAUSE : d;
        }
    }

    private static final String OK = GitHubJson.pull(5, "open", "bot-fork", "autobump", SHA, null, null);

    private String read() {
        return gh.github.pullRequest(REPO, 5).headSha();
    }
}
