package dev.herald.runtime.fanout;

/**
 * How a transport turns an envelope's UTF-8 JSON into its own form of one frame: Java-WebSocket a
 * ready frame buffer, Jakarta WebSocket a {@code String}. The core builds it once per event, on the
 * publishing thread before the hand-off to the lanes, and every connection that gets the event
 * shares it.
 *
 * @param <F> the transport's frame form
 */
@FunctionalInterface
public interface WireFormat<F> {
    /** A frame without a position: a control frame such as {@code $resync}. */
    F frame(byte[] json);

    /**
     * An event's frame at its {@code position} (also the envelope's {@code "id"}), for transports
     * that send it beside the JSON as well (Server-Sent Events' {@code id:} line).
     */
    default F eventFrame(byte[] json, String position) {
        return frame(json);
    }
}
