package dev.herald.runtime.ws;

import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.Transport;
import dev.herald.runtime.internal.WebSocketFrames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.function.Consumer;
import org.java_websocket.WebSocketImpl;

/**
 * The fan-out core's view of one Java-WebSocket connection. Its frame form is the finished wire
 * frame: a server frame has no mask, so its bytes are the same for every connection, and each
 * event's frame is built once ({@link WebSocketFrames#text}) and shared.
 */
final class WebSocketTransport implements Transport<byte[]> {
    private final WebSocketImpl socket;
    /**
     * The core's decision on the handshake, made before the upgrade response went out; dropped once
     * the connection is open, so an open connection does not keep it.
     */
    volatile FanOut<byte[]>.Ticket ticket;
    /** Set once admitted; read by the server's close callback. */
    volatile Connection<byte[]> connection;
    /** When {@link #close} sent the close frame (nanoTime), 0 before; see {@link LibraryServer#closeAbandoned}. */
    volatile long closeSentAt;

    /** Tells the server's selector that this socket has bytes to write. */
    private final Consumer<WebSocketImpl> writeDemand;

    WebSocketTransport(WebSocketImpl socket, FanOut<byte[]>.Ticket ticket, Consumer<WebSocketImpl> writeDemand) {
        this.socket = socket;
        this.ticket = ticket;
        this.writeDemand = writeDemand;
    }

    /**
     * Sends the frames as one buffer: written at once when nothing else waits for this socket (see
     * {@link GatheringChannel#writeIfIdle}), else queued with one write demand for the selector. A
     * single frame goes as a view of its shared bytes, several copied into one buffer. Whole frames
     * only, so the library's own frames (ping, pong, close) interleave safely.
     */
    @Override
    public boolean send(List<byte[]> frames) {
        ByteBuffer buffer;
        if (frames.size() == 1) {
            buffer = ByteBuffer.wrap(frames.get(0));
        } else {
            int size = 0;
            for (byte[] frame : frames) {
                size += frame.length;
            }
            buffer = ByteBuffer.allocate(size);
            for (byte[] frame : frames) {
                buffer.put(frame);
            }
            buffer.flip();
        }
        if (!socket.isOpen()) {
            return false;
        }
        GatheringChannel channel = (GatheringChannel) socket.getChannel();
        try {
            if (channel.writeIfIdle(buffer)) {
                if (buffer.hasRemaining()) {
                    writeDemand.accept(socket); // the selector writes the rest when the socket takes it
                }
                return true;
            }
        } catch (IOException e) {
            return false; // reset or closed by the peer; the library sees it on its side and closes
        }
        socket.outQueue.add(buffer);
        writeDemand.accept(socket);
        return true;
    }

    /**
     * Also renews a write demand the library lost. Java-WebSocket's selector sets a key back to
     * {@code OP_READ} after its write loop; a demand another thread made in between (this core's
     * lane, queueing a frame) is overwritten, and the frame waits for the next demand: the next
     * event, or never for a connection that is closing, whose client then waits for the server to
     * close. The core asks every connection for its queue on each sweep, so a lost demand costs a
     * sweep interval at most.
     */
    @Override
    public long queuedBytes() {
        // The core asks for every connection on each sweep; a healthy one has nothing queued, and
        // isEmpty is a plain read where walking the queue takes its locks, which the selector
        // thread contends for.
        long unfinished = ((GatheringChannel) socket.getChannel()).unfinishedBytes();
        if (socket.outQueue.isEmpty() && unfinished == 0) {
            return 0;
        }
        long bytes = unfinished;
        for (ByteBuffer buffer : socket.outQueue) {
            bytes += buffer.remaining();
        }
        if (bytes > 0) {
            renewLostWriteDemand();
        }
        return bytes;
    }

    /** Tells the selector again that this socket has bytes to write, if it forgot (see {@link #queuedBytes}). */
    void renewLostWriteDemand() {
        if (writeDemandLost()) {
            writeDemand.accept(socket);
        }
    }

    private boolean writeDemandLost() {
        SelectionKey key = socket.getSelectionKey();
        try {
            return key != null && (key.interestOps() & SelectionKey.OP_WRITE) == 0;
        } catch (CancelledKeyException e) {
            return false; // closed meanwhile: nothing will be written any more
        }
    }

    @Override
    public void ping() {
        try {
            socket.sendPing();
        } catch (RuntimeException e) {
            // closed meanwhile; the library reports the close
        }
    }

    /**
     * Sends the close frame. A client that never answers it (one that stopped reading, or is gone)
     * is dropped by {@link LibraryServer#closeAbandoned} after {@link LibraryServer#CLOSE_GRACE}.
     */
    @Override
    public void close(Disconnect disconnect) {
        closeSentAt = System.nanoTime();
        socket.close(disconnect.code(), disconnect.reason());
    }
}
