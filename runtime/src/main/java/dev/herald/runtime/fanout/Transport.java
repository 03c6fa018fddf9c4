package dev.herald.runtime.fanout;

import java.util.List;

/**
 * One client connection as the fan-out core sees it: write-only. A transport adapter (Java-WebSocket,
 * Jakarta WebSocket, later SSE) implements it per connection and keeps what it reads to itself.
 *
 * <p>The core calls these methods from its single fan-out thread only, except {@link #close}, which
 * {@link FanOut.Ticket#open} may call on the adapter's thread to refuse a connection.
 *
 * @param <F> the transport's wire form of one frame (see {@link WireFormat}), built once per event
 *     and shared by every connection
 */
public interface Transport<F> {
    /**
     * Queues frames, in order, as one write where the transport can; returns false when the
     * connection is gone. Must not block. The list is the core's and reused after the call: copy
     * what you keep.
     */
    boolean send(List<F> frames);

    /** Bytes queued for this connection and not yet written to the socket. */
    long queuedBytes();

    /** Closes the connection with the disconnect's close code and reason. */
    void close(Disconnect disconnect);
}
