package dev.herald.runtime.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For broker adapters: counts the envelopes this node could not publish, and runs the adapter's
 * repair (reconnect, then tell the other nodes how many were lost, so that they send {@code
 * $resync}) on a thread of its own, again after a growing pause until it succeeds.
 *
 * <p>Threading: {@link #lost} and {@link #repairSoon} may come from any thread (emitting threads,
 * the broker library's threads) and never block; repairs run one at a time on the reporter's
 * thread, which is the only one that runs them.
 */
public final class LossReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LossReporter.class);
    private static final long MIN_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 2000;

    /** The adapter's side: bring the broker back and report {@code lost} envelopes when above 0. */
    @FunctionalInterface
    public interface Repair {
        /** Returns when done; throws when the broker is not back yet (tried again later). */
        void run(long lost) throws Exception;
    }

    private final String broker;
    private final Repair repair;
    private final ScheduledExecutorService thread;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong lostSinceStart = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private long backoffMillis = MIN_BACKOFF_MILLIS; // reporter thread only
    private volatile boolean closed;

    /**
     * @param broker the broker's name for the log ("Redis", "NATS")
     * @param threadName the name of the reporter's thread
     */
    public LossReporter(String broker, String threadName, Repair repair) {
        this.broker = broker;
        this.repair = repair;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread named = new Thread(r, threadName);
            named.setDaemon(true);
            return named;
        });
    }

    /**
     * Counts envelopes that did not reach the broker and schedules a repair. The first of an
     * outage is logged.
     *
     * @param cause what failed, or null
     */
    public void lost(long envelopes, Throwable cause) {
        if (closed) {
            return;
        }
        lostSinceStart.addAndGet(envelopes);
        if (lost.getAndAdd(envelopes) == 0) {
            LOG.warn(
                    "Could not publish to {} ({}): local clients still get local events, the other nodes get"
                            + " $resync once {} is back",
                    broker,
                    cause == null ? "not connected" : cause.toString(),
                    broker);
        }
        repairSoon();
    }

    /** Schedules a repair now (unless one is pending), for example after a reconnect. */
    public void repairSoon() {
        schedule(0);
    }

    /** Envelopes lost since start, reported or not. */
    public long total() {
        return lostSinceStart.get();
    }

    /** Envelopes lost and not yet reported. */
    public long pending() {
        return lost.get();
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lost.get() > 0) {
            LOG.warn("Closed with {} envelopes the other nodes never heard of", lost.get());
        }
    }

    private void schedule(long delayMillis) {
        if (!closed && scheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::runRepair, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) { // shut down by close() meanwhile
                scheduled.set(false);
            }
        }
    }

    private void runRepair() {
        scheduled.set(false); // what fails from now on schedules another round
        if (closed) {
            return;
        }
        long missed = lost.get();
        try {
            repair.run(missed);
        } catch (Exception e) {
            if (closed) {
                return;
            }
            LOG.debug("{} is not back yet; next try in {} ms", broker, backoffMillis, e);
            long delay = backoffMillis;
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            schedule(delay);
            return;
        }
        backoffMillis = MIN_BACKOFF_MILLIS;
        if (missed > 0) {
            lost.addAndGet(-missed);
            LOG.info("Back on {}; told the other nodes that {} envelopes of this node were lost", broker, missed);
        }
    }
}
