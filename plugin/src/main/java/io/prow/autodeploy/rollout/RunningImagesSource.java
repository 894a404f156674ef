package io.prow.autodeploy.rollout;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.RolloutConfig;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus' answer per repo, cached for {@code rollout.prometheus.cacheTtl} (a failure only 5 s), like the alert
 * gate's cache: a sweep reconciling every PR of a repo asks Prometheus once. Keyed by (url, query), so two repos
 * with the same query share it.
 */
public final class RunningImagesSource {
    private static final Logger LOG = LoggerFactory.getLogger(RunningImagesSource.class);
    static final Duration FAILURE_TTL = Duration.ofSeconds(5);

    /** The one call we need of {@link PrometheusClient}; a seam so tests can fail or count at will. */
    @FunctionalInterface
    public interface Query {
        RunningImages query(URI base, String query, Duration timeout) throws PrometheusException;
    }

    private record Key(URI url, String query) {}

    private record Answer(ImagesAnswer answer, Duration ttl) {}

    private final Query query;
    private final Cache<Key, Answer> cache;
    private final AtomicLong queries = new AtomicLong();
    private volatile Consumer<String> onQuery = result -> { };

    public RunningImagesSource(PrometheusClient client) {
        this(client::query, Ticker.systemTicker());
    }

    public RunningImagesSource(Query query, Ticker ticker) {
        this.query = query;
        this.cache = Caffeine.newBuilder().ticker(ticker).maximumSize(1_000)
                .expireAfter(Expiry.writing((Key k, Answer a) -> a.ttl())).build();
    }

    /** Told "ok" or "error" after each query (the metrics counter). */
    public void onQuery(Consumer<String> listener) {
        this.onQuery = listener;
    }

    /** {@link ImagesAnswer#NOT_ASKED} when the repo has no Prometheus configured. */
    public ImagesAnswer images(RepoConfig config) {
        if (config.rollout().prometheus().isEmpty()) {
            return ImagesAnswer.NOT_ASKED;
        }
        RolloutConfig.Prometheus p = config.rollout().prometheus().get();
        Key key = new Key(p.url(), p.query());
        // Caffeine's get runs the loader once per key while concurrent callers wait for it: one query per TTL.
        return cache.get(key, k -> ask(k, p)).answer();
    }

    public long queries() {
        return queries.get();
    }

    private Answer ask(Key key, RolloutConfig.Prometheus p) {
        queries.incrementAndGet();
        try {
            RunningImages images = query.query(key.url(), key.query(), p.timeout());
            onQuery.accept("ok");
            return new Answer(ImagesAnswer.of(images), p.cacheTtl());
        } catch (PrometheusException | RuntimeException e) {
            LOG.warn("rollout: Prometheus at {} gave no answer: {}", key.url(), e.getMessage());
            onQuery.accept("error");
            Duration ttl = p.cacheTtl().compareTo(FAILURE_TTL) < 0 ? p.cacheTtl() : FAILURE_TTL;
            return new Answer(ImagesAnswer.failed(e.getMessage()), ttl);
        }
    }
}
