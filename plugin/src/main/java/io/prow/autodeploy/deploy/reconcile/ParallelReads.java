package io.prow.autodeploy.deploy.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Reads of one decision that do not depend on each other (the files, the deploy history, the ledger and checks),
 * made side by side: a decision's latency is its longest chain of requests, not their sum (issue 16: event to write
 * p99; GitHub answers in 100-300 ms, so a decision of seven sequential reads took one to two seconds). One scope per
 * decision; {@link #close} waits for every read it started, so nothing of a failed decision runs on after it (a
 * retry or a test sees a quiet GitHub). Bounded: at most {@link #THREADS} reads run on the pool at once, JVM-wide;
 * beyond that a read runs on the decision's own thread, so a decision never waits for a free thread. The logging
 * context (PR, repo, delivery) goes with each read.
 */
final class ParallelReads implements AutoCloseable {
    static final int THREADS = 8;
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = pool(THREADS);

    private final List<CompletableFuture<?>> started = new ArrayList<>();
    private final Executor pool;

    ParallelReads() {
        this(POOL);
    }

    /** On {@code pool} (tests: one of a known size, see {@link #pool}). */
    ParallelReads(Executor pool) {
        this.pool = pool;
    }

    /** At most {@code threads} at once, idle ones gone after 30 s; beyond that the caller runs the read. */
    static ThreadPoolExecutor pool(int threads) {
        return new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "github-read-" + NAMES.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Starts {@code read} beside the caller; its result or exception comes from {@link #join}. */
    <T> CompletableFuture<T> start(Supplier<T> read) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            setContext(context);
            try {
                return read.get();
            } finally {
                setContext(before);
            }
        }, pool);
        started.add(f);
        return f;
    }

    /** The read's result; its exception (a GitHubException) as thrown, not wrapped. */
    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Waits for every read started here, whatever it ended with. */
    @Override
    public void close() {
        for (CompletableFuture<?> f : started) {
            try {
                f.join();
            } catch (RuntimeException ignored) {
                // Its failure, if it matters, was thrown by join(f); here we only wait.
            }
        }
    }

    private static void setContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
