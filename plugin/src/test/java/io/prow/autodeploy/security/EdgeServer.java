package io.prow.autodeploy.security;

import io.prow.autodeploy.events.Delivery;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.server.EdgeLimits;
import io.prow.autodeploy.server.HmacSecrets;
import io.prow.autodeploy.server.HookHandler;
import io.prow.autodeploy.server.PluginServer;
import io.prow.autodeploy.server.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The main port alone (the real {@link PluginServer} and {@link HookHandler}, a recording sink instead of the
 * workers) with limits small enough for a test: what reaches the workers is exactly what {@link #handedOff} holds.
 */
final class EdgeServer implements AutoCloseable {
    static final String TOKEN = "edge-token";
    static final String PING = "{\"zen\":\"Keep it simple.\",\"repository\":{\"full_name\":\"kubernetes/test-infra\"}}";

    final List<Delivery> handedOff = new CopyOnWriteArrayList<>();
    final Metrics metrics = Metrics.fresh();
    final PluginServer server;

    EdgeServer(EdgeLimits limits, long maxBodyBytes) throws Exception {
        Path hmac = Files.createTempFile("hmac", "");
        Files.writeString(hmac, TOKEN);
        HookHandler hook = new HookHandler(HmacSecrets.load(hmac), d -> handedOff.add(d), metrics);
        server = new PluginServer("127.0.0.1", 0, 0, maxBodyBytes, limits, hook, null,
                new PluginServer.Health(() -> true, () -> true),
                routes -> {
                    routes.get("/", ctx -> ctx.html("<p>status</p>"));
                    // Like POST /alertmanager: a route of the other share that reads its body.
                    routes.post("/alertmanager", ctx -> ctx.result("read " + ctx.bodyAsBytes().length));
                }).start();
    }

    int port() {
        return server.port();
    }

    /** A signed ping as hook forwards it, as raw bytes for {@link RawHttp}. */
    static byte[] signedPing(String path, String guid) {
        byte[] body = PING.getBytes(StandardCharsets.UTF_8);
        byte[] head = RawHttp.head("POST " + path + " HTTP/1.1", "X-GitHub-Event: ping\r\nX-GitHub-Delivery: " + guid
                + "\r\nX-Hub-Signature-256: " + SignatureVerifier.sign(body, TOKEN.getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n", body.length);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Override
    public void close() {
        server.close();
    }
}
