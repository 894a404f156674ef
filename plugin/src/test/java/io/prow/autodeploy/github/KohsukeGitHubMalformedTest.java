package io.prow.autodeploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17.9: a 200 whose body is not the JSON GitHub promised (a proxy's HTML page, a list cut off half way, the
 * literal {@code null}, an empty body) is a transient {@link GitHubException}, like a 5xx, on every path of the real
 * adapter: typed reads, typed lists, raw reads, raw writes. Never a NullPointerException, never a silent empty answer.
 */
class KohsukeGitHubMalformedTest {
    static final RepoRef REPO = KohsukeGitHubReadsTest.REPO;
    static final String SHA = KohsukeGitHubReadsTest.SHA;

    @RegisterExtension
    final GitHubServerFixture gh = new GitHubServerFixture(KohsukeGitHubReadsTest.CLOCK);

    record Shape(String name, String body, String contentType) {}

    record Call(String name, Consumer<GitHub> call, int requests) {}

    record Case(Shape shape, Call call) {
        @Override
        public String toString() {
            return shape.name() + " answering " + call.name();
        }
    }

    static final List<Shape> SHAPES = List.of(
            new Shape("HTML page", "<html><body>Unicorn! This page is taking too long to load.</body></html>",
                    "text/html"),
            new Shape("half a JSON list", "[" + GitHubJson.comment(1, "alice", "/hold") + ",{\"id\":2,\"bo",
                    "application/json; charset=utf-8"),
            new Shape("null", "null", "application/json; charset=utf-8"),
            new Shape("empty body", "", "application/json; charset=utf-8"));

    static final List<Call> CALLS = List.of(
            new Call("pullRequest (typed read)", g -> g.pullRequest(REPO, 5), 1),
            new Call("comments (typed list)", g -> g.comments(REPO, 5), 1),
            new Call("pullRequests (typed query)", g -> g.pullRequests(REPO,
                    new PrQuery(PrQuery.State.OPEN, "main", "o:autobump", 5)), 1),
            new Call("checks (raw read)", g -> g.checks(REPO, SHA), 1),
            new Call("compare (raw read)", g -> g.compare(REPO, "a1b2c3d", "b2c3d4e"), 1),
            new Call("createComment (typed write)", g -> g.createComment(REPO, 5, "hi"), 1),
            new Call("branchSha (raw probe)", g -> g.branchSha(REPO, "main"), 1));

    static Stream<Case> cases() {
        return SHAPES.stream().flatMap(s -> CALLS.stream().map(c -> new Case(s, c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aMalformed200IsATransientGitHubException(Case c) {
        gh.enqueue(new MockResponse.Builder().code(200).body(c.shape().body())
                .addHeader("Content-Type", c.shape().contentType()).build());

        Throwable thrown = catchThrowable(() -> c.call().call().accept(gh.github));

        assertThat(thrown).as("a malformed answer must fail, not pass as data").isInstanceOf(GitHubException.class);
        GitHubException e = (GitHubException) thrown;
        assertThat(e.isTransient()).as("retried like a 5xx").isTrue();
        assertThat(e.getMessage()).contains("malformed answer");
        assertThat(gh.server.getRequestCount()).isEqualTo(c.call().requests());
    }
}
