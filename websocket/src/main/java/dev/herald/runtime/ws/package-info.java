/**
 * The Java-WebSocket transport: {@link dev.herald.runtime.ws.EventWebSocketServer} (lifecycle and
 * builder) on a port of its own; {@code LibraryServer} turns the library's callbacks into the core's
 * handshake, open and close; {@code AbandonedSockets} drops half-done handshakes and closes (pings
 * and the idle timeout are the core's); {@code WebSocketTransport} and
 * {@code GatheringChannel} write frames. The module {@code herald-websocket}: the only one that
 * imports {@code org.java_websocket}, so applications on a container do not carry the library.
 */
package dev.herald.runtime.ws;
