package io.prow.autodeploy.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a just-started server's first request ourselves, before anyone else can. Javalin builds each server's
 * per-request config lazily on the first request and without a lock (JavalinServlet's {@code servletContextConfig},
 * {@code lazy(LazyThreadSafetyMode.NONE)}, made lazy in javalin/javalin#1942): two first requests at once can both
 * run the initializer, and the second one's NullPointerException from kotlin.UnsafeLazyImpl answered 500 (seen in
 * HookFuzzTest). One request from here, answered before the plugin reports ready, builds it while nothing else runs.
 * A raw socket, not an HTTP client: it is one line each way and costs no class loading at start-up.
 */
final class FirstRequest {
    private static final Logger LOG = LoggerFactory.getLogger(FirstRequest.class);
    private static final int TIMEOUT_MILLIS = 5_000;

    private FirstRequest() {}

    /**
     * GETs {@code path} on the server bound to {@code host}:{@code port} (a wildcard host is reached on loopback).
     * Returns whether an HTTP answer came back; never throws: the plugin serves either way.
     */
    static boolean make(String host, int port, String path) {
        String to = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1"
                : host;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(to, port), TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + to + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(9);
            boolean answered = new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.");
            in.transferTo(OutputStream.nullOutputStream()); // until the server closes: its work is done
            return answered;
        } catch (IOException | RuntimeException e) {
            LOG.warn("the first request to :{}{} failed ({}); the first requests from outside may race Javalin's"
                    + " lazy set-up", port, path, e.toString());
            return false;
        }
    }
}
