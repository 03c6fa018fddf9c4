package dev.herald.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.jakarta.EventEndpoint;
import dev.herald.runtime.EventBus;
import jakarta.servlet.ServletContext;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

/**
 * The behaviour tests on {@link EventEndpoint} in embedded Jetty 12 (ee10), deployed on the servlet
 * context as an application (and the Spring Boot starter) does: Herald's servlet answers the
 * handshake and takes the connection over through Jetty's core connection upgrade, the fast path.
 * Jetty's Jakarta WebSocket container is there, as in an application that has it, and stays unused.
 */
class JettyUpgradeEndpointTest extends JettyEndpointTest {
    @Override
    protected void deploy(EventEndpoint endpoint, ServletContext context, ServerContainer container)
            throws DeploymentException {
        assertThat(EventEndpoint.upgradesOn(context)).isTrue();
        endpoint.deploy(context);
        assertThat(endpoint.deployment()).contains(EventEndpoint.Deployment.SERVLET_UPGRADE);
    }

    @Override
    protected Endpoint startOverTls(EventBus bus, TlsKeys keys) throws Exception {
        return start(bus, options -> {}, keys);
    }

    @Override
    protected boolean answersTheHandshakeItself() {
        return true;
    }
}
