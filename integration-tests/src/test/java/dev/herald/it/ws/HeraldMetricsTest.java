package dev.herald.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.micrometer.HeraldMetrics;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.ws.EventWebSocketServer;
import dev.herald.seed.fs.FsCreated;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each meter moves when its event happens, in a plain app: a real endpoint, real clients, a SimpleMeterRegistry. */
class HeraldMetricsTest {
    private final EventBus bus = EventBus.create();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private EventWebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void refusalsConnectionsEventsResyncsAndBudgetCloses_eachMoveTheirMeter() throws Exception {
        server = EventWebSocketServer.builder(bus)
                .bindAddress(new InetSocketAddress("127.0.0.1", 0))
                .allowedOrigins("https://app.example.com")
                .byteBudget(256 * 1024)
                .overBudgetTimeout(Duration.ofSeconds(4)) // longer than the stream: only the stalled one is closed
                .build()
                .start();
        new HeraldMetrics(server).bindTo(registry);
        assertThat(registry.get("herald.connections")
                        .tag("transport", "websocket")
                        .gauge()
                        .value())
                .isZero();

        TestClient evil = new TestClient(server.port(), "/api/events/ws", Map.of("Origin", "https://evil.example.com"));
        evil.connectBlocking();
        assertThat(evil.awaitClose(5000)).isEqualTo(4403);
        assertThat(count("herald.connections.refused", "code", "4403", "transport", "websocket"))
                .isEqualTo(1);
        assertThat(count("herald.connections.refused", "code", "4401")).isZero();

        TestClient reader = TestClient.connect(server.port(), "/api/events/ws");
        RawSocket stalled = RawSocket.upgraded(server.port(), "/api/events/ws");
        RawSocket catchingUp = RawSocket.upgraded(server.port(), "/api/events/ws");
        await("three connections", () -> server.connectionCount() == 3);
        assertThat(registry.get("herald.connections").gauge().value()).isEqualTo(3);
        assertThat(count("herald.connections.opened")).isEqualTo(3);

        String path = "/" + "m".repeat(2000);
        int events = 3000; // about 6 MB: past the stalled sockets' budgets and kernel buffers
        for (int i = 0; i < events; i++) {
            bus.emit(new FsCreated("a", path + i, false));
            if (i % 5 == 0) {
                Thread.sleep(1); // a stream the reader keeps up with, not one burst
            }
        }
        assertThat(reader.awaitMessages(events, 10_000)).hasSize(events);
        assertThat(count("herald.events.published")).isEqualTo(events);
        Timer emitToWrite = registry.get("herald.emit.to.write")
                .tag("transport", "websocket")
                .timer();
        assertThat(emitToWrite.count()).as("one sample per event per lane").isGreaterThanOrEqualTo(events);
        assertThat(emitToWrite.max(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(count("herald.frames.sent")).isGreaterThanOrEqualTo(events);
        assertThat(count("herald.bytes.sent")).isGreaterThan(events * 2000.0);

        String caughtUp = catchingUp.drainText(500); // reads it all: the $resync follows once drained
        await("a $resync for the budget", () -> count("herald.resyncs", "cause", "budget") >= 1);
        await(
                "the stalled client closed for its budget",
                () -> count("herald.connections.closed", "cause", "budget") == 1);
        assertThat(caughtUp + catchingUp.drainText(300)).contains("$resync");
        assertThat(count("herald.connections.closed", "cause", "idle")).isZero();
        assertThat(registry.get("herald.connections").gauge().value()).isEqualTo(2);

        String since = reader.awaitPosition(1000);
        reader.closeBlocking();
        bus.emit(new FsCreated("a", "/while-away", false));
        TestClient back = TestClient.connect(server.port(), "/api/events/ws?since=" + since);
        back.awaitMessages(2, 5000); // the missed event, $resumed
        await("a resume", () -> count("herald.resumes", "outcome", "resumed") == 1);
        assertThat(count("herald.resume.replayed")).isEqualTo(1);
        TestClient forged = TestClient.connect(server.port(), "/api/events/ws?since=forged");
        await("a $resync for a malformed since", () -> count("herald.resyncs", "cause", "malformed") == 1);
        assertThat(count("herald.resumes", "outcome", "malformed")).isEqualTo(1);
        assertThat(count("herald.resumes", "outcome", "epoch")).isZero();

        back.closeBlocking();
        forged.closeBlocking();
        stalled.close();
        catchingUp.close();
    }
}
