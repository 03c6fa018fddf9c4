package dev.herald.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the resume-mode clients of one {@link LoadClients} process counted, over all of them. */
final class ResumeCounts {
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong withPosition = new AtomicLong();
    final AtomicLong resumed = new AtomicLong();
    final AtomicLong resyncs = new AtomicLong();
    final AtomicLong refetches = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    /** {@code $resync}s by their reason. */
    final Map<String, AtomicLong> resyncReasons = new ConcurrentHashMap<>();
    /** Reconnects with a position still waiting for {@code $resumed} or {@code $resync}. */
    final AtomicLong awaiting = new AtomicLong();

    /** {@code reason=count} for each {@code $resync} reason, or {@code none}. */
    String reasons() {
        Map<String, Long> sorted = new TreeMap<>();
        resyncReasons.forEach((reason, count) -> sorted.put(reason, count.get()));
        return sorted.isEmpty() ? "none" : sorted.toString();
    }

    /** {@code reconnects withPosition resumed resyncs refetches lost duplicates events awaiting}. */
    @Override
    public String toString() {
        return reconnects + " " + withPosition + " " + resumed + " " + resyncs + " " + refetches + " " + lost + " "
                + duplicates + " " + events + " " + awaiting;
    }
}
