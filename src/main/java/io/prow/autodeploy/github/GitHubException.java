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

    public GitHubException(int status, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
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

    /** Worth trying again soon: no answer, a 5xx, or a rate limit. A 404 or 422 is not. */
    public boolean isTransient() {
        return status == 0 || status >= 500 || status == 429 || retryAfter != null;
    }
}
