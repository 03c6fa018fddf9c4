package dev.herald.spring.boot;

import dev.herald.jakarta.EventEndpoint;
import jakarta.servlet.ServletContext;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.context.ServletContextAware;

/**
 * Deploys the {@link EventEndpoint} into the embedded server's Jakarta WebSocket container once the
 * server has started its servlet context (before it accepts connections), as Spring's own {@code
 * ServerEndpointExporter} does.
 */
public final class EventEndpointRegistrar implements ServletContextAware, SmartInitializingSingleton {
    private final EventEndpoint endpoint;
    private ServletContext servletContext;

    public EventEndpointRegistrar(EventEndpoint endpoint) {
        this.endpoint = endpoint;
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
