package io.prow.autodeploy.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Path templates stay low-cardinality: numbers, SHAs, logins, branches, labels and file paths fold to '*'. */
class ListenerInterceptorTest {
    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("pull", 0, "https://api.github.com/repos/o/r/pulls/5", "/repos/{o}/{r}/pulls/*"),
                Arguments.of("pull files", 0, "https://api.github.com/repos/o/r/pulls/5/files",
                        "/repos/{o}/{r}/pulls/*/files"),
                Arguments.of("label with slash", 0,
                        "https://api.github.com/repos/o/r/issues/5/labels/do-not-merge%2Fhold",
                        "/repos/{o}/{r}/issues/*/labels/*"),
                Arguments.of("nested branch", 0, "https://api.github.com/repos/o/r/git/ref/heads/feat/x/y",
                        "/repos/{o}/{r}/git/ref/heads/*"),
                Arguments.of("file path", 0, "https://api.github.com/repos/o/r/contents/a/b/c.yaml?ref=main",
                        "/repos/{o}/{r}/contents/*"),
                Arguments.of("team membership", 0, "https://api.github.com/orgs/o/teams/t/memberships/alice",
                        "/orgs/{org}/teams/*/memberships/*"),
                Arguments.of("user", 0, "https://api.github.com/user", "/user"),
                Arguments.of("enterprise prefix stripped", 2, "https://ghe.example.com/api/v3/repos/o/r/statuses/abc",
                        "/repos/{o}/{r}/statuses/*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void template(String name, int baseSegments, String url, String expected) {
        ListenerInterceptor interceptor = new ListenerInterceptor(baseSegments, GitHubRequestListener.NONE);

        assertThat(interceptor.template(HttpUrl.get(url).pathSegments())).isEqualTo(expected);
    }
}
