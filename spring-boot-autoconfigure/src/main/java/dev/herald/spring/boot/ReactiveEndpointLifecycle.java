package dev.herald.spring.boot;

import dev.herald.webflux.ReactiveEventEndpoint;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the reactive endpoint's forwarding with the application and drains it first thing on
 * shutdown: every client is closed with 1012 (service restart) and reconnects, after a short random
 * pause, to another instance, where it resumes. Its phase stops it before the web server's graceful
 * shutdown, which would otherwise wait for the connections to end by themselves.
 */
public final class ReactiveEndpointLifecycle implements SmartLifecycle {
    private final ReactiveEventEndpoint endpoint;
    private final Duration drainTimeout;
    private volatile boolean running;

    public ReactiveEndpointLifecycle(ReactiveEventEndpoint endpoint, Duration drainTimeout) {
        this.endpoint = endpoint;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void start() {
        endpoint.start();
        running = true;
    }

    /** Closes every client with 1012, waiting up to the drain timeout for the closes. */
    @Override
    public void stop() {
        running = false;
        endpoint.stop(drainTimeout);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the server itself. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
