package dev.herald.runtime.fanout;

import dev.herald.runtime.json.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final AtomicBoolean removed = new AtomicBoolean();

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
    /** Set under the core's sequencer lock when it missed events while joining; the lane's thread turns it into {@code missed}. */
    private volatile ResyncCause resyncRequested;
    /** Where it joins, until its lane's thread has joined it; then {@code null}. */
    private FanOut.Join join;
    /** Frames up to here are not sent live: they came before its position or in its replay. */
    private Frame.Mark liveAfter;
    /** The newest position it was told of, by a frame's id or {@code $position}; lane's thread. */
    private Frame.Mark positionSent;
    /** When it was last told its position (nanoTime); lane's thread. */
    private long positionSentAt;
    /** When the client last showed it is alive (nanoTime); written by the transport's threads. */
    private volatile long lastSeen = System.nanoTime();
    /** When the core last pinged it (nanoTime); the lane's thread only. */
    private long lastPing = lastSeen;
    /** The endpoint's ping interval, or the transport's own bound when shorter. */
    private final long pingIntervalNanos;

    Connection(FanOut<F> core, long id, Lane<F> lane, Transport<F> transport, Object principal, Set<String> names) {
        this.core = core;
        this.settings = core.settings();
        this.id = id;
        this.lane = lane;
        this.transport = transport;
        this.pingIntervalNanos = Math.min(core.pingIntervalNanos(), transport.maxPingIntervalNanos());
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

    /**
     * The transport closes the connection because the client broke the WebSocket protocol (a
     * malformed frame, 1002; invalid UTF-8, 1007; a frame over the limit, 1009): counted and logged
     * once per period, not once per connection. Any thread; call {@link #remove} as for any close.
     */
    public void brokeProtocol(int code, String reason) {
        core.counters().countClosedForProtocol();
        core.anomalies()
                .log(
                        "connections closed for malformed client frames",
                        "Closed connection " + id + " (" + principal + ") with " + code + ": " + reason,
                        LOG::info);
    }

    /** Takes the connection out of the fan-out; idempotent. Call when the transport closes. */
    public void remove() {
        if (removed.compareAndSet(false, true)) {
            lane.connections.remove(this);
            lane.joining.remove(this); // its lane re-checks removed after moving it: see Lane#join
            core.connectionRemoved(principal);
        }
    }

    /** It missed events while joining: {@code $resync} at the next sweep. Any thread. */
    void requestResync(ResyncCause cause) {
        resyncRequested = cause;
    }

    /** Where it joins the stream; set under the core's sequencer lock before its lane sees it. */
    void joinFrom(FanOut.Join join) {
        this.join = join;
        this.liveAfter = join.upTo();
    }

    /**
     * Its lane's thread, once: the frames it missed after its position (filter and access policy
     * as now), then {@code $resumed} when it asked to resume, or {@code $resync} with the reason
     * when they cannot be served; then its position, so that it can resume later even if no event
     * reaches it meanwhile.
     */
    void join() {
        FanOut.Join joined = join;
        join = null;
        RecentFrames.Replay<F> replay = core.replay(joined, names);
        ResyncCause refusal = replay.refusal();
        if (replay.aheadTo() > 0) {
            liveAfter = liveAfter.withSeq(replay.aheadTo());
        }
        List<Frame<F>> frames = new ArrayList<>(replay.frames().size());
        if (refusal == null) {
            for (Frame<F> frame : replay.frames()) {
                if (allows(frame)) {
                    frames.add(frame);
                }
            }
            if (frames.size() > core.retention().replayCap()) {
                refusal = ResyncCause.REPLAY_CAP;
                frames.clear();
            }
        }
        if (refusal != null) {
            sendResync(joined.resuming() ? refusal : ResyncCause.CONNECTING, liveAfter);
            return;
        }
        if (!frames.isEmpty()) {
            offer(frames);
        }
        if (joined.resuming()) {
            core.counters().countResumed(frames.size());
            sendControl(EventJson.encodeControl("$resumed", System.currentTimeMillis(), "replayed", frames.size()));
        }
        if (!missed) {
            sendPosition(liveAfter);
        }
    }

    boolean isRemoved() {
        return removed.get();
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
        if (!frame.mark().isAfter(liveAfter)) {
            return false; // it had this one in its replay, or it came before its position
        }
        String name = frame.type.name();
        if (names != null && !names.contains(name)) {
            return false;
        }
        return allows(frame);
    }

    /** What the access policy says now; a failing policy denies. */
    private boolean allows(Frame<F> frame) {
        String name = frame.type.name();
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
            positionSent = frames.get(frames.size() - 1).mark();
            core.counters().countSent(sent, bytes);
        } else {
            remove();
        }
    }

    /** {@code $resync} with the reason, then the position it is current at once it re-fetched. */
    private void sendResync(ResyncCause cause, Frame.Mark position) {
        if (sendControl(EventJson.encodeControl("$resync", System.currentTimeMillis(), "reason", cause.reason()))) {
            resyncs++;
            core.counters().countResync(cause);
            sendPosition(position);
        }
    }

    /** {@code $position}: it has seen, or been told to re-fetch, everything it asked for up to {@code position}. */
    private void sendPosition(Frame.Mark position) {
        if (!core.retention().enabled()) {
            return;
        }
        String at = position.toString();
        byte[] json = EventJson.encodeControl("$position", System.currentTimeMillis(), "position", at);
        // Framed at the position, so that an event stream's client resumes from it (its Last-Event-ID).
        if (sendControl(core.wireFormat().eventFrame(json, at), json.length)) {
            positionSent = position;
            positionSentAt = System.nanoTime();
        }
    }

    /** Sends one control frame; a closed transport removes the connection. */
    private boolean sendControl(byte[] json) {
        return sendControl(core.wireFormat().frame(json), json.length);
    }

    private boolean sendControl(F frame, int jsonLength) {
        if (transport.send(List.of(frame))) {
            core.counters().countSent(1, jsonLength + FRAME_OVERHEAD);
            return true;
        }
        remove();
        return false;
    }

    void sweep(long now) {
        if (now - lastSeen > core.idleTimeoutNanos()) {
            LOG.debug("Closing connection {} ({}): silent for {} ns", id, principal, now - lastSeen);
            remove();
            core.counters().countClosedIdle();
            transport.close(Disconnect.IDLE);
            return;
        }
        if (now - lastPing >= pingIntervalNanos) {
            lastPing = now;
            transport.ping();
        }
        ResyncCause requested = resyncRequested;
        if (requested != null) {
            resyncRequested = null;
            missedEvents(requested);
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
        Frame.Mark position = lane.delivered != null && lane.delivered.isAfter(liveAfter) ? lane.delivered : liveAfter;
        if (missed && queuedBytes == 0) {
            missed = false;
            sendResync(missedCause, position);
        } else if (!missed
                && (positionSent == null || position.isAfter(positionSent))
                && now - positionSentAt >= core.pingIntervalNanos()
                && core.retention().enabled()) {
            // Events it did not ask for went by: its position moves on, so that a reconnect after
            // a quiet while still resumes instead of finding its last event's position dropped.
            sendPosition(position);
        }
    }
}
