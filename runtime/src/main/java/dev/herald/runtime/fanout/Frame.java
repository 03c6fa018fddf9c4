package dev.herald.runtime.fanout;

import dev.herald.runtime.EventType;

/**
 * One emitted event, encoded once: the envelope's UTF-8 bytes and the transport's wire form of
 * it, both built on the publishing thread before the hand-off and shared by every connection of
 * every lane that receives it. Immutable.
 *
 * @param <F> the transport's frame form
 */
final class Frame<F> {
    final EventType<?> type;
    final Record event;
    /** The envelope, {@code {"event":...,"data":...,"ts":...}}. */
    final byte[] json;
    /** The transport's frame of {@link #json}. */
    final F wire;

    Frame(EventType<?> type, Record event, byte[] json, F wire) {
        this.type = type;
        this.event = event;
        this.json = json;
        this.wire = wire;
    }
}
