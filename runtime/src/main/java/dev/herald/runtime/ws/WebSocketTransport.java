package dev.herald.runtime.ws;

import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.OutgoingFrame;
import dev.herald.runtime.fanout.Transport;
import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;

/** The fan-out core's view of one Java-WebSocket connection. */
final class WebSocketTransport implements Transport {
    private final WebSocketImpl socket;
    /** Set once admitted; read by the server's close callback. */
    volatile FanOut.Connection connection;
    /** Last time anything came from the client (nanoTime), for the idle timeout. */
    volatile long lastSeen = System.nanoTime();
    /** {@link FanOut#published()} when the handshake arrived, before the client could see it open. */
    final long publishedAtHandshake;

    WebSocketTransport(WebSocketImpl socket, long publishedAtHandshake) {
        this.socket = socket;
        this.publishedAtHandshake = publishedAtHandshake;
    }

    @Override
    public boolean send(OutgoingFrame frame) {
        // One text frame per event, built once and shared: Java-WebSocket writes each connection's
        // bytes from it (with per-message deflate off, the frame is not modified).
        List<Framedata> frames = frame.cached(WebSocketTransport::textFrame);
        try {
            socket.sendFrame(frames);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    @Override
    public boolean sendControl(byte[] json) {
        try {
            socket.sendFrame(textFrame(json));
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
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

    private static List<Framedata> textFrame(byte[] json) {
        TextFrame frame = new TextFrame();
        frame.setPayload(ByteBuffer.wrap(json));
        frame.setFin(true);
        return List.of(frame);
    }
}
