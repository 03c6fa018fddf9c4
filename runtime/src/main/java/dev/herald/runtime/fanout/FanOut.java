package dev.herald.runtime.fanout;

import dev.herald.runtime.EventType;
import dev.herald.runtime.json.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-neutral core: admitted connections with their filters, encode once per emit, a
 * byte budget per connection, {@code $resync} for whoever missed events.
 *
 * <p>Threading rules:
 *
 * <ul>
 *   <li>{@link #publish} runs on the emitting (business) thread and only encodes the event once and
 *       offers it to a bounded hand-off queue. When the queue is full the event is not delivered and
 *       every connection is marked to get {@code $resync}: nothing grows without bound.
 *   <li>One fan-out thread takes frames from the queue and does the per-connection work (filter,
 *       access policy, budget, queueing into the transport), and every sweep interval measures the
 *       transports' queues. Per-connection state is touched by that thread only; stats are read
 *       through volatile fields.
 *   <li>{@link #admit} and {@link Connection#remove} may be called from any thread; the connection
 *       list is copy-on-write.
 * </ul>
 */
public final class FanOut implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    /** Estimated WebSocket frame header bytes per event, added to the payload when budgeting. */
    private static final int FRAME_OVERHEAD = 10;

    /**
     * @param byteBudget bytes a connection may have queued before its events are dropped
     * @param overBudgetTimeout how long a connection may stay over budget before it is closed with 4008
     * @param handoffCapacity frames waiting between publishers and the fan-out thread
     * @param maxConnections connections admitted at most; more are refused with 4429
     * @param sweepInterval how often queues are measured, drained connections resynced, slow ones closed
     */
    public record Settings(
            long byteBudget,
            Duration overBudgetTimeout,
            int handoffCapacity,
            int maxConnections,
            Duration sweepInterval) {
        public static Settings defaults() {
            return new Settings(1 << 20, Duration.ofSeconds(30), 65_536, 10_000, Duration.ofMillis(50));
        }
    }

    private final EventJson json;
    private final AccessPolicy accessPolicy;
    private final Settings settings;
    private final BlockingQueue<OutgoingFrame> handoff;
    private final CopyOnWriteArrayList<Connection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicLong overflows = new AtomicLong();
    /** Events published so far; lets {@link #admit} tell whether a client missed one while connecting. */
    private final AtomicLong published = new AtomicLong();

    private final Thread thread;
    private volatile boolean closed;

    public FanOut(EventJson json, AccessPolicy accessPolicy, Settings settings) {
        this.json = Objects.requireNonNull(json, "json");
        this.accessPolicy = Objects.requireNonNull(accessPolicy, "accessPolicy");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handoff = new ArrayBlockingQueue<>(settings.handoffCapacity());
        this.thread = new Thread(this::run, "herald-fanout");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Encodes {@code event} once and hands it to the fan-out thread. Never blocks; harmless after
     * {@link #close()}.
     */
    public void publish(EventType<?> type, Record event) {
        if (closed) {
            return;
        }
        published.incrementAndGet();
        if (connections.isEmpty()) {
            return;
        }
        OutgoingFrame frame = new OutgoingFrame(type, event, encode(type, event));
        if (!handoff.offer(frame)) {
            overflows.incrementAndGet();
            overflowed.set(true);
        }
    }

    private <T extends Record> byte[] encode(EventType<T> type, Record event) {
        return json.encode(type, type.cast(event), System.currentTimeMillis());
    }

    /** How many events were published so far; a transport reads it when a client's handshake arrives. */
    public long published() {
        return published.get();
    }

    /**
     * Admits a connection that passed {@link Admission}; returns {@code null} when the server is at
     * its connection limit (the caller closes it with {@link CloseCodes#TOO_MANY_CONNECTIONS}).
     *
     * <p>A client may see its connection open before the server admits it (the upgrade response is
     * written first). Events published in that window cannot reach it, so when any were, it gets
     * {@code $resync} at once.
     *
     * @param names the event names it wants, or {@code null} for all
     * @param publishedAtHandshake {@link #published()} when the client's handshake arrived
     */
    public Connection admit(Transport transport, Object principal, Set<String> names, long publishedAtHandshake) {
        if (closed) {
            return null;
        }
        if (admitted.incrementAndGet() > settings.maxConnections()) {
            admitted.decrementAndGet();
            return null;
        }
        Connection connection = new Connection(ids.incrementAndGet(), transport, principal, names);
        connections.add(connection);
        // Checked after adding: an event published from here on is delivered to it.
        if (published.get() != publishedAtHandshake) {
            connection.resyncRequested = true;
        }
        return connection;
    }

    /** Admitted connections now. */
    public int connectionCount() {
        return admitted.get();
    }

    /** Events that found the hand-off queue full. */
    public long overflows() {
        return overflows.get();
    }

    public List<ConnectionStats> stats() {
        List<ConnectionStats> stats = new ArrayList<>();
        for (Connection c : connections) {
            stats.add(new ConnectionStats(
                    c.id, c.principal, c.queuedBytes, c.delivered, c.dropped, c.resyncs, c.overBudgetSince != 0));
        }
        return stats;
    }

    /** Stops the fan-out thread; frames not yet delivered are dropped. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handoff.clear();
    }

    private void run() {
        long sweepNanos = settings.sweepInterval().toNanos();
        long nextSweep = System.nanoTime() + sweepNanos;
        List<OutgoingFrame> batch = new ArrayList<>();
        while (!closed) {
            try {
                OutgoingFrame frame = handoff.poll(Math.max(1, nextSweep - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame != null) {
                    batch.add(frame);
                    handoff.drainTo(batch, 1023);
                    deliver(batch);
                    batch.clear();
                }
                if (overflowed.getAndSet(false)) {
                    connections.forEach(c -> c.missed = true);
                }
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep();
                    nextSweep = System.nanoTime() + sweepNanos;
                }
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("Fan-out failed; continuing", e);
            }
        }
    }

    /**
     * Delivers a batch: each connection gets its share of the frames in one transport call, so a
     * backlog costs one write per connection instead of one per event.
     */
    private void deliver(List<OutgoingFrame> batch) {
        List<OutgoingFrame> share = new ArrayList<>(batch.size());
        for (Connection connection : connections) {
            if (connection.removed) {
                continue;
            }
            for (OutgoingFrame frame : batch) {
                if (connection.wants(frame)) {
                    share.add(frame);
                }
            }
            if (!share.isEmpty()) {
                connection.offer(share);
                share.clear();
            }
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Connection connection : connections) {
            if (!connection.removed) {
                connection.sweep(now);
            }
        }
    }

    /** An admitted connection. Mutable state belongs to the fan-out thread. */
    public final class Connection {
        private final long id;
        private final Transport transport;
        private final Object principal;
        private final Set<String> names;
        private volatile boolean removed;

        /** Measured by the last sweep, plus what was queued since. */
        private volatile long queuedBytes;

        private volatile long delivered;
        private volatile long dropped;
        private volatile long resyncs;
        /** When it went over budget (nanoTime), 0 while within budget. */
        private volatile long overBudgetSince;
        /** Events were dropped for it: it gets {@code $resync} once drained. */
        private boolean missed;
        /** Set by {@link #admit} on another thread; the fan-out thread turns it into {@code missed}. */
        private volatile boolean resyncRequested;

        private Connection(long id, Transport transport, Object principal, Set<String> names) {
            this.id = id;
            this.transport = transport;
            this.principal = principal;
            this.names = names;
        }

        public long id() {
            return id;
        }

        public Object principal() {
            return principal;
        }

        /** Takes the connection out of the fan-out; idempotent. Call when the transport closes. */
        public void remove() {
            if (!removed) {
                removed = true;
                if (connections.remove(this)) {
                    admitted.decrementAndGet();
                }
            }
        }

        private boolean wants(OutgoingFrame frame) {
            String name = frame.type().name();
            if (names != null && !names.contains(name)) {
                return false;
            }
            try {
                return accessPolicy.allows(principal, frame.type(), frame.event());
            } catch (RuntimeException e) {
                LOG.warn("Access policy failed for {} on {}; denying", principal, name, e);
                return false;
            }
        }

        /** Queues what fits in the budget; drops the rest and marks the connection for {@code $resync}. */
        private void offer(List<OutgoingFrame> frames) {
            int fits = 0;
            long bytes = 0;
            for (OutgoingFrame frame : frames) {
                if (overBudgetSince != 0) {
                    break;
                }
                long size = frame.json().length + FRAME_OVERHEAD;
                if (queuedBytes + bytes + size > settings.byteBudget()) {
                    queuedBytes = transport.queuedBytes(); // measure before deciding
                    if (queuedBytes + bytes + size > settings.byteBudget()) {
                        overBudgetSince = System.nanoTime();
                        missed = true;
                        break;
                    }
                }
                bytes += size;
                fits++;
            }
            dropped += frames.size() - fits;
            if (fits == 0) {
                return;
            }
            if (transport.send(fits == frames.size() ? frames : frames.subList(0, fits))) {
                queuedBytes += bytes;
                delivered += fits;
            } else {
                remove();
            }
        }

        private void sweep(long now) {
            if (resyncRequested) {
                resyncRequested = false;
                missed = true;
            }
            queuedBytes = transport.queuedBytes();
            if (overBudgetSince != 0 && queuedBytes > 0) {
                if (now - overBudgetSince > settings.overBudgetTimeout().toNanos()) {
                    LOG.info(
                            "Closing connection {} ({}): over its byte budget for {}",
                            id,
                            principal,
                            settings.overBudgetTimeout());
                    remove();
                    transport.close(CloseCodes.SLOW_CONSUMER, "too slow: over the byte budget too long");
                }
                return;
            }
            overBudgetSince = 0;
            if (missed && queuedBytes == 0) {
                missed = false;
                if (transport.sendControl(EventJson.encodeControl("$resync", System.currentTimeMillis()))) {
                    resyncs++;
                } else {
                    remove();
                }
            }
        }
    }
}
