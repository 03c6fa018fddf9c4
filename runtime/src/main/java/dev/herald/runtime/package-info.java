/**
 * The event model and the in-process bus: {@link dev.herald.runtime.EventBus}, {@link
 * dev.herald.runtime.Herald}, {@link dev.herald.runtime.EventRegistry}, and what generated catalogs
 * implement ({@link dev.herald.runtime.EventCatalog}, {@link dev.herald.runtime.EventType}, {@link
 * dev.herald.runtime.JsonCodec}).
 *
 * <p>Dependencies point one way: {@code json} (the wire envelope, codec support, the Jackson module)
 * depends on this package; {@code fanout} (the transport-neutral core) on both; {@code cluster}
 * (the broker SPI) depends on nothing and {@code fanout} uses it. This package depends on none of
 * them. No transport engine is here: each is a module of its own on {@code fanout}
 * ({@code herald-websocket}, {@code herald-jakarta}). {@code PackageDependenciesTest} holds these
 * rules.
 */
package dev.herald.runtime;
