package dev.herald.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link LoadClients} received. Each load event carries its kind and emit time in its path:
 * {@code /l/<nanoTime>} for the fixed-rate phase (latency recorded), {@code /s/<nanoTime>} for the
 * saturation burst (only counted, with the time of the last one). Thread-safe: recorded by the
 * clients' thread, read by the thread that answers commands.
 */
final class LoadFrames {
    /** Latency histogram resolution and range: 10 µs buckets up to 30 s, longer ones in the last. */
    private static final long BUCKET_NANOS = 10_000;

    private static final int BUCKETS = 3_000_000;

    private final AtomicIntegerArray histogram = new AtomicIntegerArray(BUCKETS);
    private final AtomicLong latencyFrames = new AtomicLong();
    private final AtomicLong maxLatencyNanos = new AtomicLong();
    private final AtomicLong burstFrames = new AtomicLong();
    private final AtomicLong lastBurstNanos = new AtomicLong();
    private final AtomicLong otherFrames = new AtomicLong();

    /** A fixed-rate frame that took {@code latencyNanos} from emit to here. */
    void latency(long latencyNanos) {
        long latency = Math.max(0, latencyNanos);
        histogram.incrementAndGet((int) Math.min(BUCKETS - 1, latency / BUCKET_NANOS));
        maxLatencyNanos.accumulateAndGet(latency, Math::max);
        latencyFrames.incrementAndGet();
    }

    /** A saturation-burst frame received at {@code nanoTime}. */
    void burst(long nanoTime) {
        lastBurstNanos.accumulateAndGet(nanoTime, Math::max);
        burstFrames.incrementAndGet();
    }

    /** A frame that is not a load event ({@code $resync}, for one). */
    void other() {
        otherFrames.incrementAndGet();
    }

    /** {@code <latency frames> <burst frames> <nanoTime of the last burst frame> <other frames>}. */
    String counts() {
        return latencyFrames.get() + " " + burstFrames.get() + " " + lastBurstNanos.get() + " " + otherFrames.get();
    }

    /** Forgets the latencies recorded so far: the next summary is of what comes from now on. */
    void resetLatencies() {
        for (int i = 0; i < BUCKETS; i++) {
            histogram.set(i, 0);
        }
        latencyFrames.set(0);
        maxLatencyNanos.set(0);
    }

    /** {@code <p50 µs> <p99 µs> <max µs>}; a percentile is the upper edge of its 10 µs bucket. */
    String latencies() {
        return percentileMicros(0.50) + " " + percentileMicros(0.99) + " " + maxLatencyNanos.get() / 1000;
    }

    private long percentileMicros(double p) {
        long total = latencyFrames.get();
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += histogram.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1000;
            }
        }
        return 0;
    }
}
