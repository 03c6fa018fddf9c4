package dev.herald.runtime.ws;

import dev.herald.runtime.fanout.Admission;
import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.EndpointSettings;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.Handshake;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java-WebSocket side of {@link EventWebSocketServer}: turns the library's callbacks into the
 * core's handshake, open and close, and keeps every socket it created until it closes (for the
 * handshake timeout and for force-closing at stop). The only class that subclasses the library.
 */
final class LibraryServer extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryServer.class);

    private final FanOut<byte[]> fanOut;
    /** Every socket created, with its creation time (nanoTime), until closed. */
    private final Map<WebSocketImpl, Long> sockets = new ConcurrentHashMap<>();
    /** Completes when the port is bound, or exceptionally with the bind error. */
    final CompletableFuture<Void> started = new CompletableFuture<>();

    LibraryServer(InetSocketAddress address, EndpointSettings settings, FanOut<byte[]> fanOut) {
        super(address, List.of(new Draft_6455(Collections.emptyList(), settings.maxClientFrameBytes())));
        this.fanOut = fanOut;
        setTcpNoDelay(true);
        setReuseAddr(true);
        setDaemon(true);
        setConnectionLostTimeout(0); // the fan-out core pings and times out idle connections
        // The accept queue holds as many as may connect (the kernel caps it at net.core.somaxconn).
        // With the JDK's default of 50, a storm of connects (every tab after a restart) overflows
        // it, the kernel drops their SYNs, and those clients retry only after 1, 3, 7, 15 s.
        setMaxPendingConnections(settings.maxConnections());
        setWebSocketFactory(new WebSocketServerFactory() {
            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
                return tracked(new WebSocketImpl(adapter, drafts));
            }

            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
                return tracked(new WebSocketImpl(adapter, draft));
            }

            /** A connection's whole backlog in one system call; see {@link GatheringChannel}. */
            @Override
            public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
                return new GatheringChannel(channel, ((WebSocketImpl) key.attachment()).outQueue);
            }

            @Override
            public void close() {}
        });
    }

    private WebSocketImpl tracked(WebSocketImpl socket) {
        sockets.put(socket, System.nanoTime());
        return socket;
    }

    /**
     * How long a client may take to answer a close frame the server sent; then the connection is
     * dropped. Java-WebSocket would wait for the answer for ever (its own lost-connection timer is
     * off, the core does liveness), keeping a stalled or vanished client's socket and send queue.
     */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /**
     * Drops what no client will finish: sockets created before {@code handshakeLimitNanos} whose
     * handshake is not complete, and sockets whose close frame went out before {@code
     * closeLimitNanos} and are still not closed.
     */
    void closeAbandoned(long handshakeLimitNanos, long closeLimitNanos) {
        for (Map.Entry<WebSocketImpl, Long> entry : sockets.entrySet()) {
            WebSocketImpl socket = entry.getKey();
            ReadyState state = socket.getReadyState();
            if (entry.getValue() - handshakeLimitNanos < 0 && state == ReadyState.NOT_YET_CONNECTED) {
                LOG.debug("Closing {}: no complete handshake in time", socket.getRemoteSocketAddress());
                socket.closeConnection(CloseFrame.NEVER_CONNECTED, "handshake timeout");
                sockets.remove(socket);
            } else if (socket.getAttachment() instanceof WebSocketTransport transport
                    && transport.closeSentAt != 0
                    && transport.closeSentAt - closeLimitNanos < 0
                    && state != ReadyState.CLOSED) {
                LOG.debug("Dropping {}: no answer to its close frame", socket.getRemoteSocketAddress());
                socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "no answer to the close frame");
            }
        }
    }

    /**
     * Sends every connection a close frame and waits until each has closed or the deadline
     * (nanoTime) passes; true when every one closed. The library's own {@link #stop(int, String)}
     * cannot be trusted with this: its selector thread gives up after 25 ms without a ready key,
     * which a client on a slow network easily causes, and then drops every connection without
     * its close frame. While waiting, write demands the library lost are renewed (see {@link
     * WebSocketTransport#renewLostWriteDemand}), as the fan-out's sweep does while it runs: the
     * close frame waits behind the frames queued before it.
     */
    boolean closeAll(int code, String reason, long deadlineNanos) throws InterruptedException {
        for (WebSocket socket : getConnections()) {
            socket.close(code, reason);
        }
        while (true) {
            boolean open = false;
            for (WebSocket socket : getConnections()) {
                if (!socket.isClosed()) {
                    open = true;
                    WebSocketTransport transport = socket.getAttachment();
                    if (transport != null) {
                        transport.renewLostWriteDemand();
                    }
                }
            }
            if (!open) {
                return true;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
    }

    /** Closes whatever is still open or closing (a stalled client never answers a close). */
    void forceCloseAll() {
        for (WebSocketImpl socket : new ArrayList<>(sockets.keySet())) {
            if (socket.getReadyState() != ReadyState.CLOSED) {
                try {
                    socket.closeConnection(Disconnect.SERVICE_RESTART.code(), Disconnect.SERVICE_RESTART.reason());
                } catch (RuntimeException e) {
                    LOG.debug("Force-closing {} failed", socket.getRemoteSocketAddress(), e);
                }
            }
        }
        sockets.clear();
    }

    @Override
    public void onStart() {
        started.complete(null);
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
            WebSocket socket, Draft draft, ClientHandshake request) throws InvalidDataException {
        // Decided before the upgrade response goes out (see FanOut.handshake). A refused client is
        // still upgraded, then closed in onOpen: Java-WebSocket can refuse an upgrade only with 404,
        // which a browser cannot read.
        FanOut<byte[]>.Ticket ticket = fanOut.handshake(handshake(request, socket.getRemoteSocketAddress()));
        socket.setAttachment(new WebSocketTransport((WebSocketImpl) socket, ticket, this::onWriteDemand));
        return super.onWebsocketHandshakeReceivedAsServer(socket, draft, request);
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake request) {
        WebSocketTransport transport = socket.getAttachment();
        Connection<byte[]> connection = transport.ticket.open(transport);
        transport.ticket = null;
        if (connection == null) {
            return;
        }
        transport.connection = connection;
        // Closed while we decided. The channel too: when the client's socket ends while the library
        // is still completing the handshake, it can mark the connection open after closing it, and
        // then never calls onClose.
        if (!socket.isOpen() || !((WebSocketImpl) socket).getChannel().isOpen()) {
            connection.remove();
        }
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        sockets.remove((WebSocketImpl) socket);
        WebSocketTransport transport = socket.getAttachment();
        if (transport != null && transport.connection != null) {
            if (!remote && Disconnect.isProtocolError(code)) {
                transport.connection.brokeProtocol(code, reason);
            }
            transport.connection.remove();
        }
    }

    @Override
    public void onMessage(WebSocket socket, String message) {
        seen(socket); // clients need send nothing; what they send is ignored, but shows they are alive
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer message) {
        seen(socket);
    }

    @Override
    public void onWebsocketPong(WebSocket socket, Framedata frame) {
        seen(socket);
    }

    @Override
    public void onWebsocketPing(WebSocket socket, Framedata frame) {
        seen(socket);
        super.onWebsocketPing(socket, frame);
    }

    @Override
    public void onError(WebSocket socket, Exception error) {
        if (socket == null) {
            started.completeExceptionally(error);
            LOG.debug("WebSocket server error", error);
        } else {
            LOG.debug("WebSocket error on {}", socket.getRemoteSocketAddress(), error);
        }
    }

    private static void seen(WebSocket socket) {
        WebSocketTransport transport = socket.getAttachment();
        Connection<byte[]> connection = transport == null ? null : transport.connection;
        if (connection != null) {
            connection.seen();
        }
    }

    static Handshake handshake(ClientHandshake request, InetSocketAddress remote) {
        String target = request.getResourceDescriptor();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        Map<String, String> headers = new HashMap<>();
        for (Iterator<String> names = request.iterateHttpFields(); names.hasNext(); ) {
            String name = names.next();
            headers.put(name.toLowerCase(Locale.ROOT), request.getFieldValue(name));
        }
        return new Handshake(path, Admission.parseQuery(query), headers, remote);
    }
}
