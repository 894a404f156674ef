package io.prow.autodeploy.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Requests exactly as written, over a plain socket: what no HTTP client library lets through (a CR/LF inside a
 * header, a declared length that lies, a body larger than the limit that must be refused before it is read).
 */
final class RawHttp {
    /** No status line came back: the server closed the connection or did not answer in time. */
    static final int NO_ANSWER = -1;
    /** The server closed the connection without a status line (it gave up on the request). */
    static final int NO_ANSWER_CLOSED = -2;

    private RawHttp() {}

    /** Sends {@code head} then {@code body} (write errors ignored: the server may refuse early); returns the status. */
    static int exchange(int port, byte[] head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head);
                if (body.length > 0) {
                    out.write(body);
                }
                out.flush();
                socket.shutdownOutput();
            } catch (IOException refusedEarly) {
                // The answer (413, 400) may already be waiting: read it below.
            }
            return statusOf(socket.getInputStream());
        }
    }

    static byte[] head(String requestLine, String headers, long contentLength) {
        return (requestLine + "\r\nHost: 127.0.0.1\r\n" + headers
                + (contentLength >= 0 ? "Content-Length: " + contentLength + "\r\n" : "") + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int statusOf(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.write(b);
            }
        } catch (SocketTimeoutException | java.net.SocketException closed) {
            return NO_ANSWER;
        }
        String status = line.toString(StandardCharsets.ISO_8859_1);
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            return NO_ANSWER;
        }
        return Integer.parseInt(status.substring(9, 12));
    }
}
