package io.prow.autodeploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer standing in for api.github.com and a {@link KohsukeGitHub} pointed at it. Unanswered requests get
 * an immediate 404 (fail fast), so an unexpected extra request shows up in the recorded list instead of hanging.
 */
final class GitHubServerFixture implements AutoCloseable, AfterEachCallback {
    static final String TOKEN = "ghp_SuperSecretTokenValue0123456789abcd";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server saw: method, path (decoded segments joined, with %2F kept), query, JSON body. */
    record Seen(String method, String path, Map<String, String> query, JsonNode body) {
        static Seen of(String method, String path) {
            return new Seen(method, path, Map.of(), null);
        }

        Seen query(String... pairs) {
            Map<String, String> q = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                q.put(pairs[i], pairs[i + 1]);
            }
            return new Seen(method, path, q, body);
        }

        Seen body(String json) {
            return new Seen(method, path, query, parse(json));
        }
    }

    record Reported(String method, String template, int status, boolean conditional) {}

    final MockWebServer server = new MockWebServer();
    final List<Reported> reported = Collections.synchronizedList(new ArrayList<>());
    final KohsukeGitHub github;

    private final Path tempDir;

    /** Register with {@code @RegisterExtension} on an instance field: a fresh server per test, closed after it. */
    GitHubServerFixture(Clock clock) {
        try {
            tempDir = Files.createTempDirectory("github-fixture");
            QueueDispatcher dispatcher = new QueueDispatcher();
            dispatcher.setFailFast(true);
            server.setDispatcher(dispatcher);
            server.start();
            Path tokenFile = tempDir.resolve("token");
            Files.writeString(tokenFile, "  " + TOKEN + "\n");
            String endpoint = server.url("/").toString();
            github = GitHubClientFactory.create(new GitHubClientFactory.Settings(endpoint,
                    new GitHubClientFactory.Auth.TokenFile(tokenFile),
                    new GitHubClientFactory.CacheSpec(tempDir.resolve("cache"), 1024 * 1024),
                    (m, t, s, c) -> reported.add(new Reported(m, t, s, c)), clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void enqueue(int code, String body, String... headerPairs) {
        MockResponse.Builder b = new MockResponse.Builder().code(code);
        if (body != null) {
            b.body(body).addHeader("Content-Type", "application/json; charset=utf-8");
        }
        for (int i = 0; i < headerPairs.length; i += 2) {
            b.addHeader(headerPairs[i], headerPairs[i + 1]);
        }
        server.enqueue(b.build());
    }

    void enqueue(MockResponse response) {
        server.enqueue(response);
    }

    /** Everything the server received since the last call, in order. */
    List<Seen> seen() {
        List<Seen> out = new ArrayList<>();
        for (RecordedRequest r : raw()) {
            out.add(toSeen(r));
        }
        return out;
    }

    List<RecordedRequest> raw() {
        List<RecordedRequest> out = new ArrayList<>();
        try {
            RecordedRequest r;
            while ((r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
                out.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static Seen toSeen(RecordedRequest r) {
        HttpUrl url = r.getUrl();
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : url.queryParameterNames()) {
            query.put(name, url.queryParameter(name));
        }
        String body = r.getBody() == null ? "" : r.getBody().utf8();
        return new Seen(r.getMethod(), url.encodedPath(), query, body.isEmpty() ? null : parse(body));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.close();
        try (var paths = Files.walk(tempDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory is harmless.
        }
    }
}
