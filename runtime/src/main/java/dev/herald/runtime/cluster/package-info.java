/**
 * Several instances of a service: the {@link dev.herald.runtime.cluster.Broker} SPI that an adapter
 * ({@code herald-redis}, {@code herald-nats}) implements, and the {@link
 * dev.herald.runtime.cluster.BrokerListener} the fan-out core gives it. Depends on nothing.
 */
package dev.herald.runtime.cluster;
