/**
 * The events endpoint on a Jakarta WebSocket container: {@link dev.herald.jakarta.EventEndpoint}
 * deploys a programmatic endpoint whose configurator runs the core's handshake rules; {@code
 * SessionTransport} sends with one asynchronous send outstanding per session. Depends on {@code
 * herald-runtime}'s fan-out core and the Jakarta WebSocket API only.
 */
package dev.herald.jakarta;
