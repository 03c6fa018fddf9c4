/**
 * The Java-WebSocket transport: {@link dev.herald.runtime.ws.EventWebSocketServer} (lifecycle and
 * builder) on a port of its own; {@code LibraryServer} turns the library's callbacks into the core's
 * handshake, open and close; {@code Heartbeat} pings and times out; {@code WebSocketTransport} and
 * {@code GatheringChannel} write frames. The only package that imports {@code org.java_websocket}.
 */
package dev.herald.runtime.ws;
