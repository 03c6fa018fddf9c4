package dev.herald.webflux;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.BrokerHealth;
import dev.herald.runtime.fanout.ConnectionStats;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.DrainableTransport;
import dev.herald.runtime.fanout.EndpointCounters;
import dev.herald.runtime.fanout.EndpointOptions;
import dev.herald.runtime.fanout.EndpointSettings;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.MonitoredEndpoint;
import dev.herald.runtime.fanout.TextFrame;
import dev.herald.runtime.json.EventJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.WebHandler;

/**
 * Pushes the events of an {@link EventBus} to browsers from a reactive Spring application (WebFlux
 * on Reactor Netty): WebSocket and Server-Sent Events at one path, on the application's own port,
 * origin, TLS and login. The same fan-out core, wire frames, close codes, {@code $resync} and
 * resume as {@code EventWebSocketServer} and the Jakarta {@code EventEndpoint}, with the same
 * options.
 *
 * <pre>{@code
 * ReactiveEventEndpoint endpoint = ReactiveEventEndpoint.builder(bus)
 *     .path("/api/events/ws")
 *     .authenticator(handshake -> handshake.principal().orElse(null))
 *     .build()
 *     .start();
 * // a bean: routes the path to the endpoint, ahead of the application's controllers
 * HandlerMapping heraldEvents = endpoint.handlerMapping();
 * }</pre>
 *
 * <p>Requests reach it through the application's {@code WebFilter}s, so Spring Security's reactive
 * principal is the handshake's {@code userPrincipal}. Herald's starter does all of this when the
 * application is reactive.
 */
public final class ReactiveEventEndpoint implements AutoCloseable, MonitoredEndpoint {
    private final EventBus bus;
    private final EndpointSettings settings;
    private final FanOut<TextFrame> fanOut;
    private final EventsWebHandler handler;
    /** Every open connection, for draining at stop. */
    private final Set<DrainableTransport<TextFrame>> open = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean forwarding = new AtomicBoolean();
    private volatile boolean stopped;

    private ReactiveEventEndpoint(EventBus bus, EndpointSettings settings, boolean eventStream) {
        this.bus = bus;
        this.settings = settings;
        this.fanOut = new FanOut<>(EventJson.create(bus.registry()), settings, TextFrame.FORMAT);
        this.handler = new EventsWebHandler(this, fanOut, eventStream);
    }

    public static Builder builder(EventBus bus) {
        return new Builder(Objects.requireNonNull(bus, "bus"));
    }

    /** Starts forwarding the bus's events to connected clients; once, and not after {@link #stop}. */
    public ReactiveEventEndpoint start() {
        if (!stopped && forwarding.compareAndSet(false, true)) {
            fanOut.forward(bus);
        }
        return this;
    }

    /** The endpoint as a {@link WebHandler}, for an application that routes requests to it itself. */
    public WebHandler webHandler() {
        return handler;
    }

    /**
     * Routes the endpoint's path to it: a {@link HandlerMapping} bean, ordered before the
     * application's controllers and functional routes. A WebFlux application's {@code
     * DispatcherHandler} finds it with its other mappings.
     */
    public HandlerMapping handlerMapping() {
        return new SimpleUrlHandlerMapping(Map.of(settings.path(), handler), Ordered.HIGHEST_PRECEDENCE + 10);
    }

    void opened(DrainableTransport<TextFrame> transport) {
        open.add(transport);
    }

    void ended(DrainableTransport<TextFrame> transport) {
        open.remove(transport);
    }

    /** The options it was built with. */
    public EndpointSettings settings() {
        return settings;
    }

    /** {@code webflux}. */
    @Override
    public String transport() {
        return "webflux";
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

    /** Whether it admits connections: not stopped. */
    @Override
    public boolean isRunning() {
        return !stopped;
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
    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    /**
     * Stops forwarding events, refuses new connections (1012 on a WebSocket, 503 on an event stream)
     * and closes every connection with 1012 (service restart) after the frames already queued for
     * it, waiting up to {@code timeout}; a client that stopped reading is then dropped. Clients
     * reconnect after a short random pause, to another instance, where they resume.
     */
    public void stop(Duration timeout) {
        if (stopped) {
            return;
        }
        stopped = true;
        fanOut.close(); // no more events; from here on, handshakes are refused with 1012
        DrainableTransport.drain(open, Disconnect.SERVICE_RESTART, timeout);
    }

    /**
     * Settings of a {@link ReactiveEventEndpoint}: the options every events endpoint shares (see
     * {@link EndpointOptions}), with the same names and defaults as the other transports'.
     */
    public static final class Builder extends EndpointOptions<Builder> {
        private final EventBus bus;
        private boolean eventStream = true;

        private Builder(EventBus bus) {
            this.bus = bus;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Whether the endpoint also serves its events as Server-Sent Events, at the same path, to a
         * {@code GET} that accepts {@code text/event-stream}: for clients behind proxies that refuse
         * WebSocket upgrades. Default {@code true}.
         */
        public Builder eventStream(boolean serve) {
            this.eventStream = serve;
            return this;
        }

        public ReactiveEventEndpoint build() {
            return new ReactiveEventEndpoint(bus, settings(), eventStream);
        }
    }
}
