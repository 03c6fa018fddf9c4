package dev.herald.runtime.ws;

import dev.herald.runtime.fanout.EndpointSettings;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one timer of a {@link LibraryServer}, on a daemon thread: drops connections that no client
 * will finish, a half-sent handshake (the core sees only open connections) and a close frame never
 * answered. Pings and the idle timeout of open connections are the fan-out core's.
 */
final class AbandonedSockets implements AutoCloseable {
    private final LibraryServer server;
    private final EndpointSettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "herald-ws-timer");
        thread.setDaemon(true);
        return thread;
    });

    AbandonedSockets(LibraryServer server, EndpointSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    void start() {
        // A quarter of the shorter limit: a stalled handshake or close is dropped at most 25% late.
        long shortest = Math.min(settings.handshakeTimeout().toMillis(), LibraryServer.CLOSE_GRACE.toMillis());
        long tick = Math.min(1000, Math.max(10, shortest / 4));
        timer.scheduleWithFixedDelay(this::closeAbandoned, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void closeAbandoned() {
        long now = System.nanoTime();
        server.closeAbandoned(now - settings.handshakeTimeout().toNanos(), now - LibraryServer.CLOSE_GRACE.toNanos());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
