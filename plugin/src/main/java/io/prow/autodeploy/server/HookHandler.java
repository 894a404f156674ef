package io.prow.autodeploy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prow.autodeploy.events.Delivery;
import io.prow.autodeploy.events.EventParser;
import io.prow.autodeploy.events.EventSink;
import io.prow.autodeploy.events.PayloadException;
import io.prow.autodeploy.events.WebhookEventTypes;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.github.WebhookEvent;
import io.prow.autodeploy.metrics.Metrics;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * hook's contract for {@code POST /hook} (and {@code POST /}), free of any web framework: verify, parse,
 * acknowledge, hand off. Statuses and texts are the ones Prow's own plugins answer, so hook's logs read the same.
 * Nothing from a request is kept per request: metric labels come from fixed sets, logged header values are clipped.
 */
public final class HookHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HookHandler.class);
    public static final String OK = "Event received. Have a nice day.";
    /** Prow's log key for the delivery id (kubernetes-sigs/prow pkg/github/types.go, {@code EventGUID}). */
    public static final String EVENT_GUID = "event-GUID";
    private static final int LOGGED_HEADER_CHARS = 80;

    private final HmacSecrets secrets;
    private final EventSink sink;
    private final Metrics metrics;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean draining;

    public HookHandler(HmacSecrets secrets, EventSink sink, Metrics metrics) {
        this.secrets = secrets;
        this.sink = sink;
        this.metrics = metrics;
    }

    /** What arrived: the method, a case-insensitive header lookup, and the raw body bytes. */
    public record Request(String method, Function<String, String> header, byte[] body) {}

    public record Response(int status, String body) {}

    /**
     * From now on every delivery is refused with 503 while the queued work drains (graceful shutdown): hook sees a
     * clear "not now" instead of a reset connection, and the sweep of the replica that stays picks the event up.
     */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    public Response handle(Request r) {
        if (!"POST".equalsIgnoreCase(r.method())) {
            return reject("unknown", "bad_method", 405, "405 Method not allowed");
        }
        if (draining) {
            return reject("unknown", "unavailable", 503, "503 Service Unavailable: shutting down");
        }
        String eventType = r.header().apply("X-GitHub-Event");
        if (eventType == null || eventType.isBlank()) {
            return reject("unknown", "bad_request", 400, "400 Bad Request: Missing X-GitHub-Event Header");
        }
        String guid = r.header().apply("X-GitHub-Delivery");
        if (guid == null || guid.isBlank()) {
            return reject(eventType, "bad_request", 400, "400 Bad Request: Missing X-GitHub-Delivery Header");
        }
        String signature = r.header().apply("X-Hub-Signature-256");
        if (signature == null || signature.isBlank()) {
            return reject(eventType, "bad_signature", 403, "403 Forbidden: Missing X-Hub-Signature-256");
        }
        String contentType = r.header().apply("Content-Type");
        // Prow's ValidateWebhook (kubernetes-sigs/prow pkg/github/webhooks.go) wants exactly "application/json", what
        // GitHub sends and hook forwards. We compare the media type without its parameters (RFC 9110 8.3.1), so
        // "application/json; charset=utf-8" passes and a look-alike ("application/jsonp") does not.
        // Locale.ROOT: under a Turkish default locale "I" lowers to a dotless "ı" (Jetty already hands us the known
        // media type in lower case, so this is about the handler not depending on the edge that calls it).
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            return reject(eventType, "bad_request", 400, "400 Bad Request: Hook only accepts content-type: "
                    + "application/json - please reconfigure this hook on GitHub");
        }
        JsonNode root = null;
        try {
            root = json.readTree(r.body());
        } catch (IOException notJson) {
            // Checked after the signature: an unsigned body learns nothing from our parser.
        }
        RepoRef repo = root == null ? null : EventParser.repoOf(root);
        var tokens = secrets.tokensFor(repo == null ? null : repo.owner(), repo == null ? null : repo.name());
        if (!SignatureVerifier.valid(r.body(), signature, tokens)) {
            LOG.warn("rejected delivery {} ({}): invalid signature", clip(guid), clip(eventType));
            return reject(eventType, "bad_signature", 403, "403 Forbidden: Invalid X-Hub-Signature-256");
        }
        if (root == null || root.isMissingNode()) {
            LOG.warn("rejected delivery {} ({}): payload is not JSON", clip(guid), clip(eventType));
            return reject(eventType, "bad_payload", 400, "400 Bad Request: payload is not valid JSON");
        }
        WebhookEvent event;
        try {
            event = EventParser.parse(eventType, root);
        } catch (PayloadException e) {
            LOG.warn("rejected delivery {} ({}): {}", clip(guid), clip(eventType), clip(e.getMessage()));
            return reject(eventType, "bad_payload", 400, "400 Bad Request: " + e.getMessage());
        }
        if (!sink.offer(new Delivery(guid, eventType, event))) {
            try (var ignored = MDC.putCloseable(EVENT_GUID, clip(guid))) {
                LOG.error("delivery {} ({}) not taken: the plugin is busy or shutting down", guid, eventType);
            }
            return reject(eventType, "unavailable", 503, "503 Service Unavailable: busy or shutting down");
        }
        count(eventType, "accepted", 200);
        return new Response(200, OK);
    }

    /** The edge refused the body before it reached us (413 too large, 408 too slow): counted like any rejection. */
    public void refusedBody(Function<String, String> header, int status) {
        count(header.apply("X-GitHub-Event"), status == 413 ? "too_large" : "too_slow", status);
    }

    private Response reject(String eventType, String result, int status, String text) {
        count(eventType, result, status);
        return new Response(status, text);
    }

    private void count(String eventType, String result, int status) {
        metrics.webhooks.labelValues(WebhookEventTypes.label(eventType), result).inc();
        metrics.webhookResponses.labelValues(Integer.toString(status)).inc();
    }

    /** A header value as a log may show it: at most {@value #LOGGED_HEADER_CHARS} characters, one line. */
    static String clip(String value) {
        if (value == null) {
            return null;
        }
        String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= LOGGED_HEADER_CHARS ? oneLine
                : oneLine.substring(0, LOGGED_HEADER_CHARS) + "...(" + value.length() + " chars)";
    }
}
