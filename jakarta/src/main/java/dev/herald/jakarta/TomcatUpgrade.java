package dev.herald.jakarta;

import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection Herald took over from Tomcat with a Servlet HTTP upgrade, through Tomcat's extension
 * point for protocol handlers ({@link InternalHttpUpgradeHandler}, which Tomcat's own WebSocket and
 * HTTP/2 use): Tomcat hands over its socket, reads are dispatched here, and writes are Tomcat's
 * gathering non-blocking writes. The plain Servlet API would do for writing, but not for closing: a
 * closed {@code WebConnection} keeps its socket until the client sends something, so a client that
 * stopped reading would keep its connection forever.
 *
 * <p>Tomcat makes the handler (hence public, with a public constructor), sets its socket, then calls
 * {@link #init} once the servlet returned; the servlet {@linkplain #attach attaches} the transport
 * right after {@code upgrade}, so whichever of the two comes second starts the connection. Not for
 * applications' use.
 */
public final class TomcatUpgrade implements InternalHttpUpgradeHandler, FrameSocket {
    private static final Logger LOG = LoggerFactory.getLogger(TomcatUpgrade.class);

    /** Scratch space of Tomcat's reading thread, not of the connection. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(8192));

    private volatile SocketWrapperBase<?> socket;
    private UpgradeTransport transport;
    private boolean initialized;
    private boolean released;

    public TomcatUpgrade() {}

    /** Called by the servlet once {@code upgrade} returned. */
    void attach(UpgradeTransport attached) {
        boolean ready;
        synchronized (this) {
            transport = attached;
            ready = initialized;
        }
        if (ready) {
            attached.start(this);
        }
    }

    @Override
    public void init(WebConnection connection) {
        UpgradeTransport ready;
        synchronized (this) {
            initialized = true;
            ready = transport;
        }
        if (ready != null) {
            ready.start(this);
        }
    }

    @Override
    public void setSocketWrapper(SocketWrapperBase<?> wrapper) {
        this.socket = wrapper;
    }

    @Override
    public void setSslSupport(SSLSupport sslSupport) {
        // TLS is the connector's; nothing here depends on it.
    }

    /** Reads what the client sent (Tomcat asks again once more arrives), or ends the connection. */
    @Override
    public SocketState upgradeDispatch(SocketEvent status) {
        UpgradeTransport attached;
        synchronized (this) {
            attached = transport;
        }
        if (status == SocketEvent.OPEN_READ && attached != null) {
            ByteBuffer buffer = READ_BUFFER.get();
            try {
                while (true) {
                    buffer.clear();
                    int read = socket.read(false, buffer);
                    if (read < 0) {
                        release();
                        return SocketState.CLOSED;
                    }
                    if (read == 0) {
                        return SocketState.UPGRADED;
                    }
                    buffer.flip();
                    attached.received(buffer); // once closing, read and dropped
                }
            } catch (IOException e) {
                LOG.debug("Reading from an upgraded connection failed", e);
                release();
                return SocketState.CLOSED;
            }
        }
        if (status == SocketEvent.OPEN_READ || status == SocketEvent.OPEN_WRITE) {
            return SocketState.UPGRADED;
        }
        LOG.debug("Tomcat ends an upgraded connection: {}", status);
        release(); // stop, disconnect, error, timeout
        return SocketState.CLOSED;
    }

    /**
     * A non-blocking gathering write: never waits, not even for an earlier write (there is none, the
     * transport has one outstanding at most, and Tomcat frees its slot before calling back), so a
     * fan-out lane never blocks in it.
     */
    @Override
    public void write(ByteBuffer[] buffers, WriteDone done) {
        SocketWrapperBase.CompletionState state = socket.write(
                SocketWrapperBase.BlockingMode.NON_BLOCK,
                -1,
                TimeUnit.MILLISECONDS,
                null,
                SocketWrapperBase.COMPLETE_WRITE_WITH_COMPLETION,
                new CompletionHandler<Long, Void>() {
                    @Override
                    public void completed(Long written, Void attachment) {
                        done.written();
                    }

                    @Override
                    public void failed(Throwable error, Void attachment) {
                        done.failed(error);
                    }
                },
                buffers);
        if (state == SocketWrapperBase.CompletionState.NOT_DONE) {
            done.failed(new IllegalStateException("Tomcat refused a write: another one is pending"));
        }
    }

    @Override
    public void close() {
        SocketWrapperBase<?> wrapper = socket;
        if (wrapper != null) {
            wrapper.close();
        }
        release();
    }

    @Override
    public void timeoutAsync(long now) {
        // Herald's own sweep times connections out.
    }

    @Override
    public void pause() {
        // The endpoint drains its connections itself when the application stops.
    }

    /** Tomcat is done with the connection. */
    @Override
    public void destroy() {
        release();
    }

    private void release() {
        UpgradeTransport attached;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            attached = transport;
        }
        if (attached != null) {
            attached.released();
        }
    }
}
