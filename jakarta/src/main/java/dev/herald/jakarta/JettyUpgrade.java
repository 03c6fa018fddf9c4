package dev.herald.jakarta;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection Herald took over from Jetty 12 (ee10) the way Jetty's own WebSocket does: the
 * servlet answers the handshake with a 101 through Jetty's core response and names this connection
 * as the one to take the socket ({@link HttpStream#UPGRADE_CONNECTION_ATTRIBUTE}); once the response
 * is complete Jetty swaps it in on the endpoint. Writes are the endpoint's gathering non-blocking
 * writes, so Herald's pre-built frames go out several per system call with none of Jetty's per-frame
 * WebSocket machinery. The Servlet HTTP upgrade would be the portable way, but Jetty 12.1's ee10
 * frames an upgraded servlet stream as a chunked HTTP body. Loaded only on Jetty.
 *
 * <p>Threading: Jetty calls {@link #onFillable} on one thread at a time; writes come from the
 * transport, one outstanding at a time, and complete inline or on Jetty's selector (non-blocking
 * completions, which only start the next write).
 */
final class JettyUpgrade extends AbstractConnection implements Connection.UpgradeTo, FrameSocket {
    private static final Logger LOG = LoggerFactory.getLogger(JettyUpgrade.class);

    /** Scratch space of Jetty's reading thread, not of the connection. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> BufferUtil.allocate(8192));

    private final UpgradeTransport transport;
    /** What the client sent along with its handshake, handed over by Jetty's HTTP connection. */
    private ByteBuffer prefilled;

    private JettyUpgrade(EndPoint endPoint, Executor executor, UpgradeTransport transport) {
        super(endPoint, executor);
        this.transport = transport;
    }

    /**
     * Answers the handshake with 101 and hands the connection to {@code transport} once Jetty wrote
     * the response. Blocks until it is written, as Jetty's own upgrade does.
     */
    static void takeOver(HttpServletRequest request, String acceptKey, UpgradeTransport transport) throws IOException {
        ServletContextRequest core = ServletContextRequest.getServletContextRequest(request);
        ServletContextResponse response = core.getServletContextResponse();
        JettyUpgrade connection = new JettyUpgrade(
                core.getConnectionMetaData().getConnection().getEndPoint(),
                core.getConnectionMetaData().getConnector().getExecutor(),
                transport);
        response.setStatus(101);
        response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
        response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
        response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_ACCEPT, acceptKey);
        core.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection);
        FutureCallback written = new FutureCallback();
        response.write(true, null, written);
        written.block();
    }

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        prefilled = buffer;
    }

    @Override
    public void onOpen() {
        super.onOpen();
        // Herald's heartbeat and sweep end dead and stalled clients; Jetty's idle timeout would end a
        // quiet healthy stream.
        getEndPoint().setIdleTimeout(0);
        transport.start(this);
        ByteBuffer early = prefilled;
        prefilled = null;
        if (BufferUtil.hasContent(early)) {
            transport.received(early);
        }
        fillInterested();
    }

    /** Reads what the client sent, then asks Jetty to call again once more arrives. */
    @Override
    public void onFillable() {
        ByteBuffer buffer = READ_BUFFER.get();
        try {
            while (true) {
                BufferUtil.clear(buffer);
                int read = getEndPoint().fill(buffer);
                if (read < 0) {
                    getEndPoint().close();
                    return;
                }
                if (read == 0) {
                    fillInterested();
                    return;
                }
                transport.received(buffer); // once closing, read and dropped
            }
        } catch (IOException e) {
            LOG.debug("Reading from an upgraded connection failed", e);
            getEndPoint().close(e);
        }
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        return false; // see onOpen
    }

    /** A non-blocking gathering write; the transport starts no other before {@code done} is called. */
    @Override
    public void write(ByteBuffer[] buffers, WriteDone done) {
        getEndPoint().write(Callback.from(Invocable.InvocationType.NON_BLOCKING, done::written, done::failed), buffers);
    }

    @Override
    public void close() {
        getEndPoint().close();
    }

    /** The endpoint closed: the transport ends the connection in the core. */
    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        transport.released();
    }
}
