package dev.herald.runtime.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Queue;
import org.java_websocket.WrappedByteChannel;

/**
 * A connection's socket, written two ways: directly by the connection's fan-out lane while nothing else is
 * waiting to go out ({@link #writeIfIdle}), and by Java-WebSocket's selector thread from the
 * connection's send queue, where the buffers queued behind the head go out in the same system call.
 *
 * <p>Why directly: with 10,000 connections, handing every event to the selector thread cost two
 * {@code epoll_ctl} calls and a wake-up per connection, all on one thread, on top of the write. Why
 * gathering: Java-WebSocket writes its send queue one buffer per {@code write} call, so a client
 * that falls a few events behind would cost one system call per event; on loopback a write is the
 * most expensive thing the server does (the kernel runs the receiving side of TCP in it).
 *
 * <p>Threading rules. Every write to the socket happens under this object's monitor, so bytes of
 * two frames never interleave. A direct write happens only when the send queue is empty and no
 * direct write is unfinished; what it could not write stays here as {@link #unfinished} and goes out
 * before anything else: the selector writes it first ({@link #write}, or {@link #writeMore} when the
 * queue is empty, which the library calls because {@link #isNeedWrite} says so). Only the selector
 * thread removes buffers from the queue (after they are fully written); other threads add at the
 * tail. So the queue's head is the buffer being written, and the buffers behind it are complete
 * frames. A buffer written here ahead of its turn has nothing remaining when the selector reaches
 * it, and writing it again is free.
 */
final class GatheringChannel implements WrappedByteChannel {
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
    /** The rest of a direct write the socket did not take; guarded by this. */
    private ByteBuffer unfinished;

    GatheringChannel(SocketChannel socket, Queue<ByteBuffer> sendQueue) {
        this.socket = socket;
        this.sendQueue = sendQueue;
    }

    /**
     * Writes {@code frames} now if nothing is waiting to go out, keeping what the socket did not
     * take; returns false, writing nothing, when something is waiting (queue {@code frames} then).
     */
    synchronized boolean writeIfIdle(ByteBuffer frames) throws IOException {
        if (unfinished != null || !sendQueue.isEmpty()) {
            return false;
        }
        socket.write(frames);
        if (frames.hasRemaining()) {
            unfinished = frames;
        }
        return true;
    }

    /** Bytes of a direct write still waiting for the socket. */
    synchronized long unfinishedBytes() {
        return unfinished == null ? 0 : unfinished.remaining();
    }

    @Override
    public synchronized int write(ByteBuffer head) throws IOException {
        if (!writeUnfinished()) {
            return 0; // the head waits; the library keeps asking while it has bytes remaining
        }
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

    /** Writes what a direct write left; true once nothing is left. Caller holds the monitor. */
    private boolean writeUnfinished() throws IOException {
        if (unfinished != null) {
            socket.write(unfinished);
            if (unfinished.hasRemaining()) {
                return false;
            }
            unfinished = null;
        }
        return true;
    }

    /** The library asks for this when its queue is empty and {@link #isNeedWrite} holds. */
    @Override
    public synchronized void writeMore() throws IOException {
        writeUnfinished();
    }

    @Override
    public synchronized boolean isNeedWrite() {
        return unfinished != null;
    }

    @Override
    public boolean isNeedRead() {
        return false;
    }

    @Override
    public int readMore(ByteBuffer target) {
        return 0;
    }

    @Override
    public boolean isBlocking() {
        return false;
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
