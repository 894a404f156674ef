package io.prow.autodeploy.github;

import org.junit.jupiter.api.extension.RegisterExtension;

import static io.prow.autodeploy.github.GitHubJson.pull;
import static io.prow.autodeploy.github.GitHubJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.GitHubServerFixture.Reported;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GitHub's ETags: the second identical GET is conditional, a 304 serves the cached body and is reported. */
class KohsukeGitHubCacheTest {
    static final RepoRef REPO = KohsukeGitHubReadsTest.REPO;
    static final String SHA = KohsukeGitHubReadsTest.SHA;

    @RegisterExtension
    final GitHubServerFixture gh = new GitHubServerFixture(KohsukeGitHubReadsTest.CLOCK);

    record Case(String name, String body, Function<GitHub, Object> call, String template) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("typed path (pullRequest)", pull(5, "open", "bot-fork", "autobump", SHA, null, null),
                        g -> g.pullRequest(REPO, 5), "/repos/{o}/{r}/pulls/*"),
                new Case("raw path (branchSha)", ref("refs/heads/autobump", SHA),
                        g -> g.branchSha(REPO, "autobump"), "/repos/{o}/{r}/git/ref/heads/*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondReadIsAConditionalRequestAnswered304(Case c) {
        String etag = "W/\"6d2b4f0a6c1e8f2d9b7a3c5e1f0d2b4a\"";
        gh.enqueue(200, c.body(), "ETag", etag, "Cache-Control", "private, max-age=60, s-maxage=60",
                "Vary", "Accept, Authorization, Cookie, X-GitHub-OTP", "Last-Modified",
                "Sat, 01 Mar 2025 11:00:00 GMT");
        gh.enqueue(304, null, "ETag", etag, "Cache-Control", "private, max-age=60, s-maxage=60",
                "Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");

        Object first = c.call().apply(gh.github);
        Object second = c.call().apply(gh.github);

        assertThat(second).isEqualTo(first);
        List<RecordedRequest> requests = gh.raw();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getHeaders().get("If-None-Match")).isNull();
        assertThat(requests.get(1).getHeaders().get("If-None-Match")).isEqualTo(etag);
        assertThat(gh.reported).containsExactly(
                new Reported("GET", c.template(), 200, false),
                new Reported("GET", c.template(), 304, true));
    }

    /*
     * Issue 16: a 502 must not turn the next read into a charged one. kohsuke 1.330 (GitHubClient.sendRequest, read
     * with javap) re-sends only on RetryRequestException (rate/abuse handlers, a cached 404), SocketException,
     * SocketTimeoutException and SSLHandshakeException; a 502 becomes an HttpException at once. OkHttp 4.12
     * (RetryAndFollowUpInterceptor.followUpRequest) follows up 408 and a 503 with Retry-After 0, never a 502, and its
     * cache keeps the entry (only unsafe methods evict). So the 502 is the one failed request, and the retry (our
     * wake-up or the next event) is still conditional.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadGatewayIsNotRetriedInsideTheClientAndTheNextReadIsStillConditional(Case c) {
        String etag = "W/\"0c1e8f2d9b7a3c5e1f0d2b4a6d2b4f0a\"";
        gh.enqueue(200, c.body(), "ETag", etag, "Cache-Control", "private, max-age=60, s-maxage=60",
                "Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
        gh.enqueue(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
        gh.enqueue(304, null, "ETag", etag, "Cache-Control", "private, max-age=60, s-maxage=60",
                "Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");

        Object first = c.call().apply(gh.github);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.call().apply(gh.github))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isEqualTo(502));
        Object third = c.call().apply(gh.github);

        assertThat(third).isEqualTo(first);
        List<RecordedRequest> requests = gh.raw();
        assertThat(requests).as("the 502 is not re-sent by kohsuke or OkHttp").hasSize(3);
        assertThat(requests.get(1).getHeaders().get("If-None-Match")).isEqualTo(etag);
        assertThat(requests.get(2).getHeaders().get("If-None-Match")).as("the cached entry survived the 502")
                .isEqualTo(etag);
    }
}
