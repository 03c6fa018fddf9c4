package dev.herald.runtime.fanout;

import java.time.Duration;
import java.util.Objects;

/**
 * What a node keeps of its recent events for clients that reconnect with {@code since}: at most
 * {@code events} frames, {@code bytes} of heap (estimated as for the hand-off: three times the
 * envelope) and {@code maxAge}; the oldest go first. A reconnecting client whose missed events are
 * all still kept gets exactly those, then {@code $resumed}; otherwise {@code $resync}.
 *
 * @param events frames kept at most; 0 turns resume off (every reconnect gets {@code $resync})
 * @param bytes heap the kept frames may hold
 * @param maxAge frames older than this are dropped
 * @param replayCap a client that missed more events than this gets {@code $resync} instead
 */
public record Retention(int events, long bytes, Duration maxAge, int replayCap) {
    /** 10,000 events, 16 MiB, 5 minutes; replays of up to 10,000 events. */
    public static final Retention DEFAULT = new Retention(10_000, 16L << 20, Duration.ofMinutes(5), 10_000);

    /** Nothing kept: every reconnect and every client that connects during an emit gets {@code $resync}. */
    public static final Retention NONE = new Retention(0, 1, Duration.ofMillis(1), 1);

    public Retention {
        if (events < 0) {
            throw new IllegalArgumentException("retention events must not be negative: " + events);
        }
        EndpointSettings.positive(bytes, "retention bytes");
        EndpointSettings.positive(Objects.requireNonNull(maxAge, "maxAge"), "retention maxAge");
        EndpointSettings.positive(replayCap, "replayCap");
    }

    /** Whether reconnecting clients can resume at all. */
    public boolean enabled() {
        return events > 0;
    }
}
