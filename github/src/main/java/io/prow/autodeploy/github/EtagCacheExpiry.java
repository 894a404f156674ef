package io.prow.autodeploy.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Cache;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Forgets ETag cache entries nobody asked for in {@link #MAX_IDLE}: the head SHAs of closed PRs, the files and
 * comments of PRs long merged. OkHttp's cache is bounded in bytes only, so without this its entry count grows with
 * every PR and SHA the plugin ever read (issue 16: 15 to 64 entries over a week). Time comes from the plugin's
 * clock; the scan runs at most once per {@link #SCAN_EVERY}, on the request thread that finds it due (a walk over
 * the cache's URLs, no request). An entry dropped too early only costs one charged read later.
 */
final class EtagCacheExpiry implements Interceptor {
    static final Duration MAX_IDLE = Duration.ofDays(1);
    static final Duration SCAN_EVERY = Duration.ofHours(1);

    private final Cache cache;
    private final Clock clock;
    // URL -> last use; pruned to the cache's own URLs at each scan, so it is as bounded as the cache.
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private volatile Instant nextScan;

    EtagCacheExpiry(Cache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
        this.nextScan = clock.instant().plus(SCAN_EVERY);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Instant now = clock.instant();
        if ("GET".equals(chain.request().method())) {
            lastUsed.put(chain.request().url().toString(), now);
        }
        if (!now.isBefore(nextScan)) {
            expire(now);
        }
        return chain.proceed(chain.request());
    }

    /** Removes entries idle longer than {@link #MAX_IDLE}; an entry never seen since start counts from now. */
    synchronized void expire(Instant now) {
        if (now.isBefore(nextScan)) {
            return;
        }
        nextScan = now.plus(SCAN_EVERY);
        Set<String> cached = new HashSet<>();
        try {
            for (Iterator<String> it = cache.urls(); it.hasNext(); ) {
                String url = it.next();
                Instant used = lastUsed.putIfAbsent(url, now);
                if (used != null && used.plus(MAX_IDLE).isBefore(now)) {
                    it.remove();
                    lastUsed.remove(url);
                } else {
                    cached.add(url);
                }
            }
        } catch (IOException e) {
            return; // the cache is unreadable: OkHttp then answers without it; nothing to expire
        }
        lastUsed.keySet().retainAll(cached);
    }

    int tracked() {
        return lastUsed.size();
    }
}
