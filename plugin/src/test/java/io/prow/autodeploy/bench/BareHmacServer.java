package io.prow.autodeploy.bench;

import io.javalin.Javalin;
import io.prow.autodeploy.server.HookHandler;
import io.prow.autodeploy.server.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The baseline: a bare Javalin 7 server on loopback whose {@code /hook} only checks the HMAC signature over the
 * raw body (with the plugin's own {@link SignatureVerifier}) and answers 200. Whatever our {@code /hook} costs
 * beyond this is the price of the plugin (header checks, JSON parsing, routing, metrics).
 */
final class BareHmacServer implements AutoCloseable {
    private final Javalin app;

    BareHmacServer() {
        List<byte[]> tokens = List.of(BenchWorld.TOKEN.getBytes(StandardCharsets.UTF_8));
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.post("/hook", ctx -> {
                boolean ok = SignatureVerifier.valid(ctx.bodyAsBytes(), ctx.header("X-Hub-Signature-256"), tokens);
                ctx.status(ok ? 200 : 403).result(ok ? HookHandler.OK : "403 Forbidden");
            });
        }).start();
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
