package dev.herald.spring.boot;

import dev.herald.jakarta.EventEndpoint;
import jakarta.servlet.ServletContext;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.time.Duration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.context.ServletContextAware;

/**
 * Deploys the {@link EventEndpoint} into the embedded server's Jakarta WebSocket container once the
 * server has started its servlet context (before it accepts connections), as Spring's own {@code
 * ServerEndpointExporter} does; and drains it first thing on shutdown: every client is closed with
 * 1012 (service restart) and reconnects, after a short random pause, to another instance, where it
 * resumes. Its phase stops it before the web server's graceful shutdown, which would otherwise wait
 * for the WebSocket connections to end by themselves.
 */
public final class EventEndpointRegistrar implements ServletContextAware, SmartInitializingSingleton, SmartLifecycle {
    private final EventEndpoint endpoint;
    private final Duration drainTimeout;
    private ServletContext servletContext;
    private volatile boolean running;

    public EventEndpointRegistrar(EventEndpoint endpoint, Duration drainTimeout) {
        this.endpoint = endpoint;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void start() {
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

    @Override
    public void setServletContext(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (servletContext == null || servletContext.getClass().getName().startsWith("org.springframework.mock.")) {
            return; // no server to deploy into: a mock web environment, as in MockMvc tests
        }
        Object container = servletContext.getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer serverContainer)) {
            throw new IllegalStateException("Herald's events endpoint needs a Jakarta WebSocket container in the"
                    + " servlet server: add spring-boot-starter-websocket (herald-spring-boot-starter brings it),"
                    + " or set herald.websocket.enabled=false");
        }
        try {
            endpoint.deploy(serverContainer);
        } catch (DeploymentException e) {
            throw new IllegalStateException("Cannot deploy Herald's events endpoint: " + e.getMessage(), e);
        }
    }
}
