package io.prow.autodeploy.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AutoRollbackWatcher.Action;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /alertmanager} on the plugin's main port: the HTTP contract, over the whole plugin. */
class AlertmanagerRouteTest {
    static final String TOKEN = "route-token";
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private PluginHarness h;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private PluginHarness withToken() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN);
        return new PluginHarness(clock, PluginHarness.defaultConfig(), new io.prow.autodeploy.sandbox.InMemoryGitHub(
                clock, "k8s-ci-robot"), PluginApp.Settings.forTests(),
                new AlertSource(new AlertmanagerClient()), Optional.of(tokenFile));
    }

    private HttpResponse<String> post(String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port() + "/alertmanager"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutATokenFileTheRouteSaysItIsNotConfigured() throws Exception {
        h = new PluginHarness(clock, PluginHarness.defaultConfig());

        HttpResponse<String> r = post("Bearer " + TOKEN, AlertmanagerWebhookTest.FIRING);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("--alertmanager-webhook-token-file");
        assertThat(h.app.alertmanager).isEmpty();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("no token", null, AlertmanagerWebhookTest.FIRING, 401, "missing or wrong bearer token"),
                Arguments.of("wrong token", "Bearer nope", AlertmanagerWebhookTest.FIRING, 401,
                        "missing or wrong bearer token"),
                Arguments.of("not a notification", "Bearer " + TOKEN, "{\"hello\": 1}", 400,
                        "unsupported webhook payload version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedRequestsDoNothing(String name, String authorization, String body, int status, String message)
            throws Exception {
        h = withToken();
        List<AlertmanagerReceiver.Handled> handled = new ArrayList<>();
        h.app.alertmanager.orElseThrow().onHandled(handled::add);
        h.gh.resetCalls();

        HttpResponse<String> r = post(authorization, body);
        h.settle();

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).contains(message);
        assertThat(handled).isEmpty();
        assertThat(h.gh.readCalls() + h.gh.writeCalls()).as("GitHub calls").isZero();
    }

    @Test
    void aDeclaredBodyOverOneMebibyteIs413BeforeItIsRead() throws Exception {
        h = withToken();
        // A raw socket declaring 2 MiB and sending none: the answer must come from the declared length alone
        // (the JDK client, uploading, could see the connection closed under it instead of the answer).
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", h.app.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (2 << 20) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aValidNotificationIsAcceptedAndWatched() throws Exception {
        h = withToken();
        List<AlertmanagerReceiver.Handled> handled = new ArrayList<>();
        h.app.alertmanager.orElseThrow().onHandled(handled::add);

        HttpResponse<String> r = post("Bearer " + TOKEN, AlertmanagerWebhookTest.FIRING);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok: firing, 1 alert(s)");
        // The embedded default has no Alertmanager, so the watcher looks and does nothing.
        assertThat(handled).singleElement().satisfies(x -> assertThat(x.outcomes())
                .extracting(AutoRollbackWatcher.Outcome::action).containsExactly(Action.IGNORED));
    }
}
