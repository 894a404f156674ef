package io.prow.autodeploy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap use over a stretch of the run, from the JVM's own counters. Peak used (the JVM's per-pool peaks, summed:
 * an upper bound that includes garbage not yet collected) says how big the heap got, which depends on how much
 * G1 chose to grow it; the heap used after a full collection at the end says how much was actually live (the
 * old generation after young collections also holds garbage not yet marked, so it is no measure of that). Both
 * cover the whole JVM: the plugin, the bare server and the load generator share it, so they overstate the plugin.
 */
final class HeapWatch implements AutoCloseable {
    record Heap(long peakUsedBytes, long liveAfterFullGcBytes, long maxCommittedBytes, long maxHeapBytes) {}

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final AtomicLong committed = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-heap-sampler");
        t.setDaemon(true);
        return t;
    });

    HeapWatch() {
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        committed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted(), Math::max);
    }

    Heap stop() {
        sampler.shutdownNow();
        sample();
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc(); // a full collection (G1 default), so what remains is what is live
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Heap(peak, live, committed.get(), Runtime.getRuntime().maxMemory());
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
