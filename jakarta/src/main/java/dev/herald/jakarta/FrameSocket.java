package dev.herald.jakarta;

import java.nio.ByteBuffer;

/**
 * The socket of a connection Herald took over from the container, as {@link UpgradeTransport}
 * writes it: gathering writes of finished frames, one outstanding at a time, and a close. Each
 * container that offers such a socket adapts its own ({@link TomcatUpgrade}).
 */
interface FrameSocket {
    /**
     * Starts writing {@code buffers} in order and calls {@code done} once they are all written or the
     * write failed, on the calling thread when the socket took everything at once, later on one of
     * the container's threads otherwise. The caller starts no other write before that.
     */
    void write(ByteBuffer[] buffers, WriteDone done);

    /** Closes the TCP connection; a pending write ends with it. May be called from any thread. */
    void close();

    /** How a write ended. */
    interface WriteDone {
        void written();

        void failed(Throwable error);
    }
}
