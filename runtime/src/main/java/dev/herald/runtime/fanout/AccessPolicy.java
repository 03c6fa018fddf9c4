package dev.herald.runtime.fanout;

import dev.herald.runtime.EventType;

/** Decides, per event and connection, whether that client may see that event. */
@FunctionalInterface
public interface AccessPolicy {
    /** Everyone sees everything they subscribed to. */
    AccessPolicy ALLOW_ALL = (principal, type, event) -> true;

    /**
     * Called on the connection's fan-out lane (one thread per lane) for each event and each connection that subscribed to it: keep
     * it fast and non-blocking. A thrown exception counts as a denial.
     *
     * @param principal what the authenticator returned for this connection
     */
    boolean allows(Object principal, EventType<?> type, Record event);
}
