package dev.herald.runtime.fanout;

import dev.herald.runtime.cluster.Broker;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The options of an events endpoint, whatever its transport: one immutable value built by {@link
 * EndpointOptions} (the option methods every transport's builder shares) and read by the core and
 * the transport.
 *
 * @param path the only path served, such as {@code /api/events/ws}
 * @param allowedOrigins exact {@code scheme://host[:port]} values; empty means same host only
 * @param authenticator who a connecting client is; {@code null} refuses it with 4401
 * @param accessPolicy whether a client may see an event
 * @param byteBudget bytes a connection may have queued before its events are dropped
 * @param overBudgetTimeout how long a connection may stay over budget before it is closed with 4008
 * @param handoffCapacity events waiting between the emitting threads and each fan-out lane
 * @param handoffBytes heap that events waiting for the fan-out lanes may hold, over all lanes
 * @param maxConnections connections admitted at most; more are refused with 4429
 * @param maxConnectionsPerUser connections of one principal at most; more are refused with 4429
 * @param pingInterval how often open connections are pinged
 * @param idleTimeout silence after which a connection is closed
 * @param handshakeTimeout a connection that has not finished its handshake by then is closed
 * @param maxClientFrameBytes a client frame over this size closes the connection with 1009
 * @param broker what carries events to and from the service's other instances, or {@code null} for
 *     a single instance
 * @param retention what is kept for reconnecting clients to resume from
 */
public record EndpointSettings(
        String path,
        Set<String> allowedOrigins,
        Authenticator authenticator,
        AccessPolicy accessPolicy,
        long byteBudget,
        Duration overBudgetTimeout,
        int handoffCapacity,
        long handoffBytes,
        int maxConnections,
        int maxConnectionsPerUser,
        Duration pingInterval,
        Duration idleTimeout,
        Duration handshakeTimeout,
        int maxClientFrameBytes,
        Broker broker,
        Retention retention) {

    /** The defaults, as documented on {@link EndpointOptions}'s methods. */
    public static final EndpointSettings DEFAULTS = new EndpointSettings(
            "/api/events/ws",
            Set.of(),
            Authenticator.ANONYMOUS,
            AccessPolicy.ALLOW_ALL,
            1 << 20,
            Duration.ofSeconds(30),
            65_536,
            8 << 20,
            10_000,
            Integer.MAX_VALUE,
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            4096,
            null,
            Retention.DEFAULT);

    public EndpointSettings {
        if (!Objects.requireNonNull(path, "path").startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        allowedOrigins = Set.copyOf(allowedOrigins);
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(accessPolicy, "accessPolicy");
        positive(byteBudget, "byteBudget");
        positive(overBudgetTimeout, "overBudgetTimeout");
        positive(handoffCapacity, "handoffCapacity");
        positive(handoffBytes, "handoffBytes");
        positive(maxConnections, "maxConnections");
        positive(maxConnectionsPerUser, "maxConnectionsPerUser");
        positive(pingInterval, "pingInterval");
        positive(idleTimeout, "idleTimeout");
        positive(handshakeTimeout, "handshakeTimeout");
        positive(maxClientFrameBytes, "maxClientFrameBytes");
        Objects.requireNonNull(retention, "retention");
    }

    static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    static Duration positive(Duration value, String name) {
        if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }
}
