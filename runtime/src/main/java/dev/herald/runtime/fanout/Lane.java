package dev.herald.runtime.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fan-out thread, its hand-off queue and the connections it serves. Its thread alone writes
 * the state of its connections (see {@link FanOut} for the threading rules).
 *
 * @param <F> the transport's frame form
 */
final class Lane<F> {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    private final FanOut<F> core;
    private final Duration sweepInterval;
    final BlockingQueue<Frame<F>> handoff;
    final CopyOnWriteArrayList<Connection<F>> connections = new CopyOnWriteArrayList<>();
    /**
     * Connections admitted and not yet given their replay: added under the core's sequencer lock,
     * moved to {@link #connections} by this lane's thread (added there before they leave here, so
     * the lane is never seen empty while one joins).
     */
    final Queue<Connection<F>> joining = new ConcurrentLinkedQueue<>();
    /** Events were lost for every connection of the lane (a full hand-off, a gap between nodes). */
    final AtomicReference<Missed> everyoneMissed = new AtomicReference<>();
    /** The newest frame handed to this lane; written under the core's sequencer lock. */
    Frame.Mark handedOff;

    /**
     * What every connection of the lane missed, and the newest frame handed to the lane before: the
     * lane tells its connections once it has delivered that frame, not ahead of it.
     */
    record Missed(ResyncCause cause, Frame.Mark after) {}
    /** Where the newest frame this lane delivered stands, {@code null} before the first; this lane's thread only. */
    Frame.Mark delivered;
    /** The wire forms of one connection's share of a batch; reused, this lane's thread only. */
    final List<F> wires = new ArrayList<>();

    /** Offered to wake the thread; never delivered. */
    private final Frame<F> wake = new Frame<>(null, null, new byte[0], null, new Frame.Mark("wake", 0, 0), 0);

    final Thread thread;
    volatile long sweeps;

    Lane(FanOut<F> core, int index, int handoffCapacity, Duration sweepInterval) {
        this.core = core;
        this.sweepInterval = sweepInterval;
        this.handoff = new ArrayBlockingQueue<>(handoffCapacity);
        thread = new Thread(this::run, "herald-fanout-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long sweepNanos = sweepInterval.toNanos();
        long nextSweep = System.nanoTime() + sweepNanos;
        List<Frame<F>> batch = new ArrayList<>();
        while (!core.isClosed()) {
            try {
                Frame<F> frame = handoff.poll(Math.max(1, nextSweep - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame != null) {
                    batch.add(frame);
                    handoff.drainTo(batch, 1023);
                }
                // Before the batch: whoever joined before it was taken skips its frames up to its join.
                join();
                batch.removeIf(taken -> taken == wake);
                if (!batch.isEmpty()) {
                    try {
                        deliver(batch);
                    } finally {
                        batch.forEach(core::release);
                        batch.clear();
                    }
                }
                Missed missed = everyoneMissed.get();
                if (missed != null
                        && (missed.after() == null
                                || (delivered != null && !missed.after().isAfter(delivered)))
                        && everyoneMissed.compareAndSet(missed, null)) {
                    connections.forEach(connection -> connection.missedEvents(missed.cause()));
                }
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep();
                    nextSweep = System.nanoTime() + sweepNanos;
                }
            } catch (InterruptedException e) {
                if (core.isClosed()) {
                    return;
                }
            } catch (RuntimeException e) {
                core.anomalies().log("fan-out failures", "Fan-out failed; continuing", line -> LOG.error(line, e));
            }
        }
    }

    /** Wakes the lane's thread for a joining connection; a full hand-off has it awake anyway. */
    void wake() {
        handoff.offer(wake);
    }

    /**
     * Whether no connection is here or joining. Reads {@link #joining} first: a joiner is added to
     * {@link #connections} before it leaves {@code joining}, so one seen gone from {@code joining}
     * is already in {@code connections}. Read the other way round, a lane whose only connection was
     * moving between the two looked empty and missed the event numbered at that moment.
     */
    boolean isEmpty() {
        return joining.isEmpty() && connections.isEmpty();
    }

    /** Gives each joining connection what it missed and makes it live. */
    private void join() {
        for (Connection<F> joiner = joining.peek(); joiner != null; joiner = joining.peek()) {
            connections.add(joiner);
            joining.remove(joiner);
            if (joiner.isRemoved()) {
                connections.remove(joiner);
                continue;
            }
            try {
                joiner.join();
            } catch (RuntimeException e) {
                // Live from its join position on, but what it missed before is unknown: re-fetch.
                joiner.missedEvents(ResyncCause.CONNECTING);
                core.anomalies()
                        .log(
                                "failed joins",
                                "Joining a connection failed; it gets $resync",
                                line -> LOG.error(line, e));
            }
        }
    }

    /**
     * Delivers a batch: each connection gets its share of the frames in one transport call, so a
     * backlog costs one write per connection instead of one per event.
     */
    private void deliver(List<Frame<F>> batch) {
        List<Frame<F>> share = new ArrayList<>(batch.size());
        for (Connection<F> connection : connections) {
            if (connection.isRemoved()) {
                continue;
            }
            for (Frame<F> frame : batch) {
                if (connection.wants(frame)) {
                    share.add(frame);
                }
            }
            if (!share.isEmpty()) {
                connection.offer(share);
                share.clear();
            }
        }
        delivered = batch.get(batch.size() - 1).mark();
        LongConsumer emitToWrite = core.counters().emitToWrite();
        if (emitToWrite != null && !connections.isEmpty()) {
            long now = System.nanoTime();
            for (Frame<F> frame : batch) {
                emitToWrite.accept(now - frame.keptAtNanos);
            }
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Connection<F> connection : connections) {
            if (!connection.isRemoved()) {
                connection.sweep(now);
            }
        }
        core.anomalies().flush();
        sweeps++; // this lane's thread only
    }
}
