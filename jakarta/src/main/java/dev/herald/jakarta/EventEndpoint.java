package dev.herald.jakarta;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.ConnectionStats;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.EndpointCounters;
import dev.herald.runtime.fanout.EndpointOptions;
import dev.herald.runtime.fanout.EndpointSettings;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.MonitoredEndpoint;
import dev.herald.runtime.json.EventJson;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the events of an {@link EventBus} to WebSocket clients on the server the application
 * already runs (Tomcat, Jetty, any Jakarta WebSocket 2.1 container): same port, origin, TLS and
 * login as its HTTP API. The same fan-out core, wire frames, close codes and {@code $resync} as
 * {@code EventWebSocketServer}, with the same options.
 *
 * <pre>{@code
 * EventEndpoint endpoint = EventEndpoint.builder(bus)
 *     .path("/api/events/ws")
 *     .authenticator(handshake -> handshake.principal().orElse(null))
 *     .build();
 * endpoint.deploy(serverContainer);   // jakarta.websocket.server.ServerContainer
 * }</pre>
 *
 * <p>The container owns the connections' lifecycle below the WebSocket layer: a client that
 * half-sends its upgrade request is closed by the container's connection timeout (Tomcat's
 * {@code connectionTimeout}, Jetty's idle timeout), not by {@code handshakeTimeout}, and the
 * remote address is not known to the authenticator ({@link dev.herald.runtime.fanout.Handshake}
 * carries the container's authenticated {@code Principal} instead).
 */
public final class EventEndpoint implements AutoCloseable, MonitoredEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(EventEndpoint.class);

    private final EventBus bus;
    private final EndpointSettings settings;
    private final FanOut<TextFrame> fanOut;
    private final ExecutorService writer;
    private final ExecutorService closer;
    private final HeraldEndpoint endpoint;

    private volatile boolean deployed;
    private volatile boolean stopped;

    private EventEndpoint(EventBus bus, EndpointSettings settings) {
        this.bus = bus;
        this.settings = settings;
        this.fanOut = new FanOut<>(EventJson.create(bus.registry()), settings, TextFrame::of);
        AtomicInteger threads = new AtomicInteger();
        // Writes use every core: a send that the container completes at once wrote the socket.
        this.writer = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                r -> daemon(r, "herald-jakarta-write-" + threads.incrementAndGet()));
        this.closer =
                Executors.newCachedThreadPool(r -> daemon(r, "herald-jakarta-close-" + threads.incrementAndGet()));
        this.endpoint = new HeraldEndpoint(settings, writer, closer);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    public static Builder builder(EventBus bus) {
        return new Builder(Objects.requireNonNull(bus, "bus"));
    }

    /** The endpoint's configuration: its path, and the configurator that runs the handshake rules. */
    private ServerEndpointConfig endpointConfig() {
        return ServerEndpointConfig.Builder.create(HeraldEndpoint.class, settings.path())
                .configurator(new HandshakeConfigurator(fanOut, endpoint))
                .build();
    }

    /**
     * Adds the endpoint to the container at its path and starts forwarding the bus's events.
     *
     * @throws DeploymentException when the container refuses (path taken, already started)
     */
    public EventEndpoint deploy(ServerContainer container) throws DeploymentException {
        if (deployed) {
            throw new IllegalStateException("already deployed");
        }
        container.addEndpoint(endpointConfig());
        deployed = true;
        fanOut.forward(bus);
        return this;
    }

    /** The options it was built with. */
    public EndpointSettings settings() {
        return settings;
    }

    /** {@code jakarta}. */
    @Override
    public String transport() {
        return "jakarta";
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

    /** A snapshot of every admitted connection. */
    public List<ConnectionStats> connections() {
        return fanOut.stats();
    }

    /** Stops within 5 s; see {@link #stop(Duration)}. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    /**
     * Stops forwarding events, refuses new connections (1012) and closes every session with 1012 (service restart)
     * after the frames already queued for it, waiting up to {@code timeout} for the closes (a client
     * that stopped reading may never answer; the container then ends it). The endpoint stays registered in the container, which has no
     * way to remove one; emits during or after this are ignored.
     */
    public void stop(Duration timeout) {
        if (stopped) {
            return;
        }
        stopped = true;
        fanOut.close(); // no more events; from here on, handshakes are refused with 1012
        Map<SessionTransport, CompletableFuture<Void>> closes = new HashMap<>();
        for (SessionTransport transport : endpoint.transports) {
            closes.put(transport, transport.closeWhenSent(Disconnect.SERVICE_RESTART));
        }
        try {
            CompletableFuture.allOf(closes.values().toArray(CompletableFuture[]::new))
                    .get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("Not every session closed within {}", timeout, e);
        }
        // Clients that stopped reading still hold a send: closed now, the container ends them.
        closes.forEach((transport, closed) -> {
            if (!closed.isDone()) {
                transport.close(Disconnect.SERVICE_RESTART);
            }
        });
        closer.shutdown();
        writer.shutdown();
    }

    /**
     * Settings of an {@link EventEndpoint}: the options every events endpoint shares (see {@link
     * EndpointOptions}), with the same names and defaults as {@code EventWebSocketServer}'s.
     */
    public static final class Builder extends EndpointOptions<Builder> {
        private final EventBus bus;

        private Builder(EventBus bus) {
            this.bus = bus;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public EventEndpoint build() {
            return new EventEndpoint(bus, settings());
        }
    }
}
