package dev.herald.it.ws;

import dev.herald.jakarta.EventEndpoint;
import dev.herald.runtime.fanout.ConnectionStats;
import java.time.Duration;
import java.util.List;

/** An {@link EventEndpoint} deployed in a container the test started. */
final class JakartaEndpoint implements EndpointBehaviourTest.Endpoint {
    interface Container {
        void stop() throws Exception;
    }

    private final EventEndpoint endpoint;
    private final int port;
    private final Container container;
    private boolean shutDown;

    JakartaEndpoint(EventEndpoint endpoint, int port, Container container) {
        this.endpoint = endpoint;
        this.port = port;
        this.container = container;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int connectionCount() {
        return endpoint.connectionCount();
    }

    @Override
    public List<ConnectionStats> connections() {
        return endpoint.connections();
    }

    @Override
    public void stop(Duration timeout) {
        endpoint.stop(timeout);
    }

    @Override
    public void shutDown() throws Exception {
        if (!shutDown) {
            shutDown = true;
            container.stop();
        }
    }
}
