package io.prow.autodeploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prow.autodeploy.text.Clip;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.HttpException;

/**
 * Turns kohsuke's exceptions and raw HTTP answers into {@link GitHubException}. Messages are built only from the
 * operation name, the status and GitHub's own {@code message} field, never from request headers, so a token
 * cannot leak into logs.
 */
final class GitHubErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 200;

    private final Clock clock;

    GitHubErrors(Clock clock) {
        this.clock = clock;
    }

    /** {@code what} names the operation, e.g. {@code pullRequest o/r#5}. */
    GitHubException translate(String what, IOException e) {
        if (e instanceof HttpException http && http.getResponseCode() >= 200 && http.getResponseCode() < 300) {
            // kohsuke reports a body it could not parse as an HttpException carrying the success status.
            return GitHubException.malformed(what, http.getResponseCode(), e);
        }
        if (e instanceof HttpException http && http.getResponseCode() > 0) {
            // kohsuke puts the error body in the message; only its JSON "message" field is kept.
            return fromResponse(what, http.getResponseCode(), headerLookup(headersOf(http)),
                    http.getMessage(), e);
        }
        if (e instanceof GHFileNotFoundException notFound) {
            return fromResponse(what, 404, headerLookup(headersOf(notFound)), notFound.getMessage(), e);
        }
        return new GitHubException(0, what + " failed: no answer from GitHub (" + e.getClass().getSimpleName() + ")",
                null, e);
    }

    /** The HTTP status behind a kohsuke exception; 0 when none came. */
    static int statusOf(IOException e) {
        if (e instanceof HttpException http) {
            return Math.max(http.getResponseCode(), 0);
        }
        return e instanceof GHFileNotFoundException ? 404 : 0;
    }

    /** {@code body} is the raw error body; only its JSON {@code message} field is kept. */
    GitHubException fromResponse(String what, int status, Function<String, String> header, String body,
                                 Throwable cause) {
        Duration retryAfter = retryAfter(status, header, body);
        String message = what + " failed: HTTP " + status + githubMessage(body)
                + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + "s)");
        return new GitHubException(status, message, retryAfter, cause);
    }

    /**
     * How long GitHub asked us to wait, or null when the answer is not a rate limit: secondary limits send
     * Retry-After; the primary limit sends remaining=0 and the reset epoch second. GitHubPause uses it too.
     */
    Duration retryAfter(int status, Function<String, String> header, String body) {
        if (status != 403 && status != 429) {
            return null;
        }
        String retryAfter = header.apply("retry-after");
        if (retryAfter != null && retryAfter.trim().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
        }
        String remaining = header.apply("x-ratelimit-remaining");
        String reset = header.apply("x-ratelimit-reset");
        if ("0".equals(remaining == null ? null : remaining.trim()) && reset != null
                && reset.trim().matches("\\d{1,12}")) {
            Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
            return wait.isNegative() ? Duration.ZERO : wait;
        }
        // GitHub's documented fallback for a secondary limit without Retry-After: wait at least a minute.
        boolean secondary = status == 429 || (body != null && body.toLowerCase(java.util.Locale.ROOT)
                .contains("secondary rate limit"));
        return secondary ? Duration.ofMinutes(1) : null;
    }

    private static String githubMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        int json = body.indexOf('{');
        if (json < 0) {
            return "";
        }
        try {
            // kohsuke's 404 message is "<url> <body>"; the body is the JSON object that follows.
            JsonNode node = JSON.readTree(body.substring(json));
            String text = node == null ? "" : node.path("message").asText("");
            if (text.isEmpty()) {
                return "";
            }
            return ": " + Clip.withEllipsis(text, MAX_MESSAGE + 1);
        } catch (IOException notJson) {
            // An unparseable body adds nothing safe to say.
            return "";
        }
    }

    /** kohsuke's getter throws when an exception was built without headers (e.g. by an auth provider). */
    private static Map<String, List<String>> headersOf(HttpException e) {
        try {
            return e.getResponseHeaderFields();
        } catch (NullPointerException none) {
            return Map.of();
        }
    }

    private static Map<String, List<String>> headersOf(GHFileNotFoundException e) {
        try {
            return e.getResponseHeaderFields();
        } catch (NullPointerException none) {
            return Map.of();
        }
    }

    private static Function<String, String> headerLookup(Map<String, List<String>> headers) {
        return name -> {
            if (headers == null) {
                return null;
            }
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        };
    }
}
