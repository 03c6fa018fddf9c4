package dev.herald.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.jakarta.EventEndpoint;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.EndpointOptions;
import dev.herald.seed.fs.FsCreated;
import jakarta.servlet.ServletContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.Test;

/**
 * The behaviour tests on {@link EventEndpoint} on a container without a fast path: embedded Tomcat
 * 11 behind a servlet context that names another server, so {@link
 * EventEndpoint#deploy(ServletContext)} falls back to the plain Jakarta WebSocket API, one send per
 * frame and session. {@link TomcatUpgradeEndpointTest} runs them on Tomcat's servlet upgrade.
 */
class TomcatEndpointTest extends EndpointBehaviourTest {
    @Override
    protected boolean servesEventStream() {
        return true;
    }

    @Override
    protected Endpoint start(EventBus bus, Consumer<EndpointOptions<?>> configure) throws Exception {
        return start(bus, configure, "", null);
    }

    /** How the test deploys the endpoint: on the context as it initializes, or after it started. */
    protected void deploy(EventEndpoint endpoint, Context context, boolean started) throws Exception {
        if (!started) {
            endpoint.deployEventStream(context.getServletContext()); // servlets are added while it initializes
        } else {
            ServletContext unknownServer = unknownServer(context.getServletContext());
            assertThat(EventEndpoint.upgradesOn(unknownServer)).isFalse();
            endpoint.deploy(unknownServer);
            assertThat(endpoint.deployment()).contains(EventEndpoint.Deployment.JAKARTA_WEBSOCKET);
        }
    }

    /** Tomcat's servlet context, except that it names a server Herald has no fast path for. */
    private static ServletContext unknownServer(ServletContext tomcat) {
        return (ServletContext) Proxy.newProxyInstance(
                TomcatEndpointTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getServerInfo")) {
                        return "Some Server/1.0";
                    }
                    try {
                        return method.invoke(tomcat, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Tomcat with the endpoint under {@code contextPath}; with a key store, on TLS only. */
    protected Endpoint start(EventBus bus, Consumer<EndpointOptions<?>> configure, String contextPath, TlsKeys tls)
            throws Exception {
        Path base = Files.createTempDirectory("herald-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        // The container closes a client that half-sends its upgrade request.
        connector.setProperty("connectionTimeout", "1000");
        // connector.setAsyncTimeout(1000); // an event stream turns it off for itself
        if (tls != null) {
            tls.configure(connector);
        }
        tomcat.setConnector(connector);
        Context context = tomcat.addContext(contextPath, base.toString());
        Tomcat.initWebappDefaults(context); // a default servlet: filters, the upgrade among them, need one
        context.addServletContainerInitializer(new WsSci(), null);
        EventEndpoint.Builder builder = EventEndpoint.builder(bus);
        configure.accept(builder);
        EventEndpoint endpoint = builder.build();
        context.addServletContainerInitializer(
                (classes, servletContext) -> {
                    try {
                        deploy(endpoint, context, false);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                null);
        tomcat.start();
        deploy(endpoint, context, true);
        return new EndpointHandle(connector.getLocalPort(), endpoint, endpoint::connections, endpoint::stop, () -> {
            tomcat.stop();
            tomcat.destroy();
        });
    }

    /** A web app under a context path (Spring's {@code server.servlet.context-path}) serves it below that. */
    @Test
    void underAContextPath_theEndpointIsServedBelowIt() throws Exception {
        server = start(bus, options -> {}, "/app", null);
        TestClient client = TestClient.connect(server.port(), "/app/api/events/ws");
        toClose.add(client::closeBlocking);
        awaitConnections(1);

        bus.emit(new FsCreated("asset-1", "/a.txt", false));

        assertThat(client.awaitMessages(1, 5000)).singleElement().asString().startsWith("{\"event\":\"fs.created\"");
        assertThat(new TestClient(server.port(), "/api/events/ws").connectBlocking())
                .isFalse();
    }

    @Override
    protected int abandonedClientCloseMillis() {
        return 20_000;
    }

    /** Tomcat answers a path it does not serve with 404: no upgrade, nothing admitted. */
    @Override
    protected void assertOtherPathRefused(Map<String, String> headers) throws Exception {
        TestClient client = new TestClient(server.port(), "/other/path", headers);
        assertThat(client.connectBlocking()).isFalse();
        assertThat(server.connectionCount()).isZero();
    }
}
