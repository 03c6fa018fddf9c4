package dev.herald.it.e2e;

import dev.herald.jakarta.EventEndpoint;
import dev.herald.runtime.EventBus;
import jakarta.websocket.DeploymentException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The Java side of the TypeScript event-stream test ({@code src/test/ts/event_stream.test.ts}): the
 * {@link EventEndpoint} in embedded Tomcat on loopback, serving WebSocket and Server-Sent Events
 * at one path, driven by lines on stdin: {@code emit} emits one of each seed event, {@code await}
 * waits until a client is admitted, {@code restart} stops the endpoint (its streams end with 1012)
 * and Tomcat, and starts both again on the same port, {@code quit} ends.
 */
public final class ContainerServer {
    private final EventBus bus = EventBus.create();
    private Tomcat tomcat;
    private EventEndpoint endpoint;

    private ContainerServer() {}

    public static void main(String[] args) throws Exception {
        ContainerServer server = new ContainerServer();
        int port = server.start(0);
        System.out.println("PORT " + port);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.strip()) {
                case "emit" -> {
                    SeedSamples.ONE_OF_EACH.forEach(server.bus::emit);
                    System.out.println("EMITTED");
                }
                case "await" -> {
                    long deadline = System.currentTimeMillis() + 10_000;
                    while (server.endpoint.connectionCount() == 0 && System.currentTimeMillis() < deadline) {
                        Thread.sleep(5);
                    }
                    System.out.println("CONNECTED " + server.endpoint.connectionCount());
                }
                case "restart" -> {
                    server.stop();
                    server.start(port);
                    System.out.println("RESTARTED");
                }
                case "quit" -> {
                    server.stop();
                    return;
                }
                default -> System.out.println("UNKNOWN " + line);
            }
        }
        server.stop();
    }

    private int start(int port) throws Exception {
        Path base = Files.createTempDirectory("herald-container-server");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Tomcat.initWebappDefaults(context);
        EventEndpoint created = EventEndpoint.builder(bus).build();
        context.addServletContainerInitializer(
                (classes, servletContext) -> {
                    try {
                        created.deploy(servletContext);
                    } catch (DeploymentException e) {
                        throw new IllegalStateException(e);
                    }
                },
                null);
        endpoint = created;
        tomcat.start();
        return connector.getLocalPort();
    }

    private void stop() throws Exception {
        endpoint.stop(Duration.ofSeconds(2));
        tomcat.stop();
        tomcat.destroy();
    }
}
