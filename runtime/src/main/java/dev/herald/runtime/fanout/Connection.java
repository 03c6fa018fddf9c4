package dev.herald.runtime.fanout;

import dev.herald.runtime.json.EventJson;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An admitted connection, as the core tracks it: filter, principal, byte budget, {@code $resync},
 * liveness. Its mutable state belongs to its lane's thread; a transport calls {@link #seen} and
 * {@link #remove} from any thread.
 *
 * @param <F> the transport's frame form
 */
public final class Connection<F> {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    /** Estimated WebSocket frame header bytes per event, added to the payload when budgeting. */
    private static final int FRAME_OVERHEAD = 10;

    private final FanOut<F> core;
    private final EndpointSettings settings;
    private final long id;
    private final Lane<F> lane;
    private final Transport<F> transport;
    private final Object principal;
    /** The names it asked for, {@code null} for all. */
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
    /** Why it first missed events since its last {@code $resync}; with {@link #missed}, lane's thread. */
    private ResyncCause missedCause;
    /** Set by {@link FanOut.Ticket#open} on another thread; the lane's thread turns it into {@code missed}. */
    private volatile boolean resyncRequested;
    /** When the client last showed it is alive (nanoTime); written by the transport's threads. */
    private volatile long lastSeen = System.nanoTime();
    /** When the core last pinged it (nanoTime); the lane's thread only. */
    private long lastPing = lastSeen;

    Connection(FanOut<F> core, long id, Lane<F> lane, Transport<F> transport, Object principal, Set<String> names) {
        this.core = core;
        this.settings = core.settings();
        this.id = id;
        this.lane = lane;
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

    /**
     * The client showed it is alive (a message, a pong): the transport calls this from any
     * thread. A connection not seen for the idle timeout is closed with {@link Disconnect#IDLE}.
     */
    public void seen() {
        lastSeen = System.nanoTime();
    }

    /** Takes the connection out of the fan-out; idempotent. Call when the transport closes. */
    public void remove() {
        if (!removed) {
            removed = true;
            if (lane.connections.remove(this)) {
                core.connectionRemoved(principal);
            }
        }
    }

    /** It may have missed events while connecting: {@code $resync} at the next sweep. Any thread. */
    void requestResync() {
        resyncRequested = true;
    }

    boolean isRemoved() {
        return removed;
    }

    /**
     * Events were lost for it ({@code cause}: over budget, a full hand-off, a gap between nodes,
     * while connecting): {@code $resync} once drained, counted for the first cause. Lane's thread.
     */
    void missedEvents(ResyncCause cause) {
        if (!missed) {
            missed = true;
            missedCause = cause;
        }
    }

    /** Its figures now, read through volatile fields. */
    ConnectionStats stats() {
        return new ConnectionStats(id, principal, queuedBytes, delivered, dropped, resyncs, overBudgetSince != 0);
    }

    boolean wants(Frame<F> frame) {
        String name = frame.type.name();
        if (names != null && !names.contains(name)) {
            return false;
        }
        try {
            return settings.accessPolicy().allows(principal, frame.type, frame.event);
        } catch (RuntimeException e) {
            core.anomalies()
                    .log(
                            "access policy failures",
                            "Access policy failed for " + principal + " on " + name + "; denying",
                            line -> LOG.warn(line, e));
            return false;
        }
    }

    /** Queues what fits in the budget; drops the rest and marks the connection for {@code $resync}. */
    void offer(List<Frame<F>> frames) {
        List<F> wires = lane.wires;
        wires.clear();
        long bytes = 0;
        for (Frame<F> frame : frames) {
            if (overBudgetSince != 0) {
                break;
            }
            long size = frame.json.length + FRAME_OVERHEAD;
            if (queuedBytes + bytes + size > settings.byteBudget()) {
                queuedBytes = transport.queuedBytes(); // measure before deciding
                if (queuedBytes + bytes + size > settings.byteBudget()) {
                    overBudgetSince = System.nanoTime();
                    missedEvents(ResyncCause.BUDGET);
                    break;
                }
            }
            bytes += size;
            wires.add(frame.wire);
        }
        dropped += frames.size() - wires.size();
        if (wires.isEmpty()) {
            return;
        }
        int sent = wires.size();
        boolean open = transport.send(wires);
        wires.clear();
        if (open) {
            queuedBytes += bytes;
            delivered += sent;
            core.counters().countSent(sent, bytes);
        } else {
            remove();
        }
    }

    void sweep(long now) {
        if (now - lastSeen > core.idleTimeoutNanos()) {
            LOG.debug("Closing connection {} ({}): silent for {} ns", id, principal, now - lastSeen);
            remove();
            core.counters().countClosedIdle();
            transport.close(Disconnect.IDLE);
            return;
        }
        if (now - lastPing >= core.pingIntervalNanos()) {
            lastPing = now;
            transport.ping();
        }
        if (resyncRequested) {
            resyncRequested = false;
            missedEvents(ResyncCause.CONNECTING);
        }
        queuedBytes = transport.queuedBytes();
        if (overBudgetSince != 0 && queuedBytes > 0) {
            if (now - overBudgetSince > settings.overBudgetTimeout().toNanos()) {
                core.anomalies()
                        .log(
                                "connections closed for their byte budget",
                                "Closing connection " + id + " (" + principal + "): over its byte budget for "
                                        + settings.overBudgetTimeout(),
                                LOG::info);
                remove();
                core.counters().countClosedForBudget();
                transport.close(Disconnect.SLOW_CONSUMER);
            }
            return;
        }
        overBudgetSince = 0;
        if (missed && queuedBytes == 0) {
            missed = false;
            byte[] json = EventJson.encodeControl("$resync", System.currentTimeMillis());
            if (transport.send(List.of(core.wireFormat().frame(json)))) {
                resyncs++;
                core.counters().countResync(missedCause);
                core.counters().countSent(1, json.length + FRAME_OVERHEAD);
            } else {
                remove();
            }
        }
    }
}
