package dev.herald.spring.boot;

import dev.herald.jakarta.EventEndpoint;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.time.Duration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.context.ServletContextAware;

/**
 * Deploys the {@link EventEndpoint} on the embedded server: on Tomcat and Jetty (ee10) as a
 * servlet that takes its connections over, added while the servlet context initializes (so the
 * application's filters, Spring Security among them, run before it as before any servlet);
 * elsewhere, or with {@code herald.websocket.servlet-upgrade=false}, into the server's Jakarta
 * WebSocket container once the context has started (before it accepts connections), as Spring's
 * own {@code ServerEndpointExporter} does. It drains the endpoint first thing on shutdown: every client is closed with
 * 1012 (service restart) and reconnects, after a short random pause, to another instance, where it
 * resumes. Its phase stops it before the web server's graceful shutdown, which would otherwise wait
 * for the WebSocket connections to end by themselves.
 */
public final class EventEndpointRegistrar
        implements ServletContextInitializer, ServletContextAware, SmartInitializingSingleton, SmartLifecycle {
    private final EventEndpoint endpoint;
    private final Duration drainTimeout;
    private final boolean servletUpgrade;
    private ServletContext servletContext;
    private volatile boolean running;

    public EventEndpointRegistrar(EventEndpoint endpoint, Duration drainTimeout, boolean servletUpgrade) {
        this.endpoint = endpoint;
        this.drainTimeout = drainTimeout;
        this.servletUpgrade = servletUpgrade;
    }

    /**
     * While the embedded server initializes its context: on Tomcat and Jetty, adds the endpoint's servlet
     * (WebSocket and event stream); elsewhere the event stream's servlet, the WebSocket following
     * through the server's Jakarta WebSocket API once the singletons are made.
     */
    @Override
    public void onStartup(ServletContext context) throws ServletException {
        try {
            if (servletUpgrade && EventEndpoint.upgradesOn(context)) {
                endpoint.deploy(context);
            } else {
                endpoint.deployEventStream(context);
            }
        } catch (DeploymentException | RuntimeException e) {
            throw new ServletException("Cannot deploy Herald's events endpoint: " + e.getMessage(), e);
        }
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
        if (endpoint.deployment().isPresent()) {
            return; // deployed as a servlet while the context initialized
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
