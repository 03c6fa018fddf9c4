package dev.herald.runtime.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Queue;

/**
 * A connection's socket as Java-WebSocket's selector sees it: when the selector writes the head of
 * the connection's send queue, the buffers queued behind it go out in the same system call.
 *
 * <p>Java-WebSocket writes its send queue one buffer per {@code write} call. A client that falls a
 * few events behind then costs one system call per event, and on loopback a write is the most
 * expensive thing the server does (the kernel runs the receiving side of TCP in it), so a server
 * that falls behind stays behind. Gathering makes the cost per event fall as the backlog grows.
 *
 * <p>Threading: only the server's selector thread calls {@link #write}, and only it removes buffers
 * from the queue (after they are fully written); other threads only add at the tail. So the head is
 * the buffer being written, and the buffers behind it are complete frames that nobody else touches
 * until the selector reaches them. A buffer written here ahead of its turn has nothing remaining when
 * the selector reaches it, and writing it again is free.
 */
final class GatheringChannel implements ByteChannel {
    /** Buffers per system call at most; well under every platform's IOV_MAX. */
    static final int MAX_BUFFERS = 128;

    /**
     * Bytes gathered per system call at most: more than a socket's send buffer takes at once, and a
     * bound on the direct buffers the JDK caches per thread to write heap buffers.
     */
    static final int MAX_BYTES = 256 * 1024;

    /** Scratch space of the writing thread, not of the connection: a server has many connections. */
    private static final ThreadLocal<ByteBuffer[]> GATHERED =
            ThreadLocal.withInitial(() -> new ByteBuffer[MAX_BUFFERS]);

    private final SocketChannel socket;
    private final Queue<ByteBuffer> sendQueue;

    GatheringChannel(SocketChannel socket, Queue<ByteBuffer> sendQueue) {
        this.socket = socket;
        this.sendQueue = sendQueue;
    }

    @Override
    public int write(ByteBuffer head) throws IOException {
        if (!head.hasRemaining()) {
            return 0; // went out with an earlier buffer
        }
        ByteBuffer[] gathered = GATHERED.get();
        int count = 0;
        gathered[count++] = head;
        Iterator<ByteBuffer> queued = sendQueue.iterator();
        if (queued.hasNext() && queued.next() == head) {
            long bytes = head.remaining();
            while (count < MAX_BUFFERS && bytes < MAX_BYTES && queued.hasNext()) {
                ByteBuffer next = queued.next();
                gathered[count++] = next;
                bytes += next.remaining();
            }
        }
        int before = head.remaining();
        try {
            if (count == 1) {
                socket.write(head);
            } else {
                socket.write(gathered, 0, count);
            }
            return before - head.remaining();
        } finally {
            Arrays.fill(gathered, 0, count, null);
        }
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        return socket.read(target);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
