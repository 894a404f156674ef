package io.prow.autodeploy.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.prow.autodeploy.github.RepoRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.extras.okhttp3.OkHttpGitHubConnector;

/** The seeded demo GitHub behind a running SandboxServer, and clients that talk to it as the plugin will. */
final class SandboxFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
    static final RepoRef REPO = DemoRepo.REPO;
    static final String BOT = "k8s-ci-robot";

    final ManualClock clock = new ManualClock(NOW);
    final InMemoryGitHub gh = new InMemoryGitHub(clock, BOT);
    final SandboxServer server;
    final OkHttpClient http = new OkHttpClient();
    final GitHub kohsuke;

    SandboxFixture() {
        DemoRepo.seed(gh, gh.clock());
        server = SandboxServer.start(gh, 0);
        try {
            kohsuke = new GitHubBuilder().withEndpoint(server.url()).withOAuthToken("t")
                    .withConnector(new OkHttpGitHubConnector(http)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GHRepository repo() throws IOException {
        return kohsuke.getRepository(REPO.toString());
    }

    /** A raw call, for what kohsuke hides (status codes, headers, bodies of errors). */
    Answer call(String method, String path, String jsonBody, String ifNoneMatch) throws IOException {
        Request.Builder b = new Request.Builder().url(server.url() + path)
                .method(method, jsonBody == null ? null
                        : RequestBody.create(jsonBody, MediaType.get("application/json")));
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        try (Response r = http.newCall(b.build()).execute()) {
            String body = r.body().string();
            JsonNode json = body.isEmpty() ? null : SandboxJson.MAPPER.readTree(body);
            return new Answer(r.code(), r.header("Content-Type"), r.header("ETag"), json);
        }
    }

    Answer get(String path) throws IOException {
        return call("GET", path, null, null);
    }

    record Answer(int status, String contentType, String etag, JsonNode json) {}

    @Override
    public void close() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
