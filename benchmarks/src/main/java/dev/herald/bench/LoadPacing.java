package dev.herald.bench;

import dev.herald.seed.fs.FsCreated;
import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/** What the load tools share: events at a fixed rate that carry their emit time, and the heap after GC. */
final class LoadPacing {
    private LoadPacing() {}

    /**
     * Calls {@code emit} with 0, 1, 2, ... {@code rate} times a second for {@code seconds}, each at
     * its due time from the start (a late one goes at once; none is skipped, so a slow emit shows
     * as latency, not as fewer events).
     */
    static void atFixedRate(int rate, int seconds, IntConsumer emit) {
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int seq = 0; seq < rate * seconds; seq++) {
            long due = start + seq * intervalNanos;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            emit.accept(seq);
        }
    }

    /**
     * An event whose path carries its emit time, {@code /l/<nanoTime><tail>}: {@link LoadClients}
     * reads it to record the latency (one machine, one monotonic clock).
     */
    static FsCreated timedEvent(String tail) {
        return new FsCreated("asset-load", "/l/" + System.nanoTime() + tail, false);
    }

    /** Heap in use after a few full collections. */
    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
