package io.prow.autodeploy.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.prow.autodeploy.alerts.AlertmanagerReceiver;
import io.prow.autodeploy.alerts.AlertmanagerWebhook;
import java.util.Optional;

/**
 * The HTTP edge of {@code POST /alertmanager} on the main port; all logic is in {@link AlertmanagerReceiver}.
 * Without {@code --alertmanager-webhook-token-file} the route exists but answers 404, so a misrouted Alertmanager
 * gets a clear answer instead of a silent drop.
 */
public final class AlertmanagerRoutes implements PluginServer.Routes {
    public static final String PATH = "/alertmanager";

    private final Optional<AlertmanagerReceiver> receiver;
    private final long maxBodyBytes;

    public AlertmanagerRoutes(Optional<AlertmanagerReceiver> receiver) {
        this(receiver, AlertmanagerWebhook.DEFAULT_MAX_BODY_BYTES);
    }

    public AlertmanagerRoutes(Optional<AlertmanagerReceiver> receiver, long maxBodyBytes) {
        this.receiver = receiver;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void add(RoutesConfig routes) {
        routes.post(PATH, this::handle);
    }

    private void handle(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8");
        if (receiver.isEmpty()) {
            ctx.status(404).result("404 not configured: start the plugin with --alertmanager-webhook-token-file");
            return;
        }
        // Refuse a declared oversized body before reading it; a body without a length is bounded by the server.
        if (ctx.contentLength() > maxBodyBytes) {
            ctx.status(413).result("413 Payload Too Large: limit is " + maxBodyBytes + " bytes");
            return;
        }
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (HttpResponseException tooBig) {
            ctx.status(tooBig.getStatus()).result(tooBig.getMessage());
            return;
        }
        AlertmanagerReceiver.Response r = receiver.get().handle(ctx.header("Authorization"), body);
        ctx.status(r.status()).result(r.message());
    }
}
