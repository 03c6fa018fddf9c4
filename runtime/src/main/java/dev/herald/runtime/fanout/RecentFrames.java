package dev.herald.runtime.fanout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The frames a node keeps for clients that reconnect ({@link Retention}), in seq order (rising, not
 * always by one: a stream's entries this node cannot read leave holes), and, per
 * event name, the highest seq it had to let go of and why: a client that asked only for names
 * nothing was dropped of since its position can still resume.
 *
 * <p>Threading: every method runs under the fan-out core's sequencer lock (see {@link FanOut}).
 *
 * @param <F> the transport's frame form
 */
final class RecentFrames<F> {
    private final Retention retention;
    private final long maxAgeNanos;
    /** A circular array of rising seqs, oldest at {@link #head}; grows up to the retention's count. */
    private Frame<?>[] ring = new Frame<?>[16];

    private int head;
    private int size;
    private long bytes;

    /** Per event name: the newest frame let go of. */
    private final Map<String, Dropped> droppedByName = new HashMap<>();
    /** The newest frame let go of, whatever its name. */
    private Dropped droppedAny = Dropped.NONE;
    /** The newest seq lost for every name at once. */
    private Dropped droppedEverything = Dropped.NONE;

    private record Dropped(long seq, ResyncCause cause) {
        static final Dropped NONE = new Dropped(0, ResyncCause.TRIMMED);
    }

    /**
     * The frames a client may get, or why it cannot resume.
     *
     * @param aheadTo when above 0, the client's position is further along the stream than this
     *     node: nothing to replay, and live frames up to this seq it has had
     */
    record Replay<F>(List<Frame<F>> frames, ResyncCause refusal, long aheadTo) {
        static <F> Replay<F> refused(ResyncCause cause) {
            return new Replay<>(List.of(), cause, 0);
        }

        static <F> Replay<F> ahead(long seq) {
            return new Replay<>(List.of(), null, seq);
        }

        static <F> Replay<F> of(List<Frame<F>> frames) {
            return new Replay<>(frames, null, 0);
        }
    }

    RecentFrames(Retention retention) {
        this.retention = retention;
        this.maxAgeNanos = retention.maxAge().toNanos();
    }

    /** Keeps {@code frame} (the newest seq), letting go of the oldest beyond the retention. */
    void add(Frame<F> frame, long nowNanos) {
        if (retention.events() == 0) {
            drop(frame, ResyncCause.TRIMMED);
            return;
        }
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) % ring.length] = frame;
        size++;
        bytes += frame.weight;
        while (size > retention.events() || (bytes > retention.bytes() && size > 0)) {
            drop(removeOldest(), ResyncCause.TRIMMED);
        }
        expire(nowNanos);
    }

    /**
     * The kept frames with seq in {@code (since, upTo]} of {@code names} ({@code null}: all), or
     * why they are not all kept. {@code since} and {@code upTo} are of this node's epoch, {@code
     * since <= upTo}.
     */
    Replay<F> replay(long since, long upTo, Set<String> names, long nowNanos) {
        expire(nowNanos);
        Dropped dropped = newestDropped(names);
        if (dropped.seq > since) {
            return Replay.refused(dropped.cause);
        }
        List<Frame<F>> frames = new ArrayList<>();
        for (int i = firstAfter(since); i < size; i++) {
            Frame<F> frame = frameAt(i);
            if (frame.seq() > upTo) {
                break;
            }
            if (names == null || names.contains(frame.type.name())) {
                frames.add(frame);
            }
        }
        return Replay.of(frames);
    }

    /** The index of the first kept frame with a seq above {@code seq} (seqs rise, with gaps): a binary search. */
    private int firstAfter(long seq) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (frameAt(middle).seq() <= seq) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** A new numbering: nothing kept, and nothing known up to {@code floor}. */
    void reset(long floor) {
        while (size > 0) {
            removeOldest();
        }
        droppedByName.clear();
        droppedEverything = new Dropped(floor, ResyncCause.TRIMMED);
        droppedAny = droppedEverything;
    }

    /** Frames kept now. */
    int size() {
        return size;
    }

    /** Heap the kept frames hold, estimated. */
    long bytes() {
        return bytes;
    }

    private Dropped newestDropped(Set<String> names) {
        if (names == null) {
            return droppedAny;
        }
        Dropped newest = droppedEverything;
        for (String name : names) {
            Dropped dropped = droppedByName.get(name);
            if (dropped != null && dropped.seq > newest.seq) {
                newest = dropped;
            }
        }
        return newest;
    }

    private void expire(long nowNanos) {
        while (size > 0 && nowNanos - frameAt(0).keptAtNanos > maxAgeNanos) {
            drop(removeOldest(), ResyncCause.EXPIRED);
        }
    }

    /** Events numbered {@code seq} were lost for every name (a gap between nodes). */
    void lost(long seq, ResyncCause cause) {
        droppedEverything = new Dropped(seq, cause);
        droppedAny = droppedEverything;
    }

    /** Numbers an event that was never framed (nobody connected and nothing is kept): it counts as dropped. */
    void skip(long seq, String name) {
        drop(seq, name, ResyncCause.TRIMMED);
    }

    private void drop(Frame<F> frame, ResyncCause cause) {
        drop(frame.seq(), frame.type.name(), cause);
    }

    private void drop(long seq, String name, ResyncCause cause) {
        Dropped dropped = new Dropped(seq, cause);
        droppedAny = dropped;
        droppedByName.put(name, dropped);
    }

    @SuppressWarnings("unchecked")
    private Frame<F> frameAt(int index) {
        return (Frame<F>) ring[(head + index) % ring.length];
    }

    private Frame<F> removeOldest() {
        Frame<F> oldest = frameAt(0);
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        bytes -= oldest.weight;
        return oldest;
    }

    private void grow() {
        Frame<?>[] grown = new Frame<?>
                [Math.min(Math.max(16, ring.length * 2), Math.max(ring.length + 1, retention.events() + 1))];
        for (int i = 0; i < size; i++) {
            grown[i] = ring[(head + i) % ring.length];
        }
        ring = grown;
        head = 0;
    }
}
