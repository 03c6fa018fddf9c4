package dev.herald.runtime.fanout;

import java.util.Locale;

/**
 * Why a connection got {@code $resync}: the first reason it missed events since its last one, or
 * why the position it asked to resume from could not be served. {@link #reason()} is the {@code
 * "reason"} of the frame.
 */
public enum ResyncCause {
    /** Its queue went over the byte budget: it reads too slowly. */
    BUDGET,
    /** The hand-off to the fan-out threads was full: a burst faster than the fan-out. */
    OVERFLOW,
    /** The broker lost events between the instances. */
    BROKER_GAP,
    /** Events were published while it was connecting and are no longer retained. */
    CONNECTING,
    /** Its {@code since} is from another numbering: this node restarted, or the broker lost its data. */
    EPOCH,
    /** Events after its {@code since} were dropped from retention for its count or bytes. */
    TRIMMED,
    /** Events after its {@code since} were older than the retention's max age. */
    EXPIRED,
    /** More events after its {@code since} than the replay cap. */
    REPLAY_CAP,
    /** Its {@code since} is not a position this node numbered (garbage, or ahead of the stream). */
    MALFORMED;

    private final String reason = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The frame's {@code "reason"}: the name in lower case with dashes, such as {@code replay-cap}. */
    public String reason() {
        return reason;
    }
}
