package dev.herald.runtime.ws;

import dev.herald.runtime.fanout.EndpointSettings;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of a {@link LibraryServer}, on one daemon thread: a ping to every open connection each
 * ping interval (closing those silent for the idle timeout), and the handshake timeout, which the
 * library's own ping does not cover because it sees only open connections.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final LibraryServer server;
    private final EndpointSettings settings;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "herald-ws-timers");
        thread.setDaemon(true);
        return thread;
    });

    Heartbeat(LibraryServer server, EndpointSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    void start() {
        // A quarter of the timeout: a stalled handshake is closed at most 25% late.
        long tick = Math.min(1000, Math.max(10, settings.handshakeTimeout().toMillis() / 4));
        timers.scheduleWithFixedDelay(this::closeStalledHandshakes, tick, tick, TimeUnit.MILLISECONDS);
        long ping = settings.pingInterval().toMillis();
        timers.scheduleWithFixedDelay(this::pingAndCloseIdle, ping, ping, TimeUnit.MILLISECONDS);
    }

    private void closeStalledHandshakes() {
        server.closeHandshakesStartedBefore(
                System.nanoTime() - settings.handshakeTimeout().toNanos());
    }

    private void pingAndCloseIdle() {
        long idleLimit = System.nanoTime() - settings.idleTimeout().toNanos();
        for (WebSocket socket : server.getConnections()) {
            WebSocketTransport transport = socket.getAttachment();
            if (transport == null || !socket.isOpen()) {
                continue;
            }
            if (transport.lastSeen - idleLimit < 0) {
                LOG.debug("Closing {}: silent for {}", socket.getRemoteSocketAddress(), settings.idleTimeout());
                socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "no answer to pings");
            } else {
                try {
                    socket.sendPing();
                } catch (RuntimeException e) {
                    // closed meanwhile
                }
            }
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
