package dev.herald.runtime.fanout;

/** Why a connection got {@code $resync}: the first reason it missed events since its last one. */
public enum ResyncCause {
    /** Its queue went over the byte budget: it reads too slowly. */
    BUDGET,
    /** The hand-off to the fan-out threads was full: a burst faster than the fan-out. */
    OVERFLOW,
    /** The broker lost events between the instances. */
    BROKER_GAP,
    /** Events were published while it was connecting. */
    CONNECTING
}
