package io.prow.autodeploy.alerts;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.prow.autodeploy.config.RepoConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert state a deploy decision reads. Answers are cached per (url, matchers) for the repo's
 * {@code cacheTtl}, so a burst of GitHub events costs one Alertmanager query; concurrent callers for the
 * same key wait for the one query in flight instead of each sending their own.
 *
 * <p>{@code UNKNOWN} is cached too, but only for {@code min(cacheTtl, unknownTtl)} (5 s by default): not caching
 * it would make every event of a burst wait the full timeout against a dead Alertmanager (and hammer one that is
 * recovering), while caching it as long as a good answer would keep deploys blocked (or, with
 * {@code onUnreachable: open}, unguarded) for a whole TTL after Alertmanager is back.
 */
public final class AlertSource {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSource.class);
    public static final Duration DEFAULT_UNKNOWN_TTL = Duration.ofSeconds(5);

    /** The one thing we need of {@link AlertmanagerClient}; a seam so tests can fail or count at will. */
    @FunctionalInterface
    public interface Query {
        List<AlertState.FiringAlert> firing(URI base, List<String> matchers, Duration timeout)
                throws AlertmanagerException;
    }

    private record Key(URI url, List<String> matchers) {}

    /** A cached answer and how long it may be reused. */
    private record Answer(AlertState state, Duration ttl) {}

    private static final Comparator<AlertState.FiringAlert> OLDEST_FIRST =
            Comparator.comparing(AlertState.FiringAlert::startsAt)
                    .thenComparing(AlertState.FiringAlert::name)
                    .thenComparing(AlertState.FiringAlert::fingerprint);

    private final Query query;
    private final Duration unknownTtl;
    private final AsyncCache<Key, Answer> cache;
    private final AtomicLong queries = new AtomicLong();

    public AlertSource(AlertmanagerClient client) {
        this(client::firing, Ticker.systemTicker(), DEFAULT_UNKNOWN_TTL);
    }

    public AlertSource(Query query, Ticker ticker, Duration unknownTtl) {
        this.query = query;
        this.unknownTtl = unknownTtl;
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(1_000) // one entry per distinct (url, matchers); a bound in case configs churn
                .expireAfter(Expiry.writing((Key k, Answer a) -> a.ttl()))
                .buildAsync();
    }

    /** DISABLED without a url; otherwise QUIET, FIRING (oldest first) or UNKNOWN, possibly from the cache. */
    public AlertState state(RepoConfig config) {
        RepoConfig.Alerts alerts = config.alerts();
        if (alerts.url().isEmpty()) {
            return AlertState.disabled();
        }
        Key key = new Key(alerts.url().get(), List.copyOf(alerts.matchers()));
        // The caller that installs the empty future runs the query on its own thread, outside Caffeine's
        // per-key lock; everyone else arriving meanwhile gets the same future and waits for that one query.
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> shared = cache.get(key, (k, executor) -> mine);
        if (shared == mine) {
            try {
                mine.complete(ask(key, alerts));
            } catch (Throwable t) { // ask() catches what it can; this only keeps waiters from hanging on an Error
                mine.completeExceptionally(t);
                throw t;
            }
        }
        return shared.join().state();
    }

    /** Forget every cached answer; a webhook notification means Alertmanager's view just changed. */
    public void invalidate() {
        cache.synchronous().invalidateAll();
    }

    /** How many times Alertmanager has been asked (cache misses), for tests and metrics. */
    public long queries() {
        return queries.get();
    }

    private Answer ask(Key key, RepoConfig.Alerts alerts) {
        queries.incrementAndGet();
        try {
            List<AlertState.FiringAlert> firing = query.firing(key.url(), key.matchers(), alerts.timeout());
            AlertState state = firing.isEmpty() ? AlertState.quiet()
                    : AlertState.firing(firing.stream().sorted(OLDEST_FIRST).toList());
            return new Answer(state, alerts.cacheTtl());
        } catch (AlertmanagerException | RuntimeException e) {
            // Never let the shared future fail or stay incomplete: waiters would hang or see an exception.
            LOG.warn("alert state unknown for {} {}: {}", key.url(), key.matchers(), e.getMessage());
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            Duration ttl = alerts.cacheTtl().compareTo(unknownTtl) < 0 ? alerts.cacheTtl() : unknownTtl;
            return new Answer(AlertState.unknown(error), ttl);
        }
    }
}
