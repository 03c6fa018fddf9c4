package dev.herald.jakarta;

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
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the events of an {@link EventBus} to WebSocket clients on the server the application
 * already runs (Tomcat, Jetty, any Jakarta WebSocket 2.1 container): same port, origin, TLS and
 * login as its HTTP API. The same fan-out core, wire frames, close codes and {@code $resync} as
 * {@code EventWebSocketServer}, with the same options. How it reaches the clients depends on the
 * container ({@link Deployment}): on Tomcat and Jetty a servlet that takes the connections over,
 * as fast as the stand-alone server.
 *
 * <pre>{@code
 * EventEndpoint endpoint = EventEndpoint.builder(bus)
 *     .path("/api/events/ws")
 *     .authenticator(handshake -> handshake.principal().orElse(null))
 *     .build();
 * endpoint.deploy(servletContext);   // while the servlet context initializes
 * }</pre>
 *
 * <p>The container owns the connections' lifecycle below the WebSocket layer: a client that
 * half-sends its upgrade request is closed by the container's connection timeout (Tomcat's
 * {@code connectionTimeout}, Jetty's idle timeout), not by {@code handshakeTimeout}. The
 * authenticator gets the container's authenticated {@code Principal} ({@link
 * dev.herald.runtime.fanout.Handshake}), and on the servlet upgrade the client's address as the
 * container sees it.
 */
