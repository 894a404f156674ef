package io.prow.autodeploy.server;

import io.javalin.config.RoutesConfig;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.metrics.status.StatusBoard;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@code GET /} (HTML) and {@code GET /status.json} on the main port: read-only views of the {@link StatusBoard},
 * so a page view costs no GitHub call however often it is reloaded.
 */
public final class StatusRoutes implements PluginServer.Routes {
    /** The page needs no script, font or image: forbid everything but its own inline style, as defense in depth. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final Supplier<PluginConfig> config;
    private final StatusBoard board;
    private final Clock clock;

    public StatusRoutes(Supplier<PluginConfig> config, StatusBoard board, Clock clock) {
        this.config = config;
        this.board = board;
        this.clock = clock;
    }

    public StatusJson.Status status() {
        return StatusJson.build(config.get(), board, clock.instant());
    }

    @Override
    public void add(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.header("Content-Security-Policy", CSP).header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").html(StatusPage.render(status())));
        routes.get("/status.json", ctx -> ctx.header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").contentType("application/json")
                .result(StatusJson.write(status())));
    }
}
