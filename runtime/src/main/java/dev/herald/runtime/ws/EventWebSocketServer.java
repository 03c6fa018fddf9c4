package dev.herald.runtime.ws;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.Subscription;
import dev.herald.runtime.fanout.AccessPolicy;
import dev.herald.runtime.fanout.Admission;
import dev.herald.runtime.fanout.Authenticator;
import dev.herald.runtime.fanout.CloseCodes;
import dev.herald.runtime.fanout.ConnectionStats;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.Handshake;
import dev.herald.runtime.json.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Pushes the events of an {@link EventBus} to WebSocket clients, one text frame per event:
 * {@code {"event":"fs.created","data":{...},"ts":1704508800000}}.
 *
 * <pre>{@code
 * EventWebSocketServer ws = EventWebSocketServer.builder(bus)
 *     .port(8081).path("/api/events/ws")
 *     .allowedOrigins("https://app.example.com")
 *     .authenticator(handshake -> handshake.cookie("session").map(sessions::user).orElse(null))
 *     .accessPolicy((user, type, event) -> ...)
 *     .build();
 * ws.start();
 * }</pre>
 *
 * <p>The transport on Java-WebSocket; the fan-out itself (filters, encode once, byte budgets,
 * {@code $resync}) is {@link FanOut}. A refused client is upgraded and closed at once with 4400,
 * 4401, 4403 or 4429 and a reason, before any event can reach it.
 */
