package io.prow.autodeploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubClientFactoryTest {
    @TempDir
    Path tmp;

    @Test
    void appAuthUsesJwtForTheAppAndAnInstallationTokenForTheRepo() throws Exception {
        Path pem = tmp.resolve("app.pem");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            // GET /app twice: once for the bot login, once inside kohsuke's installation-token refresh.
            for (int i = 0; i < 2; i++) {
                server.enqueue(json("{\"id\":7,\"slug\":\"autodeploy\",\"name\":\"Autodeploy\"}"));
            }
            server.enqueue(json("[{\"id\":42,\"app_id\":7,\"account\":{\"login\":\"o\"},"
                    + "\"access_tokens_url\":\"" + server.url("/app/installations/42/access_tokens") + "\"}]"));
            server.enqueue(json("{\"token\":\"ghs_installation\",\"expires_at\":\"2099-01-01T00:00:00Z\"}"));
            server.enqueue(json(GitHubJson.pull(5, "open", "bot-fork", "autobump", KohsukeGitHubReadsTest.SHA,
                    null, null)));
            KohsukeGitHub github = GitHubClientFactory.create(new GitHubClientFactory.Settings(
                    server.url("/").toString(), new GitHubClientFactory.Auth.App("7", pem),
                    new GitHubClientFactory.CacheSpec(tmp.resolve("cache"), 1 << 20), null, null));

            assertThat(github.botLogin()).isEqualTo("autodeploy[bot]");
            assertThat(github.pullRequest(KohsukeGitHubReadsTest.REPO, 5).number()).isEqualTo(5);

            List<RecordedRequest> seen = List.of(server.takeRequest(), server.takeRequest(), server.takeRequest(),
                    server.takeRequest(), server.takeRequest());
            assertThat(seen).extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath()).containsExactly(
                    "GET /app", "GET /app", "GET /app/installations", "POST /app/installations/42/access_tokens",
                    "GET /repos/o/r/pulls/5");
            assertThat(seen.get(0).getHeaders().get("Authorization")).startsWith("Bearer ");
            assertThat(seen.get(3).getHeaders().get("Authorization")).startsWith("Bearer ");
            assertThat(seen.get(4).getHeaders().get("Authorization")).isEqualTo("token ghs_installation");
            assertThat(server.getRequestCount()).isEqualTo(5);
        }
    }

    @Test
    void tokenFileIsTrimmedAndAnEmptyOneIsRejected() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), "\n  ghp_abc \n");
        Path empty = Files.writeString(tmp.resolve("empty"), " \n");

        assertThat(GitHubClientFactory.readToken(token)).isEqualTo("ghp_abc");
        assertThatThrownBy(() -> GitHubClientFactory.readToken(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
}
