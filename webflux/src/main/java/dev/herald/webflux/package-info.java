/**
 * The events endpoint in a reactive Spring application on Reactor Netty: {@link
 * dev.herald.webflux.ReactiveEventEndpoint} serves WebSocket and Server-Sent Events at one path, on
 * the application's own port, after its {@code WebFilter}s (Spring Security among them). The
 * transports write each event's pre-built frame straight to the connection's Netty channel; the
 * fan-out core ({@code herald-runtime}) decides who gets what.
 */
package dev.herald.webflux;
