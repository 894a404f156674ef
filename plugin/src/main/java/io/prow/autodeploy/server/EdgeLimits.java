package io.prow.autodeploy.server;

import java.time.Duration;

/**
 * What one client may cost the main port: how long reading a webhook body may take, how many requests of each
 * kind are served at once (webhooks keep their own share, so a flood on the page cannot starve hook, nor the other
 * way round), and after how long a worker pool that makes no progress counts as wedged.
 *
 * @param bodyReadTimeout    the whole body of a webhook must arrive within this (25 MB in 10 s is 2.5 MB/s, far
 *                           below a cluster network); a slower upload is cut off with 408
 * <p>Jetty's minimum request data rate is not used: Jetty 12 (ee10) checks it on every read including the one
 * that finds the end of a 2-byte body a millisecond later, and refuses small bodies with 408.
 *
 * @param webhookRequests    webhook requests ({@code POST /hook}, {@code POST /}) served at once; more get 503
 * @param otherRequests      every other request on the main port served at once; more get 503
 * @param stalledAfter       work waiting with no task starting or finishing this long: not ready (3x: not live)
 */
public record EdgeLimits(Duration bodyReadTimeout, int webhookRequests, int otherRequests, Duration stalledAfter) {
    public EdgeLimits {
        if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero() || webhookRequests < 1 || otherRequests < 1
                || stalledAfter.isNegative() || stalledAfter.isZero()) {
            throw new IllegalArgumentException("edge limits must be positive: " + this);
        }
    }

    /** Jetty's default pool has 250 threads: 64 + 32 leave the rest for Jetty itself and the other ports' work. */
    public static EdgeLimits defaults() {
        return new EdgeLimits(Duration.ofSeconds(10), 64, 32, Duration.ofMinutes(5));
    }

    public EdgeLimits withBodyReadTimeout(Duration d) {
        return new EdgeLimits(d, webhookRequests, otherRequests, stalledAfter);
    }

    public EdgeLimits withRequests(int webhooks, int others) {
        return new EdgeLimits(bodyReadTimeout, webhooks, others, stalledAfter);
    }
}
