package io.prow.autodeploy.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.prow.autodeploy.text.Clip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Alertmanager's webhook notifications (payload v4), framework-free: the HTTP edge passes the
 * {@code Authorization} header and the body and writes back {@link Result}'s status and message.
 * Checks, in order: bearer token (401), body size (413), JSON shape (400). Alertmanager sends the token with
 * {@code http_config.authorization.credentials_file}.
 */
public final class AlertmanagerWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerWebhook.class);
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    private static final String SUPPORTED_VERSION = "4";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What to answer Alertmanager; {@code notification} is present exactly when the status is 200. */
    public record Result(int httpStatus, String message, Optional<AlertmanagerNotification> notification) {
        static Result error(int status, String message) {
            return new Result(status, message, Optional.empty());
        }
    }

    private final TokenFile token;
    private final int maxBodyBytes;

    public AlertmanagerWebhook(Path tokenFile) {
        this(tokenFile, DEFAULT_MAX_BODY_BYTES);
    }

    public AlertmanagerWebhook(Path tokenFile, int maxBodyBytes) {
        this.token = new TokenFile(tokenFile);
        this.maxBodyBytes = maxBodyBytes;
    }

    public Result handle(String authorizationHeader, byte[] body) {
        byte[] expected;
        try {
            expected = token.current();
        } catch (IOException e) {
            // Our own misconfiguration, not the caller's: say so, and accept nothing while it lasts.
            LOG.error("Alertmanager webhook token unavailable: {}", e.getMessage());
            return Result.error(500, "webhook token unavailable");
        }
        if (!authorized(authorizationHeader, expected)) {
            return Result.error(401, "missing or wrong bearer token");
        }
        if (body == null || body.length == 0) {
            return Result.error(400, "empty body");
        }
        if (body.length > maxBodyBytes) {
            return Result.error(413, "body of " + body.length + " bytes exceeds the limit of " + maxBodyBytes);
        }
        AlertmanagerNotification n;
        try {
            n = JSON.readValue(body, AlertmanagerNotification.class);
        } catch (JsonProcessingException e) {
            return Result.error(400, "not an Alertmanager notification: " + clip(e.getOriginalMessage()));
        } catch (IOException e) {
            return Result.error(400, "unreadable body: " + clip(e.getMessage()));
        }
        if (n == null) {
            return Result.error(400, "not an Alertmanager notification: null");
        }
        if (!SUPPORTED_VERSION.equals(n.version())) {
            return Result.error(400, "unsupported webhook payload version " + clip(n.version()) + ", want 4");
        }
        if (n.status() == null || n.groupKey() == null) {
            return Result.error(400, "notification without status or groupKey");
        }
        for (AlertmanagerNotification.Alert a : n.alerts()) {
            if (a.status() == null || a.startsAt() == null || a.fingerprint() == null) {
                return Result.error(400, "alert without status, startsAt or fingerprint");
            }
        }
        return new Result(200, "ok: " + n.status().name().toLowerCase(Locale.ROOT) + ", "
                + n.alerts().size() + " alert(s)", Optional.of(n));
    }

    /**
     * Constant-time check: both sides are hashed to SHA-256 first, so {@link MessageDigest#isEqual} compares
     * equal-length arrays and leaks neither content nor the token's length.
     */
    private static boolean authorized(String header, byte[] expected) {
        if (header == null) {
            return false;
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        if (space < 0 || !h.substring(0, space).equalsIgnoreCase("Bearer")) {
            return false;
        }
        byte[] presented = h.substring(space + 1).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Text from the caller echoed in our answer (which is also logged): one printable line of at most 80 characters,
     * so a token holder cannot flood the logs or forge log lines.
     */
    static String clip(Object value) {
        String line = String.valueOf(value).replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return Clip.withEllipsis(line, 80);
    }
}
