package dev.herald.runtime.fanout;

import dev.herald.runtime.EventType;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One emitted event, encoded once: the envelope's UTF-8 bytes and the transport's wire form of
 * it, both built on the publishing thread before the hand-off and shared by every connection of
 * every lane that receives it. Immutable but for {@link #holders}, the count of lanes (and the
 * publishing thread) that still hold it in the hand-off.
 *
 * @param <F> the transport's frame form
 */
final class Frame<F> {
    /**
     * A place in the node's stream of frames: the position clients see ({@code epoch-seq}) and the
     * generation that orders positions across changes of numbering.
     */
    record Mark(String epoch, long seq, int generation) {
        /** Whether this place comes after {@code other}'s. */
        boolean isAfter(Mark other) {
            return generation != other.generation ? generation > other.generation : seq > other.seq;
        }

        Mark withSeq(long seq) {
            return new Mark(epoch, seq, generation);
        }

        @Override
        public String toString() {
            return epoch + "-" + seq;
        }
    }

    /** Its place in the numbering of the generation it belongs to. */
    long seq() {
        return mark.seq();
    }

    /** Where it stands. */
    Mark mark() {
        return mark;
    }

    /**
     * What a frame costs the heap while it waits for the fan-out, per byte of its envelope: the
     * envelope, the transport's frame of it (a copy of the same size, or a {@code String}), and
     * the event record the access policy reads (whose content the envelope's data spells out).
     */
    private static final int WEIGHT_PER_ENVELOPE_BYTE = 3;

    /** The objects around the bytes: the frame, the arrays' headers, the record. */
    private static final int WEIGHT_OVERHEAD = 128;

    final EventType<?> type;
    final Record event;
    /** The envelope, {@code {"event":...,"data":...,"ts":...,"id":...}}. */
    final byte[] json;
    /** The transport's frame of {@link #json}. */
    final F wire;
    /** Bytes of heap it holds, estimated, for the hand-off's byte bound. */
    final long weight;
    /** Its position: the numbering it belongs to and its place there; frames reach the lanes in seq order. */
    private final Mark mark;
    /** When the node numbered it (nanoTime), for the retention's max age. */
    final long keptAtNanos;
    /** Who still holds it in the hand-off; the last to let go gives its weight back. */
    final AtomicInteger holders = new AtomicInteger();

    Frame(EventType<?> type, Record event, byte[] json, F wire, Mark mark, long keptAtNanos) {
        this.type = type;
        this.event = event;
        this.json = json;
        this.wire = wire;
        this.mark = mark;
        this.keptAtNanos = keptAtNanos;
        this.weight = (long) WEIGHT_PER_ENVELOPE_BYTE * json.length + WEIGHT_OVERHEAD;
    }
}
