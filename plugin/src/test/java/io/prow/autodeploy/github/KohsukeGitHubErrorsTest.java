package io.prow.autodeploy.github;

import org.junit.jupiter.api.extension.RegisterExtension;

import static io.prow.autodeploy.github.GitHubServerFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Failures become GitHubException with the right status, transience and retryAfter, on typed and raw paths. */
class KohsukeGitHubErrorsTest {
    static final RepoRef REPO = KohsukeGitHubReadsTest.REPO;
    /** The fixed test clock is 2025-03-01T12:00:00Z; the primary limit resets two minutes later. */
    static final long RESET_EPOCH = 1740830400L + 120;

    @RegisterExtension
    final GitHubServerFixture gh = new GitHubServerFixture(KohsukeGitHubReadsTest.CLOCK);

    record Case(String name, Consumer<GitHubServerFixture> answers, Consumer<GitHub> call, int status,
                boolean isTransient, Duration retryAfter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Consumer<GitHub> TYPED_READ = g -> g.pullRequest(REPO, 5);
    static final Consumer<GitHub> RAW_READ = g -> g.checks(REPO, KohsukeGitHubReadsTest.SHA);
    static final Consumer<GitHub> TYPED_WRITE = g -> g.createPullRequest(REPO, "t", "autobump", "main", "b");

    static Stream<Case> cases() {
        String rateLimited = "{\"message\":\"API rate limit exceeded for installation ID 1.\","
                + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}";
        String secondary = "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes "
                + "before you try again.\",\"documentation_url\":\"https://docs.github.com/rest\"}";
        Consumer<GitHubServerFixture> primaryLimit = g -> g.enqueue(403, rateLimited,
                "x-ratelimit-limit", "5000", "x-ratelimit-remaining", "0", "x-ratelimit-used", "5000",
                "x-ratelimit-reset", Long.toString(RESET_EPOCH), "x-ratelimit-resource", "core");
        Consumer<GitHubServerFixture> secondaryLimit = g -> g.enqueue(403, secondary, "Retry-After", "30",
                "x-ratelimit-remaining", "4000");
        Consumer<GitHubServerFixture> drop = g -> {
            // OkHttp silently retries a GET once on a fresh connection; every attempt is dropped.
            for (int i = 0; i < 4; i++) {
                g.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
            }
        };
        return Stream.of(
                new Case("500 on a typed read is transient", g -> g.enqueue(500, "{\"message\":\"Server Error\"}"),
                        TYPED_READ, 500, true, null),
                new Case("502 HTML page on a raw read is transient",
                        g -> g.enqueue(new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>")
                                .addHeader("Content-Type", "text/html").build()),
                        RAW_READ, 502, true, null),
                new Case("primary rate limit on a typed read waits until reset", primaryLimit, TYPED_READ, 403,
                        true, Duration.ofSeconds(120)),
                new Case("primary rate limit on a raw read waits until reset", primaryLimit, RAW_READ, 403, true,
                        Duration.ofSeconds(120)),
                new Case("secondary rate limit on a typed write honours Retry-After", secondaryLimit, TYPED_WRITE,
                        403, true, Duration.ofSeconds(30)),
                new Case("secondary rate limit on a raw read honours Retry-After", secondaryLimit, RAW_READ, 403,
                        true, Duration.ofSeconds(30)),
                new Case("422 validation failure is not transient",
                        g -> g.enqueue(422, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":"
                                + "\"PullRequest\",\"code\":\"custom\",\"message\":\"A pull request already exists "
                                + "for o:autobump.\"}]}"),
                        TYPED_WRITE, 422, false, null),
                new Case("401 bad credentials is not transient",
                        g -> g.enqueue(401, "{\"message\":\"Bad credentials\"}"), TYPED_READ, 401, false, null),
                new Case("404 on a typed read is not transient",
                        g -> g.enqueue(404, "{\"message\":\"Not Found\"}"), TYPED_READ, 404, false, null),
                new Case("dropped connection on a typed read is status 0", drop, TYPED_READ, 0, true, null),
                new Case("dropped connection on a raw read is status 0", drop,
                        g -> g.isOrgMember("o", "alice"), 0, true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translates(Case c) {
        c.answers().accept(gh);

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> c.call().accept(gh.github));

        assertThat(e).as("expected a GitHubException").isNotNull();
        assertThat(e.status()).isEqualTo(c.status());
        assertThat(e.isTransient()).isEqualTo(c.isTransient());
        assertThat(e.retryAfter()).isEqualTo(java.util.Optional.ofNullable(c.retryAfter()));
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
            assertThat(t.toString()).doesNotContain(TOKEN);
        }
        if (c.status() != 0) {
            // No silent retries: the failed request was sent exactly once.
            assertThat(gh.server.getRequestCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageCases")
    void messageNamesTheOperationAndGitHubsReason(String name, int status, String body, String expected) {
        gh.enqueue(status, body);

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> gh.github.pullRequest(REPO, 5));

        assertThat(e.getMessage()).isEqualTo(expected);
    }

    static List<Object[]> messageCases() {
        return List.of(
                new Object[] {"github message kept", 404, "{\"message\":\"Not Found\"}",
                        "pullRequest o/r#5 failed: HTTP 404: Not Found"},
                new Object[] {"non-json body dropped", 500, "oops", "pullRequest o/r#5 failed: HTTP 500"});
    }
}
