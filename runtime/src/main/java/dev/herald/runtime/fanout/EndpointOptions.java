package dev.herald.runtime.fanout;

import dev.herald.runtime.cluster.Broker;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The option methods every events endpoint's builder shares, with the same names and defaults on
 * every transport; each builder adds what only it has (a port, a container) and reads the result as
 * one immutable {@link EndpointSettings}. A bad value fails where it is set.
 *
 * @param <B> the concrete builder, returned by every method for chaining
 */
public abstract class EndpointOptions<B extends EndpointOptions<B>> {
    private static final EndpointSettings DEFAULTS = EndpointSettings.DEFAULTS;

    private String path = DEFAULTS.path();
    private Set<String> allowedOrigins = DEFAULTS.allowedOrigins();
    private Authenticator authenticator = DEFAULTS.authenticator();
    private AccessPolicy accessPolicy = DEFAULTS.accessPolicy();
    private long byteBudget = DEFAULTS.byteBudget();
    private Duration overBudgetTimeout = DEFAULTS.overBudgetTimeout();
    private int handoffCapacity = DEFAULTS.handoffCapacity();
    private long handoffBytes = DEFAULTS.handoffBytes();
    private int maxConnections = DEFAULTS.maxConnections();
    private int maxConnectionsPerUser = DEFAULTS.maxConnectionsPerUser();
    private Duration pingInterval = DEFAULTS.pingInterval();
    private Duration idleTimeout = DEFAULTS.idleTimeout();
    private Duration handshakeTimeout = DEFAULTS.handshakeTimeout();
    private int maxClientFrameBytes = DEFAULTS.maxClientFrameBytes();
    private Broker broker = DEFAULTS.broker();
    private Retention retention = DEFAULTS.retention();

    protected EndpointOptions() {}

    /** The concrete builder. */
    protected abstract B self();

    /** The options set so far, as one immutable value. */
    protected final EndpointSettings settings() {
        return new EndpointSettings(
                path,
                allowedOrigins,
                authenticator,
                accessPolicy,
                byteBudget,
                overBudgetTimeout,
                handoffCapacity,
                handoffBytes,
                maxConnections,
                maxConnectionsPerUser,
                pingInterval,
                idleTimeout,
                handshakeTimeout,
                maxClientFrameBytes,
                broker,
                retention);
    }

    /** The only path served; default {@code /api/events/ws}. Other paths are refused with 4400. */
    public B path(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        this.path = path;
        return self();
    }

    /**
     * Origins admitted, exactly as {@code scheme://host[:port]}. Without any, a browser is admitted
     * only from the host the server is reached at (any port); clients without Origin always are.
     */
    public B allowedOrigins(String... origins) {
        this.allowedOrigins = Set.copyOf(new LinkedHashSet<>(List.of(origins)));
        return self();
    }

    /** Who a connecting client is; default everyone, as {@code "anonymous"}. */
    public B authenticator(Authenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        return self();
    }

    /** Whether a client may see an event; default everyone sees everything they subscribed to. */
    public B accessPolicy(AccessPolicy accessPolicy) {
        this.accessPolicy = Objects.requireNonNull(accessPolicy, "accessPolicy");
        return self();
    }

    /** Bytes a connection may have queued before its events are dropped (then {@code $resync}); default 1 MiB. */
    public B byteBudget(long bytes) {
        this.byteBudget = EndpointSettings.positive(bytes, "byteBudget");
        return self();
    }

    /** How long a connection may stay over budget before it is closed with 4008; default 30 s. */
    public B overBudgetTimeout(Duration timeout) {
        this.overBudgetTimeout = EndpointSettings.positive(timeout, "overBudgetTimeout");
        return self();
    }

    /**
     * Events waiting for each fan-out thread at most; default 65,536. Beyond, that thread's
     * connections get {@code $resync}.
     */
    public B handoffCapacity(int frames) {
        this.handoffCapacity = (int) EndpointSettings.positive(frames, "handoffCapacity");
        return self();
    }

    /**
     * Heap that events waiting for the fan-out threads may hold, over all threads; default 8 MiB.
     * An event counts three times its envelope's size (the JSON, the transport's frame of it, the
     * record). Beyond, events are dropped and connections get {@code $resync}: a burst faster than
     * the fan-out costs a re-fetch, never the heap.
     */
    public B handoffBytes(long bytes) {
        this.handoffBytes = EndpointSettings.positive(bytes, "handoffBytes");
        return self();
    }

    /** Connections admitted at most; more are closed with 4429. Default 10,000. */
    public B maxConnections(int connections) {
        this.maxConnections = (int) EndpointSettings.positive(connections, "maxConnections");
        return self();
    }

    /**
     * Connections of one principal (as the authenticator returns it: a {@code java.security.Principal}
     * by its name, anything else with {@code equals}) admitted at most; more are closed with 4429.
     * Default unlimited. With the default authenticator every client is {@code "anonymous"}, so set
     * it together with an authenticator.
     */
    public B maxConnectionsPerUser(int connections) {
        this.maxConnectionsPerUser = (int) EndpointSettings.positive(connections, "maxConnectionsPerUser");
        return self();
    }

    /** Ping interval (default 30 s) and the silence after which a connection is closed (default 60 s). */
    public B heartbeat(Duration pingInterval, Duration idleTimeout) {
        this.pingInterval = EndpointSettings.positive(pingInterval, "pingInterval");
        this.idleTimeout = EndpointSettings.positive(idleTimeout, "idleTimeout");
        return self();
    }

    /** A connection that has not finished its handshake by then is closed; default 10 s. */
    public B handshakeTimeout(Duration timeout) {
        this.handshakeTimeout = EndpointSettings.positive(timeout, "handshakeTimeout");
        return self();
    }

    /**
     * Fans out across the service's instances through {@code broker} (an adapter of the {@link
     * Broker} SPI): events emitted here reach the clients of every instance, and theirs reach this
     * one's clients (never its in-process listeners). The endpoint starts it and closes it when it
     * stops. Default none: one instance.
     */
    public B broker(Broker broker) {
        this.broker = Objects.requireNonNull(broker, "broker");
        return self();
    }

    /**
     * What this node keeps of its recent events for clients that reconnect with {@code since}: at
     * most {@code events} (default 10,000; 0 turns resume off), {@code bytes} of heap (default 16
     * MiB, an event counting three times its envelope) and {@code maxAge} (default 5 minutes).
     * Size it for the longest disconnect clients should resume from: at 100 events/s, 5 minutes
     * are 30,000 events.
     */
    public B retention(int events, long bytes, Duration maxAge) {
        this.retention = new Retention(events, bytes, maxAge, retention.replayCap());
        return self();
    }

    /**
     * A reconnecting client that missed more events than this (after its filter and the access
     * policy) gets {@code $resync} instead of a replay; default 10,000.
     */
    public B replayCap(int events) {
        this.retention = new Retention(retention.events(), retention.bytes(), retention.maxAge(), events);
        return self();
    }

    /** A client frame over this size closes the connection with 1009; default 4 KiB. */
    public B maxClientFrameBytes(int bytes) {
        this.maxClientFrameBytes = (int) EndpointSettings.positive(bytes, "maxClientFrameBytes");
        return self();
    }
}
