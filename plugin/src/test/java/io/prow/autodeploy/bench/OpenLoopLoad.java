package io.prow.autodeploy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load at a fixed rate. Request {@code i} is due at {@code start + i·period} whatever happened to the
 * ones before it, and its latency is measured from that due time, not from when it actually went out: a stall on
 * either side is charged to every request it delayed (no coordinated omission). Sends are asynchronous
 * ({@link HttpClient#sendAsync}), so a slow answer never holds back the next send.
 */
final class OpenLoopLoad implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-pacer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger guid = new AtomicInteger();

    /**
     * Latencies (ns, from the due time), HTTP statuses (-1 where no answer came), and how late each send left
     * (the generator's own lag: when it is large, the figures measure the load generator, not the server).
     */
    record Run(long[] latencyNanos, int[] status, long[] sendLagNanos) {
        long non200() {
            return java.util.Arrays.stream(status).filter(s -> s != 200).count();
        }
    }

    /** Sends {@code perSecond × length} requests cycling through {@code events}; returns when all are answered. */
    Run run(URI hook, List<SignedEvent> events, int perSecond, Duration length) throws Exception {
        int n = (int) (perSecond * length.toMillis() / 1000);
        long period = 1_000_000_000L / perSecond;
        long[] latency = new long[n];
        int[] status = new int[n];
        long[] lag = new long[n];
        CompletableFuture<?>[] answered = new CompletableFuture<?>[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch allSent = new CountDownLatch(1);
        long start = System.nanoTime() + period;
        // The executor runs the task at its fixed-rate due times (catching up after a pause); we compute the due
        // time from the index ourselves, so a late run is measured as late.
        ScheduledFuture<?> ticking = pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= n) {
                return;
            }
            long due = start + i * period;
            lag[i] = System.nanoTime() - due;
            SignedEvent e = events.get(i % events.size());
            answered[i] = http.sendAsync(e.request(hook, "bench-" + guid.incrementAndGet()),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((r, error) -> {
                        latency[i] = System.nanoTime() - due;
                        status[i] = r == null ? -1 : r.statusCode();
                    });
            if (i == n - 1) {
                allSent.countDown();
            }
        }, period, period, TimeUnit.NANOSECONDS);
        try {
            if (!allSent.await(length.toSeconds() * 3 + 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the pacer fell behind: not all requests were sent in time");
            }
        } finally {
            ticking.cancel(false);
        }
        CompletableFuture.allOf(answered).exceptionally(error -> null).get(30, TimeUnit.SECONDS);
        return new Run(latency, status, lag);
    }

    @Override
    public void close() {
        pacer.shutdownNow();
    }
}
