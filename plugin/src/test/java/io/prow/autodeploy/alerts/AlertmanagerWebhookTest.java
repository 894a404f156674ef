package io.prow.autodeploy.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AlertmanagerNotification.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlertmanagerWebhookTest {
    static final String TOKEN = "s3cret-token";
    static final int LIMIT = 4096;

    /** A real payload shape, as Alertmanager 0.25 sends it (see AlertmanagerEndToEndTest for the live one). */
    static final String FIRING = """
            {"receiver": "plugin", "status": "firing",
             "alerts": [{"status": "firing",
                         "labels": {"alertname": "HookDown", "job": "hook", "severity": "critical"},
                         "annotations": {"summary": "hook is down"},
                         "startsAt": "2026-03-02T17:04:05.123Z", "endsAt": "0001-01-01T00:00:00Z",
                         "generatorURL": "http://prometheus/graph", "fingerprint": "7044006102649025"}],
             "groupLabels": {"alertname": "HookDown"},
             "commonLabels": {"alertname": "HookDown", "job": "hook", "severity": "critical"},
             "commonAnnotations": {"summary": "hook is down"},
             "externalURL": "http://alertmanager:9093", "version": "4",
             "groupKey": "{}:{alertname=\\"HookDown\\"}", "truncatedAlerts": 0}""";

    @TempDir
    Path dir;
    Path tokenFile;
    AlertmanagerWebhook webhook;

    @BeforeEach
    void setUp() throws Exception {
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n"); // Secrets often end in a newline; it is not part of the token
        webhook = new AlertmanagerWebhook(tokenFile, LIMIT);
    }

    record Case(String name, String authorization, String body, int status, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String ok = "Bearer " + TOKEN;
        return Stream.of(
                new Case("valid notification", ok, FIRING, 200, "ok: firing, 1 alert(s)"),
                new Case("scheme is case-insensitive", "bearer " + TOKEN, FIRING, 200, "ok"),
                new Case("no Authorization header", null, FIRING, 401, "bearer token"),
                new Case("wrong token", "Bearer nope", FIRING, 401, "bearer token"),
                new Case("token prefix is not the token", "Bearer " + TOKEN.substring(0, 5), FIRING, 401, "bearer token"),
                new Case("empty bearer", "Bearer ", FIRING, 401, "bearer token"),
                new Case("basic auth is not bearer", "Basic " + TOKEN, FIRING, 401, "bearer token"),
                new Case("wrong token with a bad body is still 401", "Bearer nope", "{", 401, "bearer token"),
                new Case("wrong token with a huge body is still 401", "Bearer nope", "x".repeat(LIMIT + 1), 401,
                        "bearer token"),
                new Case("body over the limit", ok, " ".repeat(LIMIT + 1), 413, "exceeds the limit of 4096"),
                new Case("empty body", ok, "", 400, "empty body"),
                new Case("truncated JSON", ok, FIRING.substring(0, 40), 400, "not an Alertmanager notification"),
                new Case("JSON array", ok, "[]", 400, "not an Alertmanager notification"),
                new Case("unknown status", ok, FIRING.replace("\"status\": \"firing\",\n \"alerts\"",
                        "\"status\": \"burning\",\n \"alerts\""), 400, "not an Alertmanager notification"),
                new Case("payload version 3", ok, FIRING.replace("\"version\": \"4\"", "\"version\": \"3\""), 400,
                        "unsupported webhook payload version 3"),
                new Case("alert without fingerprint", ok, FIRING.replace("\"fingerprint\": \"7044006102649025\"",
                        "\"fp\": \"x\""), 400, "alert without status, startsAt or fingerprint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers(Case c) {
        AlertmanagerWebhook.Result r = webhook.handle(c.authorization(), c.body().getBytes(StandardCharsets.UTF_8));

        assertThat(r.httpStatus()).isEqualTo(c.status());
        assertThat(r.message()).contains(c.messagePart());
        assertThat(r.notification().isPresent()).isEqualTo(c.status() == 200);
    }

    @Test
    void callerTextInAnswersIsOneShortLine() {
        String huge = FIRING.replaceFirst("\"version\"\\s*:\\s*\"4\"",
                "\"version\":\"" + "x".repeat(500) + "\\nFORGED LOG LINE\"");
        AlertmanagerWebhook.Result r = webhook.handle("Bearer " + TOKEN, huge.getBytes(StandardCharsets.UTF_8));
        assertThat(r.httpStatus()).isEqualTo(400);
        assertThat(r.message()).startsWith("unsupported webhook payload version xxx").doesNotContain("\n")
                .hasSizeLessThan(140);
    }

    @Test
    void parsesEveryField() {
        AlertmanagerNotification n = webhook.handle("Bearer " + TOKEN, FIRING.getBytes(StandardCharsets.UTF_8))
                .notification().orElseThrow();

        assertThat(n.version()).isEqualTo("4");
        assertThat(n.groupKey()).isEqualTo("{}:{alertname=\"HookDown\"}");
        assertThat(n.status()).isEqualTo(Status.FIRING);
        assertThat(n.receiver()).isEqualTo("plugin");
        assertThat(n.externalUrl()).isEqualTo("http://alertmanager:9093");
        assertThat(n.commonLabels()).containsEntry("severity", "critical");
        assertThat(n.alerts()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("HookDown");
            assertThat(a.status()).isEqualTo(Status.FIRING);
            assertThat(a.labels()).isEqualTo(Map.of("alertname", "HookDown", "job", "hook", "severity", "critical"));
            assertThat(a.annotations()).containsEntry("summary", "hook is down");
            assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-03-02T17:04:05.123Z"));
            assertThat(a.ended()).isEmpty(); // Go's zero time: still firing
            assertThat(a.fingerprint()).isEqualTo("7044006102649025");
        });
    }

    @Test
    void resolvedAlertHasAnEnd() {
        String resolved = FIRING.replace("\"firing\"", "\"resolved\"")
                .replace("0001-01-01T00:00:00Z", "2026-03-02T17:30:00Z");

        AlertmanagerNotification n = webhook.handle("Bearer " + TOKEN, resolved.getBytes(StandardCharsets.UTF_8))
                .notification().orElseThrow();

        assertThat(n.status()).isEqualTo(Status.RESOLVED);
        assertThat(n.alerts().get(0).ended()).contains(Instant.parse("2026-03-02T17:30:00Z"));
    }

    @Test
    void rotatedTokenIsPickedUpWithoutRestart() throws Exception {
        byte[] body = FIRING.getBytes(StandardCharsets.UTF_8);
        assertThat(webhook.handle("Bearer " + TOKEN, body).httpStatus()).isEqualTo(200);
        FileTime before = Files.getLastModifiedTime(tokenFile);

        // Same length as the old token, so only the mtime tells the change; set it explicitly rather than
        // hoping the filesystem clock ticked.
        String rotated = "n3w-s3cret-t";
        assertThat(rotated).hasSameSizeAs(TOKEN);
        Files.writeString(tokenFile, rotated + "\n");
        Files.setLastModifiedTime(tokenFile, FileTime.from(before.toInstant().plusSeconds(60)));

        assertThat(webhook.handle("Bearer " + TOKEN, body).httpStatus()).isEqualTo(401);
        assertThat(webhook.handle("Bearer " + rotated, body).httpStatus()).isEqualTo(200);
    }

    @Test
    void unchangedFileIsNotReread() throws Exception {
        byte[] body = FIRING.getBytes(StandardCharsets.UTF_8);
        assertThat(webhook.handle("Bearer " + TOKEN, body).httpStatus()).isEqualTo(200);
        FileTime before = Files.getLastModifiedTime(tokenFile);

        // Rewrite in place keeping size and mtime: proves the token comes from the cache, not a fresh read.
        Files.writeString(tokenFile, "x".repeat(TOKEN.length()) + "\n");
        Files.setLastModifiedTime(tokenFile, before);

        assertThat(webhook.handle("Bearer " + TOKEN, body).httpStatus()).isEqualTo(200);
    }

    @Test
    void missingOrEmptyTokenFileAcceptsNothing() throws Exception {
        byte[] body = FIRING.getBytes(StandardCharsets.UTF_8);
        Files.writeString(tokenFile, "\n");
        assertThat(webhook.handle("Bearer ", body))
                .isEqualTo(new AlertmanagerWebhook.Result(500, "webhook token unavailable", Optional.empty()));

        Files.delete(tokenFile);
        assertThat(webhook.handle("Bearer " + TOKEN, body).httpStatus()).isEqualTo(500);
    }
}
