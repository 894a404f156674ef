package io.prow.autodeploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /alertmanager} under generated input (fixed seed): without the bearer token nothing is read or
 * written on GitHub and the answer is a 4xx; with it, damaged payloads get 200 or 400 (413 when too large), never a
 * server error; and a well-formed notification is still handled afterwards.
 */
class AlertmanagerFuzzTest {
    private static final long SEED = 0xa1e7_2026L;
    private static final String TOKEN = "fuzz-alertmanager-token";
    private static final String NOTIFICATION = """
            {"version":"4","groupKey":"{}:{alertname=\\"HookDown\\"}","truncatedAlerts":0,"status":"firing",
             "receiver":"autodeploy","groupLabels":{"alertname":"HookDown"},
             "commonLabels":{"alertname":"HookDown","severity":"critical","job":"hook"},
             "commonAnnotations":{"summary":"hook is down"},"externalURL":"http://alertmanager:9093",
             "alerts":[{"status":"firing","labels":{"alertname":"HookDown","severity":"critical","job":"hook"},
               "annotations":{"summary":"hook is down"},"startsAt":"2026-11-25T18:00:00Z",
               "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph","fingerprint":"a1b2c3d4"}]}
            """;

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final Random random = new Random(SEED);
    private final FuzzInputs inputs = new FuzzInputs(random);
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    private byte[] head(String authorization, long length) {
        return RawHttp.head("POST /alertmanager HTTP/1.1", "Content-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n"), length);
    }

    private int send(PluginHarness h, String authorization, byte[] body) throws Exception {
        int status = RawHttp.exchange(h.app.port(), head(authorization, body.length), body);
        statuses.merge(status, 1, Integer::sum);
        return status;
    }

    private byte[] damaged() {
        return switch (random.nextInt(5)) {
            case 0 -> inputs.randomBytes(4096);
            case 1 -> inputs.mutateTree(NOTIFICATION);
            case 2 -> inputs.reencode(NOTIFICATION);
            case 3 -> inputs.deep();
            default -> inputs.mutateBytes(NOTIFICATION.getBytes(StandardCharsets.UTF_8),
                    inputs.randomBytes(64));
        };
    }

    @Test
    void generatedRequestsNeverCauseAServerErrorOrAnUnauthenticatedEffect() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN);
        InMemoryGitHub gh = new InMemoryGitHub(clock, "k8s-ci-robot");
        TestRepo.testInfra(gh).create(Map.of("README.md", "# test-infra\n"));
        try (PluginHarness h = new PluginHarness(clock, PluginHarness.defaultConfig(), gh,
                PluginApp.Settings.forTests(), new AlertSource(new AlertmanagerClient()), Optional.of(tokenFile))) {
            gh.resetCalls();
            String[] wrongAuth = {null, "", "Bearer", "Bearer ", "Bearer wrong", "Basic " + TOKEN,
                    "bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Bearer " + TOKEN + "\u0000"};
            for (int i = 0; i < 3_000; i++) {
                String auth = i % 7 == 0 ? inputs.randomSignature() : wrongAuth[i % wrongAuth.length];
                byte[] body = i % 2 == 0 ? NOTIFICATION.getBytes(StandardCharsets.UTF_8) : damaged();
                assertThat(send(h, auth, body)).as("unauthenticated #%d", i).isBetween(400, 499);
            }
            h.settle();
            assertThat(gh.calls()).as("no GitHub call without the token").isEmpty();
            assertThat(gh.log()).isEmpty();

            for (int i = 0; i < 2_000; i++) {
                assertThat(send(h, "Bearer " + TOKEN, damaged())).as("authenticated, damaged #%d", i)
                        .isIn(200, 400, 413);
            }
            byte[] tooBig = new byte[(1 << 20) + 1];
            assertThat(send(h, "Bearer " + TOKEN, tooBig)).isEqualTo(413);

            assertThat(send(h, "Bearer " + TOKEN, NOTIFICATION.getBytes(StandardCharsets.UTF_8)))
                    .as("a real notification after the storm").isEqualTo(200);
            h.settle();
        }
        assertThat(statuses.keySet()).as("statuses seen: " + statuses).allMatch(s -> s < 500);
    }
}
