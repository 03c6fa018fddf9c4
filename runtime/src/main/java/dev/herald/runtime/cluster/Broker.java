package dev.herald.runtime.cluster;

/**
 * What carries events between the instances of a service (Redis Streams, NATS JetStream), so that a
 * client connected to one instance hears what another emitted. An adapter holds the broker
 * library's code and nothing else; the fan-out core owns everything Herald-specific: it starts the
 * broker with its node id, publishes each locally emitted envelope once, and decodes each remote
 * envelope once for its own clients.
 */
public interface Broker extends AutoCloseable {
    /**
     * Starts delivering to {@code listener} the envelopes that other nodes publish, from now on.
     * Envelopes this node published (with this {@code nodeId}) are never delivered back to it.
     * Called once, by the fan-out core, before the first {@link #publish}.
     *
     * @param nodeId this node's id, random per fan-out core
     */
    void start(String nodeId, BrokerListener listener);

    /**
     * Sends an envelope to the other nodes. Must not block and must not throw: the emitting
     * (business) thread calls it. While the broker is unreachable, what cannot be sent is dropped,
     * and the other nodes learn of it through {@link BrokerListener#gap}.
     *
     * @param eventName the envelope's event name, for brokers that route by it
     * @param envelope the UTF-8 envelope {@code {"event":...,"data":...,"ts":...}}; do not modify
     */
    void publish(String eventName, byte[] envelope);

    /** Stops receiving and publishing and releases the connections; idempotent. */
    @Override
    void close();
}
