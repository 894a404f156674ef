package io.prow.autodeploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.server.EdgeLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17.2: connections that declare a body and trickle it (a byte every ~17 s) held the main port's threads for
 * as long as they lasted, and {@code /hook} timed out. Now a webhook body must arrive within a deadline (here 400 ms,
 * 10 s by default) or the request ends with 408, and webhooks and the other routes each have their own share of
 * concurrent requests, so slow uploads on one kind never take the other's threads.
 */
class SlowUploadTest {
    private static final Duration DEADLINE = Duration.ofMillis(400);

    @Test
    void aTricklingBodyIsCutOffAtTheDeadlineAndWebhooksFlowAgain() throws Exception {
        try (EdgeServer edge = new EdgeServer(EdgeLimits.defaults().withBodyReadTimeout(DEADLINE).withRequests(8, 8),
                25L << 20)) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    slow.add(trickle(edge.port(), i % 2 == 0 ? "/hook" : "/"));
                }
                // The server answers each within the deadline (plus scheduling), not after Jetty's 30 s idle timeout.
                for (Socket s : slow) {
                    assertThat(statusWithin(s, Duration.ofSeconds(5))).isIn(408, RawHttp.NO_ANSWER_CLOSED);
                }
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
            assertThat(RawHttp.exchange(edge.port(), EdgeServer.signedPing("/hook", "after"), new byte[0]))
                    .isEqualTo(200);
            assertThat(edge.handedOff).extracting(d -> d.guid()).containsExactly("after");
            assertThat(edge.metrics.webhooks.labelValues("ping", "too_slow").get()).isEqualTo(8);
        }
    }

    @Test
    void slowUploadsOnOtherRoutesNeverTakeTheWebhooksShare() throws Exception {
        try (EdgeServer edge = new EdgeServer(EdgeLimits.defaults().withRequests(2, 3), 25L << 20)) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    slow.add(trickle(edge.port(), "/alertmanager"));
                }
                awaitOtherShareTaken(edge);
                // The other share is full: one more page request is refused at once (not queued behind the trickles).
                Socket page = new Socket("127.0.0.1", edge.port());
                page.getOutputStream().write(RawHttp.head("GET / HTTP/1.1", "Connection: close\r\n", -1));
                assertThat(statusWithin(page, Duration.ofSeconds(5))).isEqualTo(503);
                page.close();
                // hook's events still get in, and are handed off.
                assertThat(RawHttp.exchange(edge.port(), EdgeServer.signedPing("/", "during"), new byte[0]))
                        .isEqualTo(200);
                assertThat(edge.handedOff).extracting(d -> d.guid()).containsExactly("during");
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    /** Opens a request that declares 100 KB and sends one byte of it, then nothing. */
    private static Socket trickle(int port, String path) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.getOutputStream().write(RawHttp.head("POST " + path + " HTTP/1.1", "X-GitHub-Event: ping\r\n"
                + "X-GitHub-Delivery: slow\r\nContent-Type: application/json\r\n", 100_000));
        s.getOutputStream().write('{');
        s.getOutputStream().flush();
        return s;
    }

    /** The requests reach their handlers asynchronously: wait (bounded, no sleep) until the three hold the share. */
    private static void awaitOtherShareTaken(EdgeServer edge) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (edge.server.freeSlots().others() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the three trickling uploads never filled the other share");
            }
            Thread.onSpinWait();
        }
    }

    private static int statusWithin(Socket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        InputStream in = s.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.write(b);
            }
        } catch (SocketTimeoutException stillHanging) {
            return RawHttp.NO_ANSWER;
        } catch (java.net.SocketException reset) {
            return RawHttp.NO_ANSWER_CLOSED;
        }
        String status = line.toString(StandardCharsets.ISO_8859_1);
        return status.startsWith("HTTP/1.1 ") && status.length() >= 12 ? Integer.parseInt(status.substring(9, 12))
                : RawHttp.NO_ANSWER_CLOSED;
    }
}
