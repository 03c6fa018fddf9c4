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
    F frame(byte[] json);
}
