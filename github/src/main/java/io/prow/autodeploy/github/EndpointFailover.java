package io.prow.autodeploy.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --github-endpoint} given several times (k8s.io's hook lists ghproxy, then api.github.com): every request is
 * built against the first endpoint and sent to the one in use; on a connection error it moves to the next.
 *
 * <p>Prow's client (kubernetes-sigs/prow {@code pkg/github/client.go}, {@code requestRetryWithContext}) starts every
 * request at the first base ({@code hostIndex} is a local variable), and on any transport error (not an HTTP status,
 * not a cancelled context, not an Apps auth error) moves to {@code (hostIndex + 1) % len(bases)}, sleeping an
 * exponential backoff, logging each move at debug level. We differ on purpose in two ways: (1) the endpoint that
 * answered stays in use, so while ghproxy is down each request does not first wait for its connect timeout; the first
 * endpoint is tried again {@link #RECHECK_AFTER} after the switch, and used again as soon as it answers (that is what
 * "recovered" means: it answered an HTTP request, whatever the status); (2) a write moves on only when the connection
 * was never made (refused, unknown host, no route, connect timeout), so a POST that may have reached GitHub is not
 * sent twice; a read moves on after any connection error (reset, read timeout too). HTTP statuses never move it:
 * a 5xx from ghproxy is GitHub's answer, and our retries handle it. Each switch is logged once.
 */
final class EndpointFailover implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointFailover.class);
    static final Duration RECHECK_AFTER = Duration.ofSeconds(60);

    private final List<HttpUrl> endpoints;
    private final Clock clock;
    private int active;
    private Instant switchedAt = Instant.MIN;

    EndpointFailover(List<HttpUrl> endpoints, Clock clock) {
        this.endpoints = List.copyOf(endpoints);
        this.clock = clock;
    }

    /** The endpoint requests go to now. */
    synchronized HttpUrl active() {
        return endpoints.get(active);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String url = request.url().toString();
        String primary = base(endpoints.get(0));
        if (endpoints.size() == 1 || !url.startsWith(primary)) {
            return chain.proceed(request);
        }
        int start = startIndex();
        IOException last = null;
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (start + i) % endpoints.size();
            HttpUrl target = HttpUrl.get(base(endpoints.get(index)) + url.substring(primary.length()));
            try {
                Response response = chain.proceed(request.newBuilder().url(target).build());
                answered(index, last);
                return response;
            } catch (IOException e) {
                if (!movesOn(request.method(), e)) {
                    throw e;
                }
                last = e;
            }
        }
        failedEverywhere();
        throw last;
    }

    /** The endpoint without a trailing slash, so that {@code /api/v3} and {@code /} bases swap cleanly. */
    private static String base(HttpUrl endpoint) {
        return endpoint.toString().replaceAll("/+$", "");
    }

    /** The endpoint in use, or the first again once {@link #RECHECK_AFTER} has passed since we left it. */
    private synchronized int startIndex() {
        return active != 0 && !clock.instant().isBefore(switchedAt.plus(RECHECK_AFTER)) ? 0 : active;
    }

    private synchronized void answered(int index, IOException failure) {
        if (index == active) {
            if (failure != null) {
                switchedAt = clock.instant(); // the re-check of the first endpoint failed: next one in an interval
            }
            return;
        }
        HttpUrl from = endpoints.get(active);
        active = index;
        switchedAt = clock.instant();
        if (index == 0) {
            LOG.info("GitHub endpoint {} answers again: using it instead of {}", endpoints.get(0), from);
        } else {
            LOG.warn("GitHub endpoint {} unreachable ({}): using {}; the first endpoint is tried again every {}s",
                    from, failure == null ? "?" : failure.getClass().getSimpleName(), endpoints.get(index),
                    RECHECK_AFTER.toSeconds());
        }
    }

    /** A failed re-check of the first endpoint keeps the current one; it is tried again after another interval. */
    private synchronized void failedEverywhere() {
        switchedAt = clock.instant();
    }

    /** Connection errors move to the next endpoint; a write only when the request cannot have been sent. */
    static boolean movesOn(String method, IOException e) {
        boolean neverSent = e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException
                || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT)
                .contains("connect"));
        if (neverSent) {
            return true;
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        return read && !"Canceled".equals(e.getMessage()); // a call we cancelled ourselves is not the endpoint's fault
    }
}
