package io.prow.autodeploy.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.RepoRef;
import java.time.Clock;
import java.util.Arrays;

/**
 * How every sandbox answer is written: GitHub's content type, rate-limit and cache headers, an ETag that is a hash
 * of the body, and 304 for a GET whose If-None-Match names that ETag (the plugin's OkHttp cache revalidates so).
 * Errors carry no ETag, as on GitHub: kohsuke takes a 404 with an ETag for a stale cached answer and asks again.
 */
final class SandboxHttp {
    static final String JSON = "application/json; charset=utf-8";
    /** Marks a request as answered by a route, so the 404 fallback leaves it alone. */
    static final String ANSWERED = "sandbox.answered";

    private SandboxHttp() {}

    static void send(Context ctx, int status, JsonNode body, Clock clock) {
        String text;
        try {
            text = body == null ? "" : SandboxJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rendering sandbox JSON", e);
        }
        String etag = "\"" + SandboxJson.sha256(text).substring(0, 40) + "\"";
        ctx.attribute(ANSWERED, true);
        ctx.contentType(JSON); // Jetty writes it as application/json;charset=utf-8
        if (status < 400) {
            ctx.header("ETag", etag);
        }
        // GitHub's own caching headers: clients must revalidate (kohsuke's OkHttp connector asks max-age=0).
        ctx.header("Cache-Control", "private, max-age=60, s-maxage=60");
        ctx.header("Vary", "Accept, Authorization, Cookie");
        long reset = clock.instant().getEpochSecond() / 3600 * 3600 + 3600;
        ctx.header("X-RateLimit-Limit", "5000");
        ctx.header("X-RateLimit-Remaining", "4999");
        ctx.header("X-RateLimit-Used", "1");
        ctx.header("X-RateLimit-Reset", Long.toString(reset));
        ctx.header("X-RateLimit-Resource", "core");
        if (ctx.method() == HandlerType.GET && status == 200 && matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            ctx.result("");
            return;
        }
        ctx.status(status);
        ctx.result(text);
    }

    static void error(Context ctx, int status, String message, SandboxJson json, Clock clock) {
        send(ctx, status, json.error(message), clock);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(t -> t.trim().startsWith("W/") ? t.trim().substring(2) : t.trim())
                .anyMatch(t -> t.equals(etag) || t.equals("*"));
    }

    /** The {o}/{r} of the path; a name GitHub could not have is simply not found. */
    static RepoRef repo(Context ctx) {
        try {
            return new RepoRef(ctx.pathParam("o"), ctx.pathParam("r"));
        } catch (IllegalArgumentException e) {
            throw new GitHubException(404, "Not Found");
        }
    }

    static int number(Context ctx, String param) {
        try {
            return Integer.parseInt(ctx.pathParam(param));
        } catch (NumberFormatException e) {
            throw new GitHubException(404, "Not Found");
        }
    }

    static JsonNode body(Context ctx) {
        try {
            JsonNode node = SandboxJson.MAPPER.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
            if (node == null || node.isMissingNode()) {
                throw new GitHubException(400, "Problems parsing JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new GitHubException(400, "Problems parsing JSON");
        }
    }

    /** A required string field of a request body; GitHub answers 422 when one is missing. */
    static String required(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || !v.isTextual() || v.asText().isEmpty()) {
            throw new GitHubException(422, "Invalid request.\n\n\"" + field + "\" wasn't supplied.");
        }
        return v.asText();
    }

    static String optional(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