public final class EventEndpoint implements AutoCloseable, MonitoredEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(EventEndpoint.class);

    private final EventBus bus;
    private final EndpointSettings settings;
    private final FanOut<TextFrame> fanOut;
    private final ExecutorService writer;
    private final ExecutorService closer;
    /** Ends upgraded connections whose client did not answer the close frame in time. */
    private final ScheduledExecutorService timer;

    private final HeraldEndpoint endpoint;
    /** Every open upgraded connection, for closing at stop. */
    private final Set<UpgradeTransport> upgraded = ConcurrentHashMap.newKeySet();
    /** Every open event stream, for closing at stop. */
    private final Set<SseTransport> streams = ConcurrentHashMap.newKeySet();
    /** Serves Server-Sent Events at the endpoint's path; {@code null} when they are off. */
    private final EventStreamServlet eventStream;

    private final UpgradeTransport.ConnectionHooks upgradeHooks = new UpgradeHooks();

    private volatile Deployment deployment;
    private final AtomicBoolean forwarding = new AtomicBoolean();
    private volatile boolean stopped;

    /** How the endpoint reaches its clients in the container. */
    public enum Deployment {
        /**
         * A servlet that takes each connection over after the handshake and writes Herald's pre-built
         * frames itself, several per write: the fast path, on Tomcat (a Servlet HTTP upgrade) and on
         * Jetty 12 ee10 (Jetty's core connection upgrade).
         */
        SERVLET_UPGRADE,
        /**
         * Jetty's Jakarta WebSocket API for the handshake and the sessions, and Jetty's core session
         * underneath for sending: pre-built frames, a connection's waiting frames written together.
         */
        JETTY_CORE_FRAMES,
        /** The container's Jakarta WebSocket API: every container, one send per frame and session. */
        JAKARTA_WEBSOCKET
    }

    private EventEndpoint(EventBus bus, EndpointSettings settings, boolean eventStream) {
        this.bus = bus;
        this.settings = settings;
        this.fanOut = new FanOut<>(EventJson.create(bus.registry()), settings, TextFrame.FORMAT);
        AtomicInteger threads = new AtomicInteger();
        // Writes use every core: a send that the container completes at once wrote the socket.
        this.writer = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                r -> daemon(r, "herald-jakarta-write-" + threads.incrementAndGet()));
        this.closer =
                Executors.newCachedThreadPool(r -> daemon(r, "herald-jakarta-close-" + threads.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "herald-jakarta-timer"));
        this.endpoint = new HeraldEndpoint(settings, writer, closer);
        this.eventStream = eventStream ? new EventStreamServlet(this, fanOut, streams::add, streams::remove) : null;
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
     * Adds the endpoint to the container's Jakarta WebSocket API at its path and starts forwarding
     * the bus's events. Works on every Jakarta WebSocket container, and sends through Jetty's core
     * session on Jetty; on Tomcat and Jetty, {@link #deploy(ServletContext)} takes the faster servlet.
     *
     * @throws DeploymentException when the container refuses (path taken, already started)
     */
    public EventEndpoint deploy(ServerContainer container) throws DeploymentException {
        boolean jetty = Containers.JETTY_CORE && container.getClass().getName().startsWith("org.eclipse.jetty.");
        claimDeployment(jetty ? Deployment.JETTY_CORE_FRAMES : Deployment.JAKARTA_WEBSOCKET);
        container.addEndpoint(endpointConfig());
        startForwarding();
        return this;
    }

    /**
     * Adds the endpoint to a servlet context at its path: on Tomcat and Jetty 12 (ee10) as a servlet
     * that takes each connection over (see {@link #servlet()}), on other containers through their
     * Jakarta WebSocket API ({@link #deploy(ServerContainer)}). Call it while the context initializes (a {@code
     * ServletContainerInitializer} or {@code ServletContextListener}): servlets can only be added
     * then.
     *
     * @throws IllegalStateException when the path is taken, or the container has neither
     * @throws DeploymentException when the Jakarta WebSocket container refuses
     */
    public EventEndpoint deploy(ServletContext context) throws DeploymentException {
        if (upgradesOn(context)) {
            addServlet(context, SERVLET_NAME, servlet()); // the event stream too, at the same path
            return this;
        }
        Object container = context.getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer serverContainer)) {
            throw new IllegalStateException("The servlet container (" + context.getServerInfo()
                    + ") has no Jakarta WebSocket container for Herald's events endpoint");
        }
        if (context.getServletRegistration(STREAM_SERVLET_NAME) == null) {
            try {
                deployEventStream(context);
            } catch (IllegalStateException e) { // the context started already: servlets cannot be added now
                LOG.warn(
                        "Herald's event stream (Server-Sent Events) is not served: deploy the endpoint while"
                                + " the servlet context initializes, or call deployEventStream then ({})",
                        e.getMessage());
            }
        }
        return deploy(serverContainer);
    }

    /**
     * Adds the event stream (Server-Sent Events) at the endpoint's path, for a deployment through
     * the Jakarta WebSocket API ({@link #deploy(ServerContainer)}), whose container hands requests
     * that are no WebSocket handshake on to the servlets. {@link #deploy(ServletContext)} calls it;
     * nothing happens when the event stream is off. Call it while the context initializes.
     */
    public void deployEventStream(ServletContext context) {
        if (eventStream != null) {
            addServlet(context, STREAM_SERVLET_NAME, eventStream);
        }
    }

    private void addServlet(ServletContext context, String name, HttpServlet servlet) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        if (registration == null) {
            throw new IllegalStateException("A servlet named " + name + " is already registered");
        }
        Set<String> taken = registration.addMapping(settings.path());
        if (!taken.isEmpty()) {
            throw new IllegalStateException(
                    "Herald's events endpoint cannot take " + settings.path() + ": another servlet maps it");
        }
        registration.setAsyncSupported(true); // the event stream is an asynchronous response
        registration.setLoadOnStartup(1); // forwarding starts with the application, not the first client
    }

    /** The event stream's servlet's name in the context, on containers without the servlet upgrade. */
    public static final String STREAM_SERVLET_NAME = "herald-event-stream";

    /** The servlet's name in the context when {@link #deploy(ServletContext)} adds it. */
    public static final String SERVLET_NAME = "herald-events";

    /**
     * Whether {@link #deploy(ServletContext)} takes the connections over with Herald's servlet on
     * this container: on Tomcat (10.1 and 11), whose extension point for protocol handlers gives
     * Herald the socket's non-blocking gathering writes and a close that works on a client that
     * stopped reading, and on Jetty 12's ee10, whose core connection upgrade gives the same (its
     * servlet upgrade frames the upgraded stream as a chunked HTTP body in 12.1). Every other
     * container gets its Jakarta WebSocket API.
     */
    public static boolean upgradesOn(ServletContext context) {
        return (context.getServerInfo().startsWith("Apache Tomcat/") && Containers.TOMCAT_UPGRADE)
                || Containers.isJettyUpgradable(context);
    }

    /**
     * The endpoint as a servlet, for an application on Tomcat or Jetty 12 (ee10) that registers
     * servlets itself (map it at the endpoint's path, load on startup): it answers the WebSocket
     * handshake, takes the connection over and writes each event's pre-built frame, a connection's
     * share of a batch in one write. It runs after the application's filters, so the container's
     * TLS, forwarded headers and login apply. Forwarding starts when the container initializes it.
     */
    public HttpServlet servlet() {
        claimDeployment(Deployment.SERVLET_UPGRADE);
        return new UpgradeServlet(this, fanOut, eventStream);
    }

    /** How the endpoint was deployed; empty before. */
    public Optional<Deployment> deployment() {
        return Optional.ofNullable(deployment);
    }

    private synchronized void claimDeployment(Deployment how) {
        if (deployment != null) {
            throw new IllegalStateException("already deployed, as " + deployment);
        }
        deployment = how;
    }

    /** Starts forwarding the bus's events to the core, once. */
    void startForwarding() {
        if (!stopped && forwarding.compareAndSet(false, true)) {
            fanOut.forward(bus);
        }
    }

    /** The transport of a connection the servlet upgrades. */
    UpgradeTransport upgradeTransport(FanOut<TextFrame>.Ticket ticket) {
        return new UpgradeTransport(ticket, upgradeHooks, settings.maxClientFrameBytes());
    }

    /** What upgraded connections use of the endpoint. */
    private final class UpgradeHooks implements UpgradeTransport.ConnectionHooks {
        @Override
        public void runClosing(Runnable task) {
            try {
                closer.execute(task);
            } catch (RejectedExecutionException e) {
                task.run(); // stopped: end it here
            }
        }

        @Override
        public void schedule(Runnable task, long delayMillis) {
            try {
                timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        }

        @Override
        public void opened(UpgradeTransport transport) {
            upgraded.add(transport);
        }

        @Override
        public void ended(UpgradeTransport transport) {
            upgraded.remove(transport);
        }

        @Override
        public long closeGraceMillis() {
            return CLOSE_GRACE_MILLIS;
        }
    }

    /** How long a client may take to answer a close frame before its upgraded connection is dropped. */
    static final long CLOSE_GRACE_MILLIS = 2000;

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
        // Clients that stopped reading still hold a send: closed after the timeout, the container ends them.
        DrainableTransport.drain(openTransports(), Disconnect.SERVICE_RESTART, timeout);
        closer.shutdown();
        writer.shutdown();
        timer.shutdown();
    }

    /** Every open connection, on both paths. */
    private List<DrainableTransport<TextFrame>> openTransports() {
        List<DrainableTransport<TextFrame>> open = new ArrayList<>(endpoint.transports);
        open.addAll(upgraded);
        open.addAll(streams);
        return open;
    }

    /**
     * Settings of an {@link EventEndpoint}: the options every events endpoint shares (see {@link
     * EndpointOptions}), with the same names and defaults as {@code EventWebSocketServer}'s.
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

        public EventEndpoint build() {
            return new EventEndpoint(bus, settings(), eventStream);
        }
    }
}
