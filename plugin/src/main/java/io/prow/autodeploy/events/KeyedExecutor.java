package io.prow.autodeploy.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A bounded worker pool where tasks with the same key run one at a time, in submission order, and tasks with
 * different keys run in parallel. The key is a string the caller chooses; today there are three kinds:
 * {@code org/repo#number} (a PR's events, its timed wake-ups, its recovered commands), {@code org/repo} (pushes to
 * the base branch, the periodic sweep, releasing a dropped repo) and {@code org/repo@sha} (a status or check for a
 * SHA not yet known to be an autobump PR's head). Lanes of one PR and of its repo can therefore run at once:
 * {@code DeployReconciler}'s lock per PR, not this executor, keeps their reads and writes from interleaving.
 * At most {@code capacity} tasks wait or run; beyond that {@link #submit} says no (hook gets a 503 and the periodic
 * reconcile picks up what was missed).
 *
 * <p>Whatever a task throws (an {@link Error} too) is logged with Prow's fields for the key ({@code org},
 * {@code repo}, {@code pr}), counted, and the lane goes on with its next task. {@link #stalledFor} tells readiness
 * when work waits and nothing has started or finished for a while: a wedged pool.
 */
public final class KeyedExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedExecutor.class);

    private final ExecutorService pool;
    private final Semaphore slots;
    private final Clock clock;
    private final Runnable onFailure;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** When a task last started or finished, or work arrived at an idle pool. */
    private final AtomicReference<Instant> lastProgress;
    private final Object idle = new Object();
    private volatile boolean closed;

    public KeyedExecutor(int threads, int capacity) {
        this(threads, capacity, Clock.systemUTC(), () -> {});
    }

    /** {@code onFailure}: called once per task that threw (a metric counts it). */
    public KeyedExecutor(int threads, int capacity, Clock clock, Runnable onFailure) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "autodeploy-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, tf);
        this.slots = new Semaphore(capacity);
        this.clock = clock;
        this.onFailure = onFailure;
        this.lastProgress = new AtomicReference<>(clock.instant());
    }

    public boolean submit(String key, Runnable task) {
        if (closed || !slots.tryAcquire()) {
            return false;
        }
        if (inFlight.getAndIncrement() == 0) {
            lastProgress.set(clock.instant());
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, mine);
        CompletableFuture<Void> start = previous == null ? CompletableFuture.completedFuture(null) : previous;
        start.whenCompleteAsync((ignored, error) -> {
            lastProgress.set(clock.instant());
            try {
                task.run();
            } catch (Throwable e) {
                failed(key, e);
            } finally {
                lastProgress.set(clock.instant());
                tails.remove(key, mine);
                slots.release();
                mine.complete(null);
                if (inFlight.decrementAndGet() == 0) {
                    synchronized (idle) {
                        idle.notifyAll();
                    }
                }
            }
        }, pool);
        return true;
    }

    /** Never lets a failure pass silently; never throws itself, so the lane's next task always runs. */
    private void failed(String key, Throwable e) {
        try {
            onFailure.run();
        } catch (RuntimeException metricsBroken) {
            // The log line below still says what happened.
        }
        try (var fields = LogFields.of(key)) {
            LOG.error("work item {} failed: {}", key, e.toString(), e);
        } catch (RuntimeException | LinkageError logBroken) {
            // Nothing left to tell; the worker thread must survive.
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    /**
     * How long work has been waiting with no task starting or finishing; empty when the pool is idle or moving.
     * A pool whose every worker is stuck (a hung call, a deadlock) shows here while the HTTP side still answers.
     */
    public Optional<Duration> stalledFor() {
        if (inFlight.get() == 0) {
            return Optional.empty();
        }
        Duration since = Duration.between(lastProgress.get(), clock.instant());
        return since.isNegative() || since.isZero() ? Optional.empty() : Optional.of(since);
    }

    /** Waits until no task is queued or running; for tests and graceful shutdown. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    /** Refuses new work, lets queued work finish within {@code grace}. */
    public void shutdown(Duration grace) throws InterruptedException {
        closed = true;
        awaitIdle(grace);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
    }

    /** Prow's log fields (pkg/github/types.go: org, repo, pr) for a key {@code org/repo}, {@code #n} or {@code @sha}. */
    static final class LogFields implements AutoCloseable {
        private final String[] keys;

        private LogFields(String... keys) {
            this.keys = keys;
        }

        static LogFields of(String key) {
            int slash = key.indexOf('/');
            if (slash < 0) {
                return new LogFields();
            }
            int end = key.length();
            String pr = null;
            int hash = key.indexOf('#', slash);
            int at = key.indexOf('@', slash);
            if (hash >= 0) {
                end = hash;
                pr = key.substring(hash + 1);
            } else if (at >= 0) {
                end = at;
            }
            MDC.put("org", key.substring(0, slash));
            MDC.put("repo", key.substring(slash + 1, end));
            if (pr == null) {
                return new LogFields("org", "repo");
            }
            MDC.put("pr", pr);
            return new LogFields("org", "repo", "pr");
        }

        @Override
        public void close() {
            for (String k : keys) {
                MDC.remove(k);
            }
        }
    }
}
