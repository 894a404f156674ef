package io.prow.autodeploy.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * Reads a webhook body under two bounds: at most {@code max} bytes (413) and all of it within one deadline (408).
 * The deadline is enforced by lowering the connection's idle timeout to the time left before each read, so a client
 * that trickles a byte now and then cannot hold a thread beyond the deadline (a read waiting for the next byte
 * fails when the deadline passes); the connection's own idle timeout is restored afterwards for keep-alive.
 */
final class WebhookBody {
    private static final int CHUNK = 64 * 1024;

    /** The body could not be read within the bounds: the HTTP status and text to answer. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private WebhookBody() {}

    static byte[] read(Context ctx, long max, Duration timeout) throws Refused {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw new Refused(413, "413 Payload Too Large: limit is " + max + " bytes");
        }
        EndPoint connection = ServletContextRequest.getServletContextRequest(ctx.req())
                .getConnectionMetaData().getConnection().getEndPoint();
        long normalIdle = connection.getIdleTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 0), CHUNK));
        // Sized to the declared body (+1 to see its end) rather than always 64 KiB: webhooks are mostly a few KiB, and
        // a fixed 64 KiB buffer per request doubled what /hook allocates (make bench, "allocated per request").
        long wanted = declared >= 0 ? declared + 1 : CHUNK;
        byte[] chunk = new byte[(int) Math.max(1, Math.min(Math.min(CHUNK, wanted), max + 1))];
        try {
            InputStream in = ctx.req().getInputStream();
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw tooSlow(timeout, body.size());
                }
                connection.setIdleTimeout(normalIdle > 0 ? Math.min(normalIdle, left) : left);
                int n = in.read(chunk);
                if (n < 0) {
                    return body.toByteArray();
                }
                if (body.size() + (long) n > max) {
                    throw new Refused(413, "413 Payload Too Large: limit is " + max + " bytes");
                }
                body.write(chunk, 0, n);
            }
        } catch (IOException | RuntimeException cutOff) {
            // Jetty fails the read when the idle timeout (lowered to our deadline) passes.
            throw tooSlow(timeout, body.size());
        } finally {
            connection.setIdleTimeout(normalIdle);
        }
    }

    private static Refused tooSlow(Duration timeout, int received) {
        return new Refused(408, "408 Request Timeout: the body did not arrive within " + timeout.toMillis()
                + " ms (" + received + " bytes received)");
    }
}
