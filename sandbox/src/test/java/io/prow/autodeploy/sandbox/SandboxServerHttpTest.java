package io.prow.autodeploy.sandbox;

import static io.prow.autodeploy.sandbox.SandboxFixture.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.GitHubException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import okhttp3.Cache;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.extras.okhttp3.OkHttpGitHubConnector;

/** What every answer carries: content type, ETag and 304 revalidation, and GitHub's error body. */
class SandboxServerHttpTest {
    static final String PULL = "/repos/" + REPO + "/pulls/2";
    SandboxFixture f;

    @BeforeEach
    void start() {
        f = new SandboxFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aRepeatedGetWithTheETagIsNotModifiedUntilTheStateChanges() throws Exception {
        SandboxFixture.Answer first = f.get(PULL);
        SandboxFixture.Answer again = f.call("GET", PULL, null, first.etag());
        f.gh.label(REPO, 2, "area/prow");
        SandboxFixture.Answer changed = f.call("GET", PULL, null, first.etag());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).satisfies(SandboxServerHttpTest::isJsonUtf8);
        assertThat(first.etag()).matches("\"[0-9a-f]{40}\"");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.etag()).isEqualTo(first.etag());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.etag()).isNotEqualTo(first.etag());
        assertThat(changed.json().path("labels").findValuesAsText("name")).contains("area/prow");
    }

    @Test
    void statusesKeepTheirETagAsTimePassesUntilOneChanges() throws Exception {
        String sha = f.gh.peek(REPO, 2).headSha();
        String path = "/repos/" + REPO + "/commits/" + sha + "/status";
        SandboxFixture.Answer first = f.get(path);
        f.clock.advance(Duration.ofMinutes(5));
        SandboxFixture.Answer later = f.call("GET", path, null, first.etag());
        f.gh.setCheck(REPO, sha, "pull-test-infra-unit", Check.State.FAILURE);
        SandboxFixture.Answer changed = f.call("GET", path, null, first.etag());

        assertThat(first.json().path("state").asText()).isEqualTo("success");
        assertThat(later.status()).isEqualTo(304);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("state").asText()).isEqualTo("failure");
    }

    @Test
    void kohsukeOverACachingOkHttpRevalidatesAndStillSeesChanges(@TempDir Path dir) throws Exception {
        Cache cache = new Cache(Files.createDirectories(dir.resolve("cache")).toFile(), 10L << 20);
        OkHttpClient http = new OkHttpClient.Builder().cache(cache).build();
        GitHub cached = new GitHubBuilder().withEndpoint(f.server.url()).withOAuthToken("t")
                .withConnector(new OkHttpGitHubConnector(http)).build();

        cached.getRepository(REPO.toString()).getPullRequest(2);
        cached.getRepository(REPO.toString()).getPullRequest(2);
        f.gh.label(REPO, 2, "area/prow");
        boolean seen = cached.getRepository(REPO.toString()).getPullRequest(2).getLabels().stream()
                .anyMatch(l -> l.getName().equals("area/prow"));

        // build() asks /user once; three reads of repo + PR all reach the server (kohsuke asks max-age=0); 304s
        // for both on the second read and for the repo on the third count as cache hits, the changed PR does not.
        assertThat(cache.networkCount()).isEqualTo(7);
        assertThat(cache.hitCount()).isEqualTo(3);
        assertThat(seen).isTrue();
        http.dispatcher().executorService().shutdown();
        cache.close();
    }

    record Failure(String name, String path, int status, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Failure> failures() {
        return Stream.of(
                new Failure("an unknown route", "/repos/" + REPO + "/hooks", 404, "Not Found"),
                new Failure("an unknown repository", "/repos/kubernetes/nope", 404, "Not Found: repository kubernetes/nope"),
                new Failure("a missing pull request", "/repos/" + REPO + "/pulls/999",
                        404, "Not Found: pull kubernetes/k8s.io#999"),
                new Failure("a pull request number that is not a number", "/repos/" + REPO + "/pulls/abc", 404, "Not Found"),
                new Failure("a missing file", "/repos/" + REPO + "/contents/nope.yaml?ref=main", 404,
                        "Not Found: nope.yaml at main"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failuresCarryGitHubsErrorBody(Failure c) throws Exception {
        SandboxFixture.Answer a = f.get(c.path());

        assertThat(a.status()).isEqualTo(c.status());
        assertThat(a.contentType()).satisfies(SandboxServerHttpTest::isJsonUtf8);
        assertThat(a.json().path("message").asText()).isEqualTo(c.message());
        assertThat(a.json().path("documentation_url").asText()).isEqualTo("https://docs.github.com/rest");
    }

    @Test
    void injectedFaultsBecomeTheirStatusWithRetryAfter() throws Exception {
        f.gh.failNext("pullRequest", 1, new GitHubException(429, "secondary rate limit", Duration.ofSeconds(30), null));
        f.gh.failNext("comments", 1, new GitHubException(0, "connection reset"));

        var limited = f.http.newCall(new okhttp3.Request.Builder().url(f.server.url() + PULL).build()).execute();
        SandboxFixture.Answer reset = f.get("/repos/" + REPO + "/issues/2/comments");
        SandboxFixture.Answer recovered = f.get(PULL);

        assertThat(limited.code()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("30");
        limited.close();
        assertThat(reset.status()).isEqualTo(502);
        assertThat(reset.json().path("message").asText()).isEqualTo("connection reset");
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(f.gh.calls()).containsEntry("pullRequest", 2).containsEntry("comments", 1);
    }

    static void isJsonUtf8(String contentType) {
        MediaType type = MediaType.get(contentType);
        assertThat(type.type() + "/" + type.subtype()).isEqualTo("application/json");
        assertThat(type.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void theRootAnswersWithLinks() throws Exception {
        SandboxFixture.Answer root = f.get("/");

        assertThat(root.status()).isEqualTo(200);
        assertThat(root.json().path("rate_limit_url").asText()).isEqualTo(f.server.url() + "/rate_limit");
        assertThat(f.server.url()).startsWith("http://127.0.0.1:");
    }
}
