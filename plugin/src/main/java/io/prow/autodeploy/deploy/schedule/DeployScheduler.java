package io.prow.autodeploy.deploy.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Re-evaluates a PR when time alone will change its decision (window opens or closes, pacing passes), so a green
 * bump merges at 09:00 sharp with no event. One pending wake-up per key; an earlier one replaces a later one.
 * Time comes from the injected clock; tests read {@link #pending()} instead of waiting.
 */
public final class DeployScheduler implements AutoCloseable {
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Consumer<String> wake;
    private final Map<String, Wakeup> pending = new ConcurrentHashMap<>();

    private record Wakeup(Instant at, ScheduledFuture<?> future) {}

    /** {@code wake} receives the key (e.g. {@code org/repo#12}) when its time comes. */
    public DeployScheduler(Clock clock, Consumer<String> wake) {
        this(clock, wake, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "autodeploy-scheduler");
            t.setDaemon(true);
            return t;
        }));
    }

    /** With the timer given: tests pass one whose tasks they run themselves. */
    DeployScheduler(Clock clock, Consumer<String> wake, ScheduledExecutorService timer) {
        this.clock = clock;
        this.wake = wake;
        this.timer = timer;
    }

    public void wakeAt(String key, Instant at) {
        schedule(key, at, false);
    }

    /**
     * A wake-up no earlier than {@code at}, replacing an earlier pending one: after a rate limit, GitHub said when we
     * may ask again, and a gate's wake-up due sooner must not ask before that.
     */
    public void wakeNotBefore(String key, Instant at) {
        schedule(key, at, true);
    }

    private void schedule(String key, Instant at, boolean notBefore) {
        pending.compute(key, (k, old) -> {
            Wakeup[] mine = new Wakeup[1];
            // Normally the earlier wake-up wins; under a rate limit the later one does.
            if (old != null && !old.future().isDone()
                    && (notBefore ? !old.at().isBefore(at) : !old.at().isAfter(at))) {
                return old;
            }
            if (old != null) {
                old.future().cancel(false);
            }
            // A second late is fine; a second early would re-evaluate just before the gate opens.
            long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 1_000;
            // Removes only its own wake-up: a newer one for the key may have replaced it after it started running.
            // Compared under the key's lock, so this compute has stored mine[0] before the task reads it.
            ScheduledFuture<?> f = timer.schedule(() -> {
                pending.computeIfPresent(k, (same, w) -> w == mine[0] ? null : w);
                wake.accept(k);
            }, delay, TimeUnit.MILLISECONDS);
            mine[0] = new Wakeup(at, f);
            return mine[0];
        });
    }

    /**
     * Fires now every wake-up whose instant has come by the injected clock. Tests move a mutable clock and call
     * this instead of waiting; in production the timer fires them.
     */
    public void runDue() {
        for (var e : new java.util.TreeMap<>(pending).entrySet()) {
            // The wake-up seen due, not whatever a woken key scheduled for this one since (it may not be due).
            Wakeup w = e.getValue();
            if (!w.at().isAfter(clock.instant()) && pending.remove(e.getKey(), w) && w.future().cancel(false)) {
                wake.accept(e.getKey());
            }
        }
    }

    /** Key → instant of the pending wake-up. */
    public java.util.Set<Map.Entry<String, Instant>> pending() {
        Map<String, Instant> out = new java.util.TreeMap<>();
        pending.forEach((k, w) -> out.put(k, w.at()));
        return out.entrySet();
    }

    /** Runs {@code task} every {@code period}, first after {@code initialDelay}. */
    public void every(Duration initialDelay, Duration period, Runnable task) {
        timer.scheduleWithFixedDelay(task, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
