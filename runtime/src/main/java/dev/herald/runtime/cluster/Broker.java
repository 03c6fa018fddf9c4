package dev.herald.runtime.cluster;

import java.util.Locale;

/**
 * What carries events between the instances of a service (Redis Streams, NATS JetStream), so that a
 * client connected to one instance hears what another emitted and can resume on any of them. An
 * adapter holds the broker library's code and nothing else; the fan-out core owns everything
 * Herald-specific.
 *
 * <p>The stream is the order of record: while it can be read, every node (the emitting one
 * included) delivers to its clients what it reads, in stream order, under the stream's positions,
 * so a position means the same on every node. While it cannot, a node delivers its own events
 * directly under a numbering of its own, and publishes them marked as delivered, so that it skips
 * them when it reads them back (see ARCHITECTURE, Several instances).
 */
public interface Broker extends AutoCloseable {
    /**
     * Connects and starts reading the stream. When it is reachable, tells {@code listener} where it
     * stands ({@link BrokerListener#streaming}) and hands it the latest entries the core keeps
     * ({@link BrokerListener#retainedEvents}), before returning, then what is appended from then on;
     * when it is not, tries again in the background. Called once, by the fan-out core.
     *
     * @param nodeId this node's id, random per fan-out core
     */
    void start(String nodeId, BrokerListener listener);

    /**
     * Appends an envelope to the stream. Must not block and must not throw: the emitting (business)
     * thread calls it. While the broker is unreachable, what cannot be sent is dropped, and every
     * node learns of it through {@link BrokerListener#gap}.
     *
     * @param eventName the envelope's event name, for brokers that route by it
     * @param envelope the UTF-8 envelope {@code {"event":...,"data":...,"ts":...}}; do not modify
     * @param deliveredHere this node delivered it to its own clients already (it was emitted while
     *     the stream could not be read): when this node reads it back it must not be handed to
     *     {@link BrokerListener#received}
     */
    void publish(String eventName, byte[] envelope, boolean deliveredHere);

    /** The broker's name in meters and health details: {@code redis}, {@code nats}. */
    default String name() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /**
     * How many entries of the stream this node has not read yet, as the adapter last measured it
     * while reading (never a call to the broker: monitoring reads it), or -1 while the stream
     * cannot be read or the adapter cannot tell.
     */
    default long lag() {
        return -1;
    }

    /**
     * Envelopes of this node that never reached the broker since start: the other nodes got a gap
     * (and their clients {@code $resync}) for them.
     */
    default long publishesLost() {
        return 0;
    }

    /** Stops receiving and publishing and releases the connections; idempotent. */
    @Override
    void close();
}
