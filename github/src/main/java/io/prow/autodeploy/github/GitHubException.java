package io.prow.autodeploy.github;

import java.time.Duration;
import java.util.Optional;

/**
 * A GitHub call that failed. {@code status} is the HTTP status (0 when no answer came); {@code retryAfter} is set
 * when GitHub asked us to wait (rate limits). Unchecked so that handlers let it reach one place that logs it with
 * the delivery id; the next event or reconcile converges again.
 */
public class GitHubException extends RuntimeException {
    private final int status;
    private final transient Duration retryAfter;
    private final boolean malformed;

    public GitHubException(int status, String message, Duration retryAfter, Throwable cause) {
        this(status, message, retryAfter, cause, false);
    }

    private GitHubException(int status, String message, Duration retryAfter, Throwable cause, boolean malformed) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
        this.malformed = malformed;
    }

    /**
     * A success status whose body is not the JSON GitHub promised: a proxy's HTML page, a list cut off half way,
     * {@code null}, nothing. Seen in practice behind load balancers and caches; transient, retried like a 5xx.
     */
    public static GitHubException malformed(String what, int status, Throwable cause) {
        return new GitHubException(status, what + " failed: malformed answer from GitHub (HTTP " + status
                + (cause == null ? "" : ", " + cause.getClass().getSimpleName()) + ")", null, cause, true);
    }

    /** Whether GitHub's answer had a success status but an unusable body. */
    public boolean malformed() {
        return malformed;
    }

    public GitHubException(int status, String message) {
        this(status, message, null, null);
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** What GitHub did, for people: "an error (502)", "no answer", "an unreadable answer (HTTP 200)". */
    public String answered() {
        if (malformed) {
            return "an unreadable answer (HTTP " + status + ")";
        }
        return status == 0 ? "no answer" : "an error (" + status + ")";
    }

    /** Worth trying again soon: no answer, a malformed answer, a 5xx, or a rate limit. A 404 or 422 is not. */
    public boolean isTransient() {
        return malformed || status == 0 || status >= 500 || status == 429 || retryAfter != null;
    }
}
