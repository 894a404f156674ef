package io.prow.autodeploy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the plugin's two Javalin servers: the main port (hook's events at {@code POST /} and
 * {@code POST /hook}, {@code /help}, extra {@link Routes} such as the status page) and the health port. Handlers here
 * only translate HTTP to the framework-free handlers ({@link HookHandler}, {@link HelpProvider}).
 *
 * <p>Javalin stays at this edge: besides this class only {@link WebhookBody} (bounded body read), {@link StatusRoutes}
 * and {@code alerts.AlertmanagerRoutes} (each adds its routes through {@link Routes}) import it, and, outside the
 * plugin, the sandbox's REST server ({@code sandbox.SandboxServer}, {@code SandboxHttp}, {@code SandboxRoutes*}).
 *
 * <p>hook posts each event to the endpoint exactly as plugins.yaml writes it (kubernetes-sigs/prow
 * pkg/hook/server.go, {@code dispatch}: {@code http.NewRequest(POST, p.Endpoint, ...)}), and the endpoint defaults to
 * {@code http://<name>} (pkg/plugins/config.go), so events arrive at {@code POST /}; only help gets a suffix
 * ({@code /help}). {@code GET /} stays the status page.
 */
public final class PluginServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin main;
    private final Javalin health;
    private final RequestLimiter limiter;
    private final String host;
    private volatile boolean warm;

    /** Extra routes on the main port (status page, Alertmanager webhook), added by the wiring. */
    public interface Routes {
        void add(io.javalin.config.RoutesConfig routes);

        static Routes all(List<Routes> list) { return routes -> list.forEach(r -> r.add(routes)); }
    }

    /** What the health port answers: ready (serve traffic) and live (do not restart). */
    public record Health(BooleanSupplier ready, BooleanSupplier live) {}

    public PluginServer(String host, int port, int healthPort, long maxBodyBytes, HookHandler hook, HelpProvider help,
                        BooleanSupplier ready, Routes extra) {
        this(host, port, healthPort, maxBodyBytes, EdgeLimits.defaults(), hook, help, new Health(ready, () -> true),
                extra);
    }

    public PluginServer(String host, int port, int healthPort, long maxBodyBytes, EdgeLimits limits,
                        HookHandler hook, HelpProvider help, Health healthChecks, Routes extra) {
        this.host = host;
        Handler hookHandler = ctx -> {
            byte[] body = new byte[0];
            if ("POST".equals(ctx.method().name())) {
                try {
                    body = WebhookBody.read(ctx, maxBodyBytes, limits.bodyReadTimeout());
                } catch (WebhookBody.Refused refused) {
                    hook.refusedBody(ctx::header, refused.status);
                    ctx.status(refused.status).contentType("text/plain; charset=utf-8").result(refused.getMessage());
                    return;
                }
            }
            HookHandler.Response r = hook.handle(new HookHandler.Request(ctx.method().name(), ctx::header, body));
            ctx.status(r.status()).contentType("text/plain; charset=utf-8").result(r.body());
        };
        this.limiter = new RequestLimiter(limits.webhookRequests(), limits.otherRequests());
        main = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyServer(server -> server.setHandler(limiter));
            config.http.maxRequestSize = maxBodyBytes;
            config.routes.post("/", hookHandler);
            config.routes.post("/hook", hookHandler);
            config.routes.get("/hook", hookHandler);
            config.routes.put("/hook", hookHandler);
            config.routes.patch("/hook", hookHandler);
            config.routes.delete("/hook", hookHandler);
            config.routes.post("/help", ctx -> help(ctx, help));
            config.routes.get("/help", ctx -> help(ctx, help));
            // A body that ends before its Content-Length (the client went away, or lied): its fault, not ours.
            // Jetty throws EofException (a java.io.EOFException) from the body read; seen under load in
            // AlertmanagerFuzzTest as a 500 and an ERROR with a stack trace.
            config.routes.exception(java.io.EOFException.class, (e, ctx) -> {
                LOG.warn("{} {}: the request body ended early ({})", ctx.method(), ctx.path(), e.getMessage());
                ctx.status(400).result("400 Bad Request: the request body ended before its Content-Length");
            });
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
            config.routes.get("/healthz", ctx -> answer(ctx, healthChecks.live(), "not live"));
            config.routes.get("/healthz/ready", ctx -> answer(ctx, healthChecks.ready(), "not ready"));
        });
    }

    private static void answer(Context ctx, BooleanSupplier check, String no) {
        boolean ok = check.getAsBoolean();
        ctx.status(ok ? 200 : 503).result(ok ? "OK" : no);
    }

    /**
     * hook's help request carries the enabled repos ({@code [{"Org":"o","Repo":"r"}]}); whatever else the body holds
     * ({@code null}, {@code [null]}, an object, garbage, nothing) gets the help for every repo, never an error: the
     * help is public and Deck shows nothing for a plugin whose help failed.
     */
    private static void help(Context ctx, HelpProvider help) throws IOException {
        ctx.contentType("application/json").result(JSON.writeValueAsString(help.help(enabledRepos(ctx))));
    }

    static List<HelpProvider.OrgRepo> enabledRepos(Context ctx) {
        List<HelpProvider.OrgRepo> enabled = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException | RuntimeException garbage) {
            return List.of();
        }
        if (root == null || !root.isArray()) {
            return List.of();
        }
        for (JsonNode entry : root) {
            JsonNode org = entry == null ? null : entry.get("Org");
            if (org != null && org.isTextual()) {
                JsonNode repo = entry.get("Repo");
                enabled.add(new HelpProvider.OrgRepo(org.asText(), repo != null && repo.isTextual() ? repo.asText()
                        : null));
            }
        }
        return enabled;
    }

    /** Starts both servers, and makes each one's first request itself ({@link FirstRequest}). */
    public PluginServer start() {
        main.start();
        health.start();
        warm = FirstRequest.make(host, main.port(), "/help") & FirstRequest.make(host, health.port(), "/healthz");
        return this;
    }

    /** Whether both servers answered the request {@link #start()} made before anyone else's (for tests). */
    public boolean startedWarm() {
        return warm;
    }

    public int port() {
        return main.port();
    }

    /** Free request slots now: webhooks' share and the others' (for tests and diagnostics). */
    public record FreeSlots(int webhooks, int others) {}

    public FreeSlots freeSlots() {
        return new FreeSlots(limiter.freeWebhookSlots(), limiter.freeOtherSlots());
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
