package dev.herald.runtime.fanout;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * What an endpoint counts for monitoring, without a metrics library: a binding (such as
 * {@code herald-micrometer}'s {@code HeraldMetrics}) reads these. Written by the fan-out's threads
 * through {@link LongAdder}s, which cost an uncontended add on the hot path; counts only grow.
 */
public final class EndpointCounters {
    private final LongAdder opened = new LongAdder();
    private final Map<Integer, LongAdder> refused = new ConcurrentHashMap<>();
    private final LongAdder published = new LongAdder();
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final Map<ResyncCause, LongAdder> resyncs = new EnumMap<>(ResyncCause.class);
    private final LongAdder closedForBudget = new LongAdder();
    private final LongAdder closedIdle = new LongAdder();
    private final LongAdder closedForProtocol = new LongAdder();
    private final LongAdder brokerGaps = new LongAdder();
    private final LongAdder resumed = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    /** Takes emit-to-write times when a binding wants them; {@code null} costs nothing on the hot path. */
    private volatile LongConsumer emitToWrite;

    EndpointCounters() {
        for (ResyncCause cause : ResyncCause.values()) {
            resyncs.put(cause, new LongAdder()); // filled once: reads and adds need no lock after
        }
    }

    /** Connections admitted since the start. */
    public long opened() {
        return opened.sum();
    }

    /** Connections refused with {@code code} since the start. */
    public long refused(int code) {
        LongAdder count = refused.get(code);
        return count == null ? 0 : count.sum();
    }

    /** Events handed to the fan-out (this instance's and, with a broker, the others'). */
    public long eventsPublished() {
        return published.sum();
    }

    /** Frames handed to the transports, events and control frames alike. */
    public long framesSent() {
        return framesSent.sum();
    }

    /** Bytes handed to the transports: each frame's JSON and an estimate of its framing (10 bytes). */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /** {@code $resync} frames sent for {@code cause}. */
    public long resyncs(ResyncCause cause) {
        return resyncs.get(cause).sum();
    }

    /** Connections closed with 4008: over their byte budget for too long. */
    public long closedForBudget() {
        return closedForBudget.sum();
    }

    /** Connections closed with 4408: silent for the idle timeout. */
    public long closedIdle() {
        return closedIdle.sum();
    }

    /** Connections closed because the client broke the WebSocket protocol (1002, 1007, 1009). */
    public long closedForProtocol() {
        return closedForProtocol.sum();
    }

    /** Times the broker reported lost events. */
    public long brokerGaps() {
        return brokerGaps.sum();
    }

    /** Reconnects that resumed from their {@code since} ({@code $resumed}). */
    public long resumed() {
        return resumed.sum();
    }

    /** Events replayed to resuming clients. */
    public long replayed() {
        return replayed.sum();
    }

    /**
     * Hands {@code recorder} the nanoseconds from each event's emit (for another node's, its append
     * to the broker's stream) to its frame handed to the transport of the last connection of a
     * fan-out lane that wants it: one sample per event per lane. Called on the lanes' threads, so
     * the recorder must be thread-safe and quick (a Micrometer {@code Timer} is); {@code null} stops
     * the recording.
     */
    public void recordEmitToWrite(LongConsumer recorder) {
        this.emitToWrite = recorder;
    }

    /** The emit-to-write recorder, or {@code null}: read once per batch by a lane. */
    LongConsumer emitToWrite() {
        return emitToWrite;
    }

    void countResumed(int events) {
        resumed.increment();
        replayed.add(events);
    }

    void countOpened() {
        opened.increment();
    }

    void countRefused(Disconnect disconnect) {
        refused.computeIfAbsent(disconnect.code(), code -> new LongAdder()).increment();
    }

    void countPublished() {
        published.increment();
    }

    void countSent(long frames, long bytes) {
        framesSent.add(frames);
        bytesSent.add(bytes);
    }

    void countResync(ResyncCause cause) {
        resyncs.get(cause).increment();
    }

    void countClosedForBudget() {
        closedForBudget.increment();
    }

    void countClosedForProtocol() {
        closedForProtocol.increment();
    }

    void countClosedIdle() {
        closedIdle.increment();
    }

    void countBrokerGap() {
        brokerGaps.increment();
    }
}
