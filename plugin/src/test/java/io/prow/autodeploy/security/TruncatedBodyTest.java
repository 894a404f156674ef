package io.prow.autodeploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.server.EdgeLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body that ends before its Content-Length (the client closed its side early) is the client's fault: 400, never
 * a 500 and an ERROR with a stack trace (AlertmanagerFuzzTest met one under load: Jetty's EofException).
 */
class TruncatedBodyTest {
    @ParameterizedTest(name = "POST {0}")
    @ValueSource(strings = {"/alertmanager", "/", "/hook"})
    void aBodyCutShortOfItsLengthIsABadRequest(String path) throws Exception {
        try (EdgeServer edge = new EdgeServer(EdgeLimits.defaults(), 25L << 20)) {
            byte[] head = RawHttp.head("POST " + path + " HTTP/1.1", "Content-Type: application/json\r\n"
                    + "X-GitHub-Event: ping\r\nX-GitHub-Delivery: cut\r\n", 500);
            int status = RawHttp.exchange(edge.port(), head, "{\"zen\":\"cut short".getBytes(StandardCharsets.UTF_8));
            assertThat(status).isBetween(400, 499);
            assertThat(edge.handedOff).isEmpty();
        }
    }
}
