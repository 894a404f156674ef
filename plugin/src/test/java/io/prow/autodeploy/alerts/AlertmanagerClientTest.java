package io.prow.autodeploy.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.alerts.AlertState.FiringAlert;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlertmanagerClientTest {
    static final Duration TIMEOUT = Duration.ofMillis(300);

    final AlertmanagerClient client = new AlertmanagerClient();
    MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    URI base() {
        return server.url("/").uri();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    record EncodingCase(String name, List<String> matchers, String expectedRawQueryPart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<EncodingCase> encodingCases() {
        return Stream.of(
                new EncodingCase("regex with pipe", List.of("severity=~\"critical|high\""),
                        "&filter=severity%3D%7E%22critical%7Chigh%22"),
                new EncodingCase("two matchers stay two filters", List.of("job=\"hook\"", "env!=\"dev\""),
                        "&filter=job%3D%22hook%22&filter=env%21%3D%22dev%22"),
                new EncodingCase("ampersand, space and non-ASCII cannot break the query",
                        List.of("team=\"a & b\"", "owner=\"zoë\""),
                        "&filter=team%3D%22a+%26+b%22&filter=owner%3D%22zo%C3%AB%22"),
                new EncodingCase("no matchers, no filter", List.of(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodingCases")
    void eachMatcherIsOneEncodedFilterParameter(EncodingCase c) throws Exception {
        server.enqueue(json(200, "[]"));

        assertThat(client.firing(base(), c.matchers(), TIMEOUT)).isEmpty();

        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v2/alerts");
        assertThat(r.getTarget()).isEqualTo("/api/v2/alerts?active=true&silenced=false&inhibited=false"
                + "&unprocessed=false" + c.expectedRawQueryPart());
        // What the server decodes must be exactly the configured matchers.
        assertThat(r.getUrl().queryParameterValues("filter")).containsExactlyElementsOf(c.matchers());
    }

    @Test
    void keepsAPathPrefixAndIgnoresATrailingSlash() throws Exception {
        server.enqueue(json(200, "[]"));
        server.enqueue(json(200, "[]"));

        client.firing(server.url("/alertmanager").uri(), List.of(), TIMEOUT);
        client.firing(server.url("/alertmanager/").uri(), List.of(), TIMEOUT);

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/alertmanager/api/v2/alerts");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/alertmanager/api/v2/alerts");
    }

    @Test
    void parsesActiveAlertsAndDropsOthers() throws Exception {
        server.enqueue(json(200, """
                [
                  {"labels": {"alertname": "HookDown", "severity": "critical"}, "startsAt": "2026-03-02T17:04:05.123Z",
                   "endsAt": "2026-03-02T18:00:00Z", "fingerprint": "7044006102649025",
                   "status": {"state": "active", "silencedBy": [], "inhibitedBy": []}, "receivers": [{"name": "x"}]},
                  {"labels": {"alertname": "Silenced"}, "startsAt": "2026-03-02T16:00:00Z", "fingerprint": "aa",
                   "status": {"state": "suppressed", "silencedBy": ["s1"]}},
                  {"labels": {"severity": "high"}, "startsAt": "2026-03-02T15:00:00+01:00", "fingerprint": "bb",
                   "status": {"state": "active"}}
                ]"""));

        List<FiringAlert> firing = client.firing(base(), AlertConfigs.MATCHERS, TIMEOUT);

        assertThat(firing).containsExactly(
                new FiringAlert("HookDown", Instant.parse("2026-03-02T17:04:05.123Z"), "7044006102649025"),
                new FiringAlert("(unnamed bb)", Instant.parse("2026-03-02T14:00:00Z"), "bb"));
    }

    record FailureCase(String name, MockResponse response, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FailureCase> failures() {
        return Stream.of(
                new FailureCase("malformed JSON", json(200, "[{\"labels\": "), "malformed JSON"),
                new FailureCase("an object, not a list", json(200, "{\"error\": \"nope\"}"), "malformed JSON"),
                new FailureCase("JSON null", json(200, "null"), "null instead of a list"),
                new FailureCase("alert without startsAt",
                        json(200, "[{\"labels\": {}, \"fingerprint\": \"f\", \"status\": {\"state\": \"active\"}}]"),
                        "without startsAt"),
                new FailureCase("HTTP 500", json(500, "internal error"), "answered HTTP 500"),
                new FailureCase("HTTP 400 for a bad filter", json(400, "\"bad matcher format\""),
                        "answered HTTP 400 to GET /api/v2/alerts: \"bad matcher format\""),
                new FailureCase("redirect is not followed", new MockResponse.Builder().code(302)
                        .setHeader("Location", "/elsewhere").build(), "answered HTTP 302"),
                new FailureCase("headers slower than the timeout", new MockResponse.Builder().code(200).body("[]")
                        .headersDelay(10, TimeUnit.SECONDS).build(), "did not answer within PT0.3S"),
                new FailureCase("body slower than the timeout", new MockResponse.Builder().code(200).body("[]")
                        .bodyDelay(10, TimeUnit.SECONDS).build(), "did not answer within PT0.3S"),
                new FailureCase("body trickling past the timeout", new MockResponse.Builder().code(200)
                        .body("[" + "{}, ".repeat(50) + "{}]")
                        .throttleBody(1, 100, TimeUnit.MILLISECONDS).build(), "did not answer within PT0.3S"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void everyUntrustworthyAnswerIsAnException(FailureCase c) {
        server.enqueue(c.response());
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.firing(base(), AlertConfigs.MATCHERS, TIMEOUT))
                .isInstanceOf(AlertmanagerException.class)
                .hasMessageContaining(c.messagePart())
                .hasMessageContaining(base().toString());
        // The configured timeout bounds the call however the server misbehaves (generous slack for CI).
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(2));
    }

    @Test
    void connectionRefusedIsAnException() {
        URI gone = base();
        server.close();

        assertThatThrownBy(() -> client.firing(gone, AlertConfigs.MATCHERS, TIMEOUT))
                .isInstanceOf(AlertmanagerException.class)
                .hasMessageContaining("Alertmanager at " + gone + " cannot be reached")
                .hasMessageContaining("ConnectException");
    }
}