public final class EventWebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(EventWebSocketServer.class);

    private final EventBus bus;
    private final Builder config;
    private final Admission admission;
    private final FanOut fanOut;
    private final Server server;
    private final ScheduledExecutorService timers;
    /** Every socket the server created, until closed: handshake timeouts and force-closing at stop. */
    private final Map<WebSocketImpl, Long> sockets = new ConcurrentHashMap<>();

    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile Subscription busSubscription;
    private volatile boolean stopped;

    private EventWebSocketServer(EventBus bus, Builder config) {
        this.bus = bus;
        this.config = config;
        this.admission = new Admission(config.path, config.allowedOrigins, config.authenticator);
        this.fanOut = new FanOut(
                EventJson.create(bus.registry()),
                config.accessPolicy,
                new FanOut.Settings(
                        config.byteBudget,
                        config.overBudgetTimeout,
                        config.handoffCapacity,
                        config.maxConnections,
                        Duration.ofMillis(50)));
        this.server = new Server(config.bindAddress);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "herald-ws-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Builder builder(EventBus bus) {
        return new Builder(Objects.requireNonNull(bus, "bus"));
    }

    /**
     * Binds the port and starts serving; returns once the port is bound.
     *
     * @throws UncheckedIOException with the bind error (port in use, no such address)
     */
    public EventWebSocketServer start() {
        server.start();
        try {
            started.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            fanOut.close();
            timers.shutdownNow();
            Throwable cause = e.getCause();
            throw cause instanceof IOException io
                    ? new UncheckedIOException("cannot bind " + config.bindAddress + ": " + io.getMessage(), io)
                    : new IllegalStateException("cannot start on " + config.bindAddress, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the server did not bind within 10 s", e);
        }
        busSubscription = bus.onAny((type, event) -> fanOut.publish(type, (Record) event));
        long tick = Math.min(1000, Math.max(10, config.handshakeTimeout.toMillis() / 4));
        timers.scheduleWithFixedDelay(this::closeStalledHandshakes, tick, tick, TimeUnit.MILLISECONDS);
        long ping = config.pingInterval.toMillis();
        timers.scheduleWithFixedDelay(this::pingAndCloseIdle, ping, ping, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The bound port (the real one when built with port 0). */
    public int port() {
        return server.getPort();
    }

    /** Admitted connections now. */
    public int connectionCount() {
        return fanOut.connectionCount();
    }

    /** A snapshot of every admitted connection. */
    public List<ConnectionStats> connections() {
        return fanOut.stats();
    }

    /** Stops within 5 s; see {@link #stop(Duration)}. */
    public void stop() {
        stop(Duration.ofSeconds(5));
    }

    /**
     * Sends close 1001 to every client, waits up to {@code timeout} for the close handshakes, then
     * closes whatever is left (a stalled client never answers), frees the port and returns. Emits
     * during or after this are ignored.
     */
    public void stop(Duration timeout) {
        if (stopped) {
            return;
        }
        stopped = true;
        Subscription subscription = busSubscription;
        if (subscription != null) {
            subscription.close();
        }
        fanOut.close();
        timers.shutdownNow();
        try {
            server.stop((int) Math.max(1, timeout.toMillis()), "server stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Java-WebSocket 1.6.0 can throw ClosedSelectorException here when its selector thread
            // shuts down while stop() is still sending close frames; the force-close below finishes.
            LOG.debug("Java-WebSocket stop failed; closing the remaining connections", e);
        }
        for (WebSocketImpl socket : new ArrayList<>(sockets.keySet())) {
            if (socket.getReadyState() != ReadyState.CLOSED) {
                try {
                    socket.closeConnection(CloseFrame.GOING_AWAY, "server stopped");
                } catch (RuntimeException e) {
                    LOG.debug("Force-closing {} failed", socket.getRemoteSocketAddress(), e);
                }
            }
        }
        sockets.clear();
    }

    private void closeStalledHandshakes() {
        long limit = System.nanoTime() - config.handshakeTimeout.toNanos();
        for (Map.Entry<WebSocketImpl, Long> entry : sockets.entrySet()) {
            WebSocketImpl socket = entry.getKey();
            if (entry.getValue() < limit && socket.getReadyState() == ReadyState.NOT_YET_CONNECTED) {
                LOG.debug(
                        "Closing {}: no complete handshake within {}",
                        socket.getRemoteSocketAddress(),
                        config.handshakeTimeout);
                socket.closeConnection(CloseFrame.NEVER_CONNECTED, "handshake timeout");
                sockets.remove(socket);
            }
        }
    }

    private void pingAndCloseIdle() {
        long idleLimit = System.nanoTime() - config.idleTimeout.toNanos();
        for (WebSocket socket : server.getConnections()) {
            WebSocketTransport transport = socket.getAttachment();
            if (transport == null || !socket.isOpen()) {
                continue;
            }
            if (transport.lastSeen < idleLimit) {
                LOG.debug("Closing {}: silent for {}", socket.getRemoteSocketAddress(), config.idleTimeout);
                socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "no answer to pings");
            } else {
                try {
                    socket.sendPing();
                } catch (RuntimeException e) {
                    // closed meanwhile
                }
            }
        }
    }

    static Handshake handshake(ClientHandshake request, InetSocketAddress remote) {
        String descriptor = request.getResourceDescriptor();
        int question = descriptor.indexOf('?');
        String path = question < 0 ? descriptor : descriptor.substring(0, question);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (question >= 0) {
            for (String pair : descriptor.substring(question + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String> headers = new HashMap<>();
        for (Iterator<String> names = request.iterateHttpFields(); names.hasNext(); ) {
            String name = names.next();
            headers.put(name.toLowerCase(Locale.ROOT), request.getFieldValue(name));
        }
        return new Handshake(path, query, headers, remote);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape stays as is and fails name validation
        }
    }

    /** The Java-WebSocket server: admission on open, removal on close. */
    private final class Server extends WebSocketServer {
        Server(InetSocketAddress address) {
            super(address, List.of(new Draft_6455(Collections.emptyList(), config.maxClientFrameBytes)));
            setTcpNoDelay(true);
            setReuseAddr(true);
            setDaemon(true);
            setConnectionLostTimeout(0); // our own ping and idle timeout, see pingAndCloseIdle
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

        @Override
        public void onStart() {
            started.complete(null);
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
                WebSocket socket, Draft draft, ClientHandshake request) throws InvalidDataException {
            // Before the upgrade response goes out: events published from here on either reach the
            // client or earn it a $resync (see FanOut.admit).
            socket.setAttachment(
                    new WebSocketTransport((WebSocketImpl) socket, fanOut.published(), this::onWriteDemand));
            return super.onWebsocketHandshakeReceivedAsServer(socket, draft, request);
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake request) {
            WebSocketTransport transport = socket.getAttachment();
            Admission.Decision decision = stopped
                    ? new Admission.Refused(CloseCodes.GOING_AWAY, "server stopping")
                    : admission.decide(handshake(request, socket.getRemoteSocketAddress()));
            if (decision instanceof Admission.Refused refused) {
                socket.close(refused.code(), refused.reason());
                return;
            }
            Admission.Admitted admitted = (Admission.Admitted) decision;
            FanOut.Connection connection =
                    fanOut.admit(transport, admitted.principal(), admitted.names(), transport.publishedAtHandshake);
            if (connection == null) {
                socket.close(CloseCodes.TOO_MANY_CONNECTIONS, "too many connections");
                return;
            }
            transport.connection = connection;
            if (!socket.isOpen()) {
                connection.remove(); // closed while we decided
            }
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            sockets.remove((WebSocketImpl) socket);
            WebSocketTransport transport = socket.getAttachment();
            if (transport != null && transport.connection != null) {
                transport.connection.remove();
            }
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            seen(socket); // clients need send nothing; what they send is ignored
        }

        @Override
        public void onMessage(WebSocket socket, java.nio.ByteBuffer message) {
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

        private void seen(WebSocket socket) {
            WebSocketTransport transport = socket.getAttachment();
            if (transport != null) {
                transport.lastSeen = System.nanoTime();
            }
        }
    }

    /** Settings of an {@link EventWebSocketServer}; every one has a default. */
    public static final class Builder {
        private final EventBus bus;
        private InetSocketAddress bindAddress = new InetSocketAddress(8081);
        private String path = "/api/events/ws";
        private Set<String> allowedOrigins = Set.of();
        private Authenticator authenticator = Authenticator.ANONYMOUS;
        private AccessPolicy accessPolicy = AccessPolicy.ALLOW_ALL;
        private long byteBudget = 1 << 20;
        private Duration overBudgetTimeout = Duration.ofSeconds(30);
        private int handoffCapacity = 65_536;
        private int maxConnections = 10_000;
        private Duration pingInterval = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private int maxClientFrameBytes = 4096;

        private Builder(EventBus bus) {
            this.bus = bus;
        }

        /** Listen on all interfaces on this port; 0 picks a free one (see {@link #port()}). */
        public Builder port(int port) {
            this.bindAddress = new InetSocketAddress(port);
            return this;
        }

        /** Listen on this address and port, such as {@code 127.0.0.1:8081}. */
        public Builder bindAddress(InetSocketAddress address) {
            this.bindAddress = Objects.requireNonNull(address);
            return this;
        }

        /** The only path served; default {@code /api/events/ws}. */
        public Builder path(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            this.path = path;
            return this;
        }

        /**
         * Origins admitted, exactly as {@code scheme://host[:port]}. Without any, a browser is admitted
         * only from the host the server is reached at (any port); clients without Origin always are.
         */
        public Builder allowedOrigins(String... origins) {
            this.allowedOrigins = Set.copyOf(new LinkedHashSet<>(List.of(origins)));
            return this;
        }

        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator);
            return this;
        }

        public Builder accessPolicy(AccessPolicy accessPolicy) {
            this.accessPolicy = Objects.requireNonNull(accessPolicy);
            return this;
        }

        /** Bytes a connection may have queued before its events are dropped (then {@code $resync}); default 1 MiB. */
        public Builder byteBudget(long bytes) {
            this.byteBudget = positive(bytes, "byteBudget");
            return this;
        }

        /** How long a connection may stay over budget before it is closed with 4008; default 30 s. */
        public Builder overBudgetTimeout(Duration timeout) {
            this.overBudgetTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Events waiting for the fan-out thread at most; default 65,536. */
        public Builder handoffCapacity(int frames) {
            this.handoffCapacity = (int) positive(frames, "handoffCapacity");
            return this;
        }

        /** Connections admitted at most; more are closed with 4429. Default 10,000. */
        public Builder maxConnections(int connections) {
            this.maxConnections = (int) positive(connections, "maxConnections");
            return this;
        }

        /** Ping interval (default 30 s) and the silence after which a connection is closed (default 60 s). */
        public Builder heartbeat(Duration pingInterval, Duration idleTimeout) {
            this.pingInterval = Objects.requireNonNull(pingInterval);
            this.idleTimeout = Objects.requireNonNull(idleTimeout);
            return this;
        }

        /** A connection that has not finished its handshake by then is closed; default 10 s. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** A client frame over this size closes the connection with 1009; default 4 KiB. */
        public Builder maxClientFrameBytes(int bytes) {
            this.maxClientFrameBytes = (int) positive(bytes, "maxClientFrameBytes");
            return this;
        }

        public EventWebSocketServer build() {
            return new EventWebSocketServer(bus, this);
        }

        private static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
