package io.prow.autodeploy.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops every request for a while when GitHub says to, or is down: one pause for the whole client, not one per
 * caller. GitHub: "If you receive a rate limit error, you should stop making requests temporarily ... If the
 * retry-after response header is present, you should not retry your request until after that many seconds has
 * elapsed ... Continuing to make requests while you are rate limited may result in the banning of your integration"
 * (docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api, "Handle rate limit errors
 * appropriately"). Each decision already waits as asked before its own retry; without this, every other event and
 * sweep kept calling (issue 16: a ten-minute outage cost about 45 charged requests, a secondary limit several more).
 *
 * <p>Pauses: a rate limit answer (403/429 with {@code retry-after}, or {@code x-ratelimit-remaining: 0} until
 * {@code x-ratelimit-reset}, or a 403/429 saying "secondary rate limit": one minute) for as long as it says; a 503,
 * or a second 5xx in a row, for {@link #FIRST_OUTAGE_PAUSE}, doubled while the next try fails too, at most
 * {@link #MAX_OUTAGE_PAUSE}. One 500/502 alone does not pause (GitHub's odd failed request is common). The first
 * answer that is not a failure ends the outage count. While paused nothing is sent: the caller gets at once what
 * GitHub last said (a 503, or a 403 with the remaining {@code retry-after}), marked "not sent", so it fails and retries
 * exactly as it would have. Prow's client (kubernetes-sigs/prow pkg/github/client.go, requestRetryWithContext)
 * sleeps and retries per request; a pause shared by all callers is our choice, for a plugin whose callers are many
 * independent events.
 */
final class GitHubPause implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubPause.class);
    static final Duration FIRST_OUTAGE_PAUSE = Duration.ofSeconds(15);
    static final Duration MAX_OUTAGE_PAUSE = Duration.ofMinutes(5);

    private final Clock clock;
    private final GitHubErrors errors;
    private Instant until = Instant.MIN;
    private int failuresInARow;
    private Duration outagePause = Duration.ZERO;
    private int pausedStatus;
    private boolean rateLimited;

    GitHubPause(Clock clock) {
        this.clock = clock;
        this.errors = new GitHubErrors(clock);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Response refused = refuseWhilePaused(request);
        if (refused != null) {
            return refused;
        }
        Response response = chain.proceed(request);
        observe(request, response);
        return response;
    }

    private synchronized Response refuseWhilePaused(Request request) {
        Instant now = clock.instant();
        if (!now.isBefore(until)) {
            return null;
        }
        long seconds = Math.max(1, Duration.between(now, until).toSeconds());
        String message = "not sent: GitHub answered HTTP " + pausedStatus + " and requests are paused until " + until
                + (rateLimited ? " (secondary rate limit)" : "");
        Response.Builder r = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1)
                .code(pausedStatus).message(message)
                .body(ResponseBody.create("{\"message\":\"" + message + "\"}", MediaType.get("application/json")));
        if (rateLimited) {
            r.header("retry-after", Long.toString(seconds));
        }
        LOG.debug("{} {}: {}", request.method(), request.url().encodedPath(), message);
        return r.build();
    }

    private void observe(Request request, Response response) throws IOException {
        int code = response.code();
        Duration rateLimit = (code == 403 || code == 429) ? rateLimitPause(response) : null;
        synchronized (this) {
            Instant now = clock.instant();
            if (rateLimit != null) {
                pause(now.plus(rateLimit), code, true, request, rateLimit);
            } else if (code >= 500) {
                failuresInARow++;
                if (code == 503 || failuresInARow >= 2) {
                    outagePause = outagePause.isZero() ? FIRST_OUTAGE_PAUSE
                            : min(outagePause.multipliedBy(2), MAX_OUTAGE_PAUSE);
                    pause(now.plus(outagePause), code, false, request, outagePause);
                }
            } else {
                failuresInARow = 0;
                outagePause = Duration.ZERO;
            }
        }
    }

    private void pause(Instant end, int status, boolean limit, Request request, Duration length) {
        if (end.isAfter(until)) {
            until = end;
            pausedStatus = status;
            rateLimited = limit;
            LOG.warn("GitHub answered HTTP {} to {} {}; no request is sent for {}s (until {})", status,
                    request.method(), request.url().encodedPath(), length.toSeconds(), end);
        }
    }

    /** GitHub's rate limit answers, read as GitHubErrors reads them; null for a 403 that is not one (a permission). */
    private Duration rateLimitPause(Response response) throws IOException {
        Duration wait = errors.retryAfter(response.code(), response::header, response.peekBody(4096).string());
        return wait == null || wait.isZero() ? null : wait;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
