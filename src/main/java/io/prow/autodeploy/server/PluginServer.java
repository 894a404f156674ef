package io.prow.autodeploy.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only class that knows Javalin: the main port (hook's {@code /hook} and {@code /help}, extra routes such as
 * the status page) and the health port. Handlers here only translate HTTP to the framework-free handlers.
 */
public final class PluginServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin main;
    private final Javalin health;

    /** Extra routes on the main port (status page, Alertmanager webhook), added by the wiring. */
    public interface Routes {
        void add(io.javalin.config.RoutesConfig routes);

        static Routes all(List<Routes> list) { return routes -> list.forEach(r -> r.add(routes)); }
    }

    public PluginServer(String host, int port, int healthPort, long maxBodyBytes, HookHandler hook, HelpProvider help,
                        BooleanSupplier ready, Routes extra) {
        Handler hookHandler = ctx -> {
            byte[] body;
            try {
                body = "POST".equals(ctx.method().name()) ? ctx.bodyAsBytes() : new byte[0];
            } catch (HttpResponseException tooBig) {
                ctx.status(tooBig.getStatus()).result(tooBig.getMessage());
                return;
            }
            HookHandler.Response r = hook.handle(new HookHandler.Request(ctx.method().name(), ctx::header, body));
            ctx.status(r.status()).contentType("text/plain; charset=utf-8").result(r.body());
        };
        main = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = maxBodyBytes;
            config.routes.post("/hook", ctx -> guardSize(ctx, maxBodyBytes, hookHandler));
            config.routes.get("/hook", hookHandler);
            config.routes.put("/hook", hookHandler);
            config.routes.patch("/hook", hookHandler);
            config.routes.delete("/hook", hookHandler);
            config.routes.post("/help", ctx -> help(ctx, help));
            config.routes.get("/help", ctx -> help(ctx, help));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).result("500 Internal Server Error");
            });
            extra.add(config.routes);
        });
        health = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = healthPort;
            config.routes.get("/healthz", ctx -> ctx.result("OK"));
            config.routes.get("/healthz/ready", ctx -> {
                boolean ok = ready.getAsBoolean();
                ctx.status(ok ? 200 : 503).result(ok ? "OK" : "not ready");
            });
        });
    }

    /** Refuses an oversized body before reading it (413), so a huge request cannot exhaust memory. */
    private static void guardSize(Context ctx, long max, Handler next) throws Exception {
        long declared = ctx.contentLength();
        if (declared > max) {
            ctx.status(413).result("413 Payload Too Large: limit is " + max + " bytes");
            return;
        }
        next.handle(ctx);
    }

    private static void help(Context ctx, HelpProvider help) throws IOException {
        List<HelpProvider.OrgRepo> enabled = List.of();
        byte[] body = ctx.bodyAsBytes();
        if (body.length > 0) {
            try {
                enabled = JSON.readValue(body, new TypeReference<List<HelpProvider.OrgRepo>>() {});
            } catch (IOException e) {
                ctx.status(400).result("400 Bad Request: expected [{\"Org\":\"o\",\"Repo\":\"r\"}]");
                return;
            }
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(help.help(enabled)));
    }

    public PluginServer start() {
        main.start();
        health.start();
        return this;
    }

    public int port() {
        return main.port();
    }

    public int healthPort() {
        return health.port();
    }

    /** Stops accepting connections; in-flight requests finish (Jetty's graceful stop). */
    @Override
    public void close() {
        main.stop();
        health.stop();
    }
}
