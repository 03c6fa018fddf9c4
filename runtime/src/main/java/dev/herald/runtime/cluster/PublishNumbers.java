package dev.herald.runtime.cluster;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For broker adapters: numbers this node's publishes and remembers which ones it counted as lost
 * (failed, or unanswered when the connection broke). A broker may still have appended such a
 * publish (it ran just before the connection died, or a library sent it again after reconnecting);
 * when this node reads it back it must skip it, since its clients get {@code $resync} for it
 * already and delivering it late would break their emit order.
 *
 * <p>Threading: every method may be called from any thread (emitting threads, the broker library's
 * callbacks, the reader).
 */
public final class PublishNumbers {
    /** Lost numbers remembered at most; a publish lost longer ago is not expected back. */
    static final int MAX_REMEMBERED = 100_000;

    private final AtomicLong last = new AtomicLong();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<Long> lost = ConcurrentHashMap.newKeySet();

    /** The number of a publish about to go out, in flight until {@link #acknowledged} or {@link #failed}. */
    public long begin() {
        long number = last.incrementAndGet();
        inFlight.add(number);
        return number;
    }

    /** The broker appended it. */
    public void acknowledged(long number) {
        inFlight.remove(number);
    }

    /** It failed: returns whether it is newly counted as lost (false when the connection's loss counted it). */
    public boolean failed(long number) {
        if (!inFlight.remove(number)) {
            return false;
        }
        remember(number);
        return true;
    }

    /** The connection broke: every publish still in flight counts as lost; returns how many. */
    public long failAllInFlight() {
        long count = 0;
        for (Iterator<Long> numbers = inFlight.iterator(); numbers.hasNext(); ) {
            Long number = numbers.next();
            if (inFlight.remove(number)) {
                remember(number);
                count++;
            }
        }
        return count;
    }

    /** Whether this node's publish {@code number}, read back from the stream, was counted as lost (then skip it). */
    public boolean countedLost(long number) {
        return lost.remove(number);
    }

    private void remember(long number) {
        if (lost.size() >= MAX_REMEMBERED) {
            lost.clear(); // long gone; what is still on its way is rarer than this many losses
        }
        lost.add(number);
    }
}
