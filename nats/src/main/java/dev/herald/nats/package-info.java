/**
 * {@link dev.herald.nats.NatsBroker}: the fan-out across instances over NATS JetStream (jnats).
 * Holds the NATS code and nothing Herald-specific beyond the numbering check.
 */
package dev.herald.nats;
