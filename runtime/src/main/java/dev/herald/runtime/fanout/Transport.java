package dev.herald.runtime.fanout;

import java.util.List;

/**
 * One client connection as the fan-out core sees it: write-only. A transport adapter (WebSocket,
 * later SSE) implements it per connection and pushes what it reads into its own code, never into
 * the core.
 *
 * <p>The core calls these methods from its single fan-out thread only.
 */
public interface Transport {
    /**
     * Queues event frames, in order, as one write where the transport can; returns false when the
     * connection is gone. Must not block.
     */
    boolean send(List<OutgoingFrame> frames);

    /** Queues a control frame such as {@code {"event":"$resync","ts":...}}; false when gone. */
    boolean sendControl(byte[] json);

    /** Bytes queued for this connection and not yet written to the socket. */
    long queuedBytes();

    /** Closes the connection with a close code and a reason the client can read. */
    void close(int code, String reason);
}
