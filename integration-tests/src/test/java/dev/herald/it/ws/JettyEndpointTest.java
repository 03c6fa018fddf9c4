package dev.herald.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.jakarta.EventEndpoint;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.EndpointOptions;
import jakarta.servlet.ServletContext;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The behaviour tests on {@link EventEndpoint} in embedded Jetty 12 (ee10), deployed on Jetty's
 * Jakarta WebSocket container (what {@code deploy(ServerContainer)} gives): Jetty's Jakarta
 * WebSocket API, with sends through Jetty's core session. {@link JettyUpgradeEndpointTest} runs them
 * on the servlet that takes the connections over.
 */
class JettyEndpointTest extends EndpointBehaviourTest {
    @Override
    protected boolean servesEventStream() {
        return true;
    }

    @Override
    protected Endpoint start(EventBus bus, Consumer<EndpointOptions<?>> configure) throws Exception {
        return start(bus, configure, null);
    }

    /** How the test deploys the endpoint while the context initializes. */
    protected void deploy(EventEndpoint endpoint, ServletContext context, ServerContainer container)
            throws DeploymentException {
        endpoint.deployEventStream(context);
        endpoint.deploy(container);
        assertThat(endpoint.deployment()).contains(EventEndpoint.Deployment.JETTY_CORE_FRAMES);
    }

    /** Jetty with the endpoint; with a key, on TLS only. */
    protected Endpoint start(EventBus bus, Consumer<EndpointOptions<?>> configure, TlsKeys tls) throws Exception {
        EventEndpoint.Builder builder = EventEndpoint.builder(bus);
        configure.accept(builder);
        EventEndpoint endpoint = builder.build();

        Server jetty = new Server();
        ServerConnector connector =
                tls == null ? new ServerConnector(jetty) : new ServerConnector(jetty, tls.jettyServerContext());
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        // The container closes a client that half-sends its upgrade request.
        connector.setIdleTimeout(1000);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        jetty.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxSessionIdleTimeout(0); // the endpoint's heartbeat decides
            deploy(endpoint, servletContext, container);
        });
        jetty.start();
        return new EndpointHandle(
                connector.getLocalPort(), endpoint, endpoint::connections, endpoint::stop, jetty::stop);
    }

    /** Jetty answers a path it does not serve with 404: no upgrade, nothing admitted. */
    @Override
    protected void assertOtherPathRefused(Map<String, String> headers) throws Exception {
        TestClient client = new TestClient(server.port(), "/other/path", headers);
        assertThat(client.connectBlocking()).isFalse();
        assertThat(server.connectionCount()).isZero();
    }
}
