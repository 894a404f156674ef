package io.prow.autodeploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every answer hook can get from {@code /hook}, over real HTTP, with the real signature check (never bypassed). */
class HookEndpointTest {
    private static final String PING = "{\"zen\":\"Keep it simple.\",\"repository\":{\"full_name\":\"kubernetes/test-infra\"}}";
    private static PluginHarness h;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        h = new PluginHarness(ManualClock.at("2026-11-25T18:00:00Z"), PluginHarness.defaultConfig());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static Stream<Arguments> cases() {
        String sig = SignatureVerifier.sign(PING.getBytes(StandardCharsets.UTF_8), PluginHarness.TOKEN.getBytes());
        return Stream.of(
                Arguments.of("valid ping is acknowledged", "ping", PING, Map.of(), 200,
                        "Event received. Have a nice day."),
                Arguments.of("missing event header", "ping", PING, Map.of("X-GitHub-Event", ""), 400,
                        "400 Bad Request: Missing X-GitHub-Event Header"),
                Arguments.of("missing delivery header", "ping", PING, Map.of("X-GitHub-Delivery", ""), 400,
                        "400 Bad Request: Missing X-GitHub-Delivery Header"),
                Arguments.of("wrong content type", "ping", PING, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        400, "400 Bad Request: Hook only accepts content-type: application/json - please reconfigure this hook on GitHub"),
                Arguments.of("a look-alike content type", "ping", PING, Map.of("Content-Type", "application/jsonp"),
                        400, "400 Bad Request: Hook only accepts content-type: application/json - please reconfigure this hook on GitHub"),
                Arguments.of("JSON with a charset parameter", "ping", PING,
                        Map.of("Content-Type", "application/json; charset=utf-8"), 200, "Event received. Have a nice day."),
                Arguments.of("missing signature", "ping", PING, Map.of("X-Hub-Signature-256", ""), 403,
                        "403 Forbidden: Missing X-Hub-Signature-256"),
                Arguments.of("signature by another token", "ping", PING, Map.of("X-Hub-Signature-256",
                        SignatureVerifier.sign(PING.getBytes(StandardCharsets.UTF_8), "other".getBytes())), 403,
                        "403 Forbidden: Invalid X-Hub-Signature-256"),
                Arguments.of("signature of another body", "ping", PING.replace("simple", "simpler"),
                        Map.of("X-Hub-Signature-256", sig), 403, "403 Forbidden: Invalid X-Hub-Signature-256"),
                Arguments.of("legacy sha1 header only", "ping", PING, Map.of("X-Hub-Signature-256", "sha1=abc"), 403,
                        "403 Forbidden: Invalid X-Hub-Signature-256"),
                Arguments.of("not hex", "ping", PING, Map.of("X-Hub-Signature-256", "sha256=zz"), 403,
                        "403 Forbidden: Invalid X-Hub-Signature-256"),
                Arguments.of("signed but not JSON", "ping", "{not json", Map.of(), 400,
                        "400 Bad Request: payload is not valid JSON"),
                Arguments.of("signed pull_request without pull_request", "pull_request",
                        "{\"action\":\"opened\",\"repository\":{\"full_name\":\"kubernetes/test-infra\"}}", Map.of(), 400,
                        "400 Bad Request: 'pull_request' is missing or not an object"),
                Arguments.of("signed comment with a bad repository name", "issue_comment",
                        "{\"repository\":{\"full_name\":\"../../etc\"}}", Map.of(), 400,
                        "400 Bad Request: repository.full_name is missing or not org/repo"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersLikeHookExpects(String name, String event, String body, Map<String, String> headers, int status,
                                String text) throws Exception {
        HttpResponse<String> r = h.post(event, body, headers);
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).isEqualTo(text);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        for (String method : new String[] {"GET", "PUT", "PATCH", "DELETE"}) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port() + "/hook"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.body()).isEqualTo("405 Method not allowed");
        }
    }

    @Test
    void bodiesOverTheLimitAre413BeforeTheBodyIsRead() throws Exception {
        // A raw socket: declare 6 MiB and send none of it. The answer must come from the declared length alone,
        // so a huge body is refused before it is read into memory.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", h.app.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-GitHub-Event: ping\r\n"
                    + "X-GitHub-Delivery: d\r\nX-Hub-Signature-256: sha256=00\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (6 << 20) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
    }

    /**
     * hook posts to the endpoint exactly as plugins.yaml writes it (kubernetes-sigs/prow pkg/hook/server.go
     * dispatch; default endpoint {@code http://<name>}, pkg/plugins/config.go): events arrive at {@code POST /}.
     */
    @SuppressWarnings("unchecked")
    @Test
    void rootTakesEventsExactlyAsHookDoesAndGetStaysThePage() throws Exception {
        for (var c : cases().toList()) {
            Object[] a = c.get();
            HttpResponse<String> r = postTo("/", (String) a[1], (String) a[2], (Map<String, String>) a[3]);
            assertThat(r.statusCode()).as("POST / %s", a[0]).isEqualTo(a[4]);
            assertThat(r.body()).as("POST / %s", a[0]).isEqualTo(a[5]);
        }
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + h.app.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }

    private HttpResponse<String> postTo(String path, String event, String json, Map<String, String> overrides)
            throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port() + path))
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", "root-" + System.nanoTime())
                .header("X-Hub-Signature-256", SignatureVerifier.sign(body, PluginHarness.TOKEN.getBytes()))
                .header("Content-Type", "application/json");
        overrides.forEach(b::setHeader);
        return http.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndReadiness() throws Exception {
        for (String path : new String[] {"/healthz", "/healthz/ready"}) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.healthPort() + path))
                    .build();
            assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(200);
        }
    }
}
