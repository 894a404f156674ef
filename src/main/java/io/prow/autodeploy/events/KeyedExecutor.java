package io.prow.autodeploy.events;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded worker pool where tasks with the same key run one at a time, in submission order, and tasks with
 * different keys run in parallel. Keys are {@code org/repo#number}, so events for one PR never race each other.
 * At most {@code capacity} tasks wait or run; beyond that {@link #submit} says no (hook gets a 503 and the periodic
 * reconcile picks up what was missed).
 */
public final class KeyedExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedExecutor.class);

    private final ExecutorService pool;
    private final Semaphore slots;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean closed;

    public KeyedExecutor(int threads, int capacity) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "autodeploy-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, tf);
        this.slots = new Semaphore(capacity);
    }

    public boolean submit(String key, Runnable task) {
        if (closed || !slots.tryAcquire()) {
            return false;
        }
        inFlight.incrementAndGet();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, mine);
        CompletableFuture<Void> start = previous == null ? CompletableFuture.completedFuture(null) : previous;
        start.whenCompleteAsync((ignored, error) -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("task for {} failed", key, e);
            } finally {
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

    public int inFlight() {
        return inFlight.get();
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
}
