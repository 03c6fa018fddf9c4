package dev.herald.runtime.fanout;

import dev.herald.runtime.EventType;

/**
 * One emitted event, encoded once: the envelope's UTF-8 bytes and, built on first use, the
 * transport's wire form of it, both shared by every connection that receives it. Touched by the
 * fan-out thread only once handed off.
 *
 * @param <F> the transport's frame form
 */
final class Frame<F> {
    final EventType<?> type;
    final Record event;
    /** The envelope, {@code {"event":...,"data":...,"ts":...}}. */
    final byte[] json;

    private F wire;

    Frame(EventType<?> type, Record event, byte[] json) {
        this.type = type;
        this.event = event;
        this.json = json;
    }

    F wire(WireFormat<F> format) {
        F form = wire;
        if (form == null) {
            form = wire = format.frame(json);
        }
        return form;
    }
}
