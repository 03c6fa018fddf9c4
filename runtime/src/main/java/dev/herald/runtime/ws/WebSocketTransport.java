package dev.herald.runtime.ws;

import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.OutgoingFrame;
import dev.herald.runtime.fanout.Transport;
import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.WebSocketImpl;

/** The fan-out core's view of one Java-WebSocket connection. */
final class WebSocketTransport implements Transport {
    private final WebSocketImpl socket;
    /** Set once admitted; read by the server's close callback. */
    volatile FanOut.Connection connection;
    /** Last time anything came from the client (nanoTime), for the idle timeout. */
    volatile long lastSeen = System.nanoTime();
    /** {@link FanOut#published()} when the handshake arrived, before the client could see it open. */
    final long publishedAtHandshake;

    /** Tells the server's selector that this socket has bytes to write. */
    private final java.util.function.Consumer<WebSocketImpl> writeDemand;

    WebSocketTransport(
            WebSocketImpl socket, long publishedAtHandshake, java.util.function.Consumer<WebSocketImpl> writeDemand) {
        this.socket = socket;
        this.publishedAtHandshake = publishedAtHandshake;
        this.writeDemand = writeDemand;
    }

    /**
     * Queues the frames as one buffer with one write demand. The wire bytes of a server frame are the
     * same for every connection (no mask), so each event's frame is built once and shared; a single
     * frame goes out as a view of it, several are copied into one buffer so the selector writes them
     * with one call. Whole frames only, so the library's own frames (ping, pong, close) interleave
     * safely.
     */
    @Override
    public boolean send(List<OutgoingFrame> frames) {
        ByteBuffer buffer;
        if (frames.size() == 1) {
            buffer = ByteBuffer.wrap(frames.get(0).<byte[]>cached(WebSocketTransport::wireFrame));
        } else {
            int size = 0;
            for (OutgoingFrame frame : frames) {
                size += frame.<byte[]>cached(WebSocketTransport::wireFrame).length;
            }
            buffer = ByteBuffer.allocate(size);
            for (OutgoingFrame frame : frames) {
                buffer.put(frame.<byte[]>cached(WebSocketTransport::wireFrame));
            }
            buffer.flip();
        }
        return enqueue(buffer);
    }

    private boolean enqueue(ByteBuffer buffer) {
        if (!socket.isOpen()) {
            return false;
        }
        socket.outQueue.add(buffer);
        writeDemand.accept(socket);
        return true;
    }

    /** An unmasked, final text frame (RFC 6455 section 5.2) carrying {@code json}. */
    static byte[] wireFrame(byte[] json) {
        int length = json.length;
        int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) 0x81; // FIN, text
        if (header == 2) {
            frame[1] = (byte) length;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(json, 0, frame, header, length);
        return frame;
    }

    @Override
    public boolean sendControl(byte[] json) {
        return enqueue(ByteBuffer.wrap(wireFrame(json)));
    }

    @Override
    public long queuedBytes() {
        long bytes = 0;
        for (ByteBuffer buffer : socket.outQueue) {
            bytes += buffer.remaining();
        }
        return bytes;
    }

    @Override
    public void close(int code, String reason) {
        socket.close(code, reason);
    }
}
