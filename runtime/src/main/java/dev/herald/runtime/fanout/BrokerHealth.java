package dev.herald.runtime.fanout;

/**
 * Where an endpoint's broker stands, as monitoring reads it.
 *
 * @param name the broker's name: {@code redis}, {@code nats}
 * @param streaming whether this node reads the broker's stream (else it delivers its own events
 *     directly, and the other nodes' events do not reach its clients)
 * @param problem why it does not, or {@code null} while it does
 * @param lag entries of the stream this node has not read yet, as last measured; -1 while it
 *     cannot tell
 * @param publishesLost envelopes of this node that never reached the broker since start
 */
public record BrokerHealth(String name, boolean streaming, String problem, long lag, long publishesLost) {}
