package dev.herald.it.ws;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The heap a test's objects hold: used heap after full collections, for bounds on what a burst leaves. */
final class HeapMeter {
    private HeapMeter() {}

    /** Used heap after collecting until it stops shrinking (a few full GCs). */
    static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used - (64 << 10)) {
                return Math.min(used, now);
            }
            used = now;
        }
        return used;
    }
}
