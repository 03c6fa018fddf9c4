package dev.herald.it.e2e;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.ws.EventWebSocketServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Java side of the TypeScript end-to-end test ({@code src/test/ts/e2e.test.ts}): an
 * {@link EventWebSocketServer} on loopback driven by lines on stdin: {@code emit} emits one of each
 * seed event, {@code await} waits until a client is admitted (a client sees its socket open a moment
 * before the server admits it), {@code restart} stops and starts the server on the same port,
 * {@code quit} ends.
 */
public final class EmitterServer {
    private EmitterServer() {}

    public static void main(String[] args) throws Exception {
        EventBus bus = EventBus.create();
        EventWebSocketServer server = start(bus, 0);
        int port = server.port();
        System.out.println("PORT " + port);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.strip()) {
                case "emit" -> {
                    SeedSamples.ONE_OF_EACH.forEach(bus::emit);
                    System.out.println("EMITTED");
                }
                case "await" -> {
                    long deadline = System.currentTimeMillis() + 10_000;
                    while (server.connectionCount() == 0 && System.currentTimeMillis() < deadline) {
                        Thread.sleep(5);
                    }
                    System.out.println("CONNECTED " + server.connectionCount());
                }
                case "restart" -> {
                    server.stop(Duration.ofSeconds(2));
                    Thread.sleep(300);
                    server = start(bus, port);
                    System.out.println("RESTARTED");
                }
                case "quit" -> {
                    server.stop(Duration.ofSeconds(2));
                    return;
                }
                default -> System.out.println("UNKNOWN " + line);
            }
        }
        server.stop(Duration.ofSeconds(2));
    }

    private static EventWebSocketServer start(EventBus bus, int port) {
        return EventWebSocketServer.builder(bus)
                .bindAddress(new InetSocketAddress("127.0.0.1", port))
                .build()
                .start();
    }
}
