package dev.herald.runtime.fanout;

import dev.herald.runtime.EventType;
import java.util.function.Function;

/**
 * One emitted event, encoded once: the envelope's UTF-8 bytes, shared by every connection that
 * receives it. A transport may derive its own wire form once per frame with {@link #cached}.
 */
public final class OutgoingFrame {
    private final EventType<?> type;
    private final Record event;
    private final byte[] json;
    private Object transportForm; // touched by the fan-out thread only

    OutgoingFrame(EventType<?> type, Record event, byte[] json) {
        this.type = type;
        this.event = event;
        this.json = json;
    }

    public EventType<?> type() {
        return type;
    }

    public Record event() {
        return event;
    }

    /** The envelope, {@code {"event":...,"data":...,"ts":...}}. Do not modify. */
    public byte[] json() {
        return json;
    }

    /** The transport's wire form of this frame, built once on first use. */
    @SuppressWarnings("unchecked")
    public <T> T cached(Function<byte[], T> build) {
        if (transportForm == null) {
            transportForm = build.apply(json);
        }
        return (T) transportForm;
    }
}
