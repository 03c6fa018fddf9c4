package dev.herald.runtime.ws;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.BrokerHealth;
import dev.herald.runtime.fanout.ConnectionStats;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.EndpointCounters;
import dev.herald.runtime.fanout.EndpointOptions;
import dev.herald.runtime.fanout.EndpointSettings;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.MonitoredEndpoint;
import dev.herald.runtime.internal.WebSocketFrames;
import dev.herald.runtime.json.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the events of an {@link EventBus} to WebSocket clients on a port of its own, one text frame
 * per event: {@code {"event":"fs.created","data":{...},"ts":1704508800000}}.
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
 * <p>The transport on Java-WebSocket ({@link LibraryServer}, and {@link AbandonedSockets} for what
 * no client finishes); the fan-out itself (admission, filters, encode once, byte budgets, {@code
 * $resync}, pings and the idle timeout) is {@link FanOut}.
 * A refused client is upgraded and closed at once with 4400, 4401, 4403 or 4429 and a reason,
 * before any event can reach it.
 */
public final class EventWebSocketServer implements MonitoredEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(EventWebSocketServer.class);

    private final EventBus bus;
    private final InetSocketAddress bindAddress;
    private final FanOut<byte[]> fanOut;
    private final LibraryServer server;
    private final AbandonedSockets abandonedSockets;

    private volatile boolean started;
    private volatile boolean stopped;

    private EventWebSocketServer(EventBus bus, InetSocketAddress bindAddress, EndpointSettings settings) {
        this.bus = bus;
        this.bindAddress = bindAddress;
        this.fanOut = new FanOut<>(EventJson.create(bus.registry()), settings, WebSocketFrames::text);
        this.server = new LibraryServer(bindAddress, settings, fanOut);
        this.abandonedSockets = new AbandonedSockets(server, settings);
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
            server.started.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            fanOut.close();
            abandonedSockets.close();
            Throwable cause = e.getCause();
            throw cause instanceof IOException io
                    ? new UncheckedIOException("cannot bind " + bindAddress + ": " + io.getMessage(), io)
                    : new IllegalStateException("cannot start on " + bindAddress, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the server did not bind within 10 s", e);
        }
        fanOut.forward(bus);
        abandonedSockets.start();
        started = true;
        return this;
    }

    /** The bound port (the real one when built with port 0). */
    public int port() {
        return server.getPort();
    }

    /** {@code websocket}. */
    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public EndpointCounters counters() {
        return fanOut.counters();
    }

    /** Admitted connections now. */
    @Override
    public int connectionCount() {
        return fanOut.connectionCount();
    }

    @Override
    public boolean isRunning() {
        return started && !stopped;
    }

    @Override
    public Optional<BrokerHealth> broker() {
        return fanOut.brokerHealth();
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
     * Sends close 1012 (service restart) to every client, waits up to {@code timeout} for the close handshakes (a
     * client that reads gets the frames queued for it, then its close frame), then closes whatever
     * is left (a stalled client never answers), frees the port and returns. Emits during or after
     * this are ignored.
     */
    public void stop(Duration timeout) {
        if (stopped) {
            return;
        }
        stopped = true;
        long deadline = System.nanoTime() + Math.max(1, timeout.toNanos());
        fanOut.close(); // no more events; from here on, handshakes are refused with 1012
        abandonedSockets.close();
        try {
            server.closeAll(Disconnect.SERVICE_RESTART.code(), Disconnect.SERVICE_RESTART.reason(), deadline);
            // Frees the port once its selector thread ends (25 ms after its last ready key);
            // what is left open is force-closed below.
            long leftMillis = Math.max(100, (deadline - System.nanoTime()) / 1_000_000);
            server.stop((int) leftMillis, "server stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Java-WebSocket 1.6.0 can throw ClosedSelectorException here when its selector thread
            // shuts down while stop() is still sending close frames; the force-close below finishes.
            LOG.debug("Java-WebSocket stop failed; closing the remaining connections", e);
        }
        server.forceCloseAll();
    }

    /**
     * Settings of an {@link EventWebSocketServer}: the options every events endpoint shares (see
     * {@link EndpointOptions}) plus the address to listen on. Every one has a default.
     */
    public static final class Builder extends EndpointOptions<Builder> {
        private final EventBus bus;
        private InetSocketAddress bindAddress = new InetSocketAddress(8081);

        private Builder(EventBus bus) {
            this.bus = bus;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Listen on all interfaces on this port (default 8081); 0 picks a free one (see {@link #port()}). */
        public Builder port(int port) {
            this.bindAddress = new InetSocketAddress(port);
            return this;
        }

        /** Listen on this address and port, such as {@code 127.0.0.1:8081}. */
        public Builder bindAddress(InetSocketAddress address) {
            this.bindAddress = Objects.requireNonNull(address);
            return this;
        }

        public EventWebSocketServer build() {
            return new EventWebSocketServer(bus, bindAddress, settings());
        }
    }
}
