package dev.herald.it.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.EndpointOptions;
import dev.herald.runtime.ws.EventWebSocketServer;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The behaviour tests on the Java-WebSocket transport, plus what only a server with its own port has. */
class JavaWebSocketEndpointTest extends EndpointBehaviourTest {
    @Override
    protected Endpoint start(EventBus bus, Consumer<EndpointOptions<?>> configure) {
        EventWebSocketServer.Builder builder =
                EventWebSocketServer.builder(bus).bindAddress(new InetSocketAddress("127.0.0.1", 0));
        configure.accept(builder);
        EventWebSocketServer started = builder.build().start();
        return new EndpointHandle(started.port(), started, started::connections, started::stop, () -> {});
    }

    @Test
    void stop_freesThePort() throws Exception {
        Endpoint endpoint = start(bus, b -> {});
        int port = endpoint.port();
        endpoint.stop(Duration.ofMillis(500));

        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void startFailsWithTheBindError_whenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            EventWebSocketServer busy =
                    EventWebSocketServer.builder(bus).port(taken.getLocalPort()).build();
            assertThatThrownBy(busy::start)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot bind");
        }
    }
}
