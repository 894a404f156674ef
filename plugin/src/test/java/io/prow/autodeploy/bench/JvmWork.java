package io.prow.autodeploy.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * What the JVM did over a stretch: bytes allocated by live threads and garbage collections. Taken around each
 * side's rounds, it tells whether a latency tail comes from GC (pauses stop every thread, the pacer included:
 * then the generator's send lag grows too) and what one request allocates.
 */
record JvmWork(long allocatedBytes, long gcCount, long gcMillis) {
    static JvmWork now() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds()))
                .filter(b -> b > 0).sum();
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new JvmWork(allocated, count, millis);
    }

    JvmWork plus(JvmWork o) {
        return new JvmWork(allocatedBytes + o.allocatedBytes, gcCount + o.gcCount, gcMillis + o.gcMillis);
    }

    JvmWork minus(JvmWork o) {
        return new JvmWork(allocatedBytes - o.allocatedBytes, gcCount - o.gcCount, gcMillis - o.gcMillis);
    }
}
