package dev.herald.bench;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.ws.EventWebSocketServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Load tool for one instance with many connections (BENCHMARKS.md, Scale), on {@link
 * EventWebSocketServer}; the clients live in a child JVM ({@link LoadClients}).
 *
 * <ul>
 *   <li>{@code connect [clients]}: every client connects at once; time until the last is admitted,
 *       refusals, and the server's heap per idle connection.
 *   <li>{@code restart [clients]}: with every client connected, the server stops and a new one
 *       starts on the same port; the clients reconnect with the TypeScript client's backoff; time
 *       until all are back, from the new server's start.
 *   <li>{@code surplus [clients] [maxConnections] [rate] [seconds]}: more clients than {@code
 *       maxConnections} at once; the surplus must be refused with 4429, and the admitted clients'
 *       latency is measured under {@code rate} events/s.
 *   <li>{@code stalled [clients] [stalled] [rate] [seconds] [payload bytes]}: besides {@code
 *       clients} healthy ones, {@code stalled} clients that stop reading after the upgrade; with a
 *       64 KiB byte budget and a 5 s over-budget timeout they must be dropped (4008) while the
 *       healthy ones get every event, measured as in {@code surplus}.
 * </ul>
 *
 * <p>Loopback only, bounded in count and time. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.herald.bench.ScaleLoad connect|restart|surplus|stalled [clients] ...}
 */
public final class ScaleLoad {
    private static final String HOST = "127.0.0.1";
    private static final int MAX_CLIENTS = 12_000;

    private ScaleLoad() {}

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "connect";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        if (clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("bounded: at most " + MAX_CLIENTS + " clients");
        }
        System.out.printf(
                Locale.ROOT, "scenario=%s clients=%d, loopback, JDK %s%n", scenario, clients, Runtime.version());
        switch (scenario) {
            case "connect" -> connect(clients);
            case "restart" -> restart(clients);
            case "surplus" ->
                surplus(
                        clients,
                        args.length > 2 ? Integer.parseInt(args[2]) : 10_000,
                        args.length > 3 ? Integer.parseInt(args[3]) : 10,
                        args.length > 4 ? Integer.parseInt(args[4]) : 20);
            case "stalled" ->
                stalled(
                        clients,
                        args.length > 2 ? Integer.parseInt(args[2]) : 1_000,
                        args.length > 3 ? Integer.parseInt(args[3]) : 10,
                        args.length > 4 ? Integer.parseInt(args[4]) : 30,
                        args.length > 5 ? Integer.parseInt(args[5]) : 1_000);
            default ->
                throw new IllegalArgumentException("scenario is connect, restart, surplus or stalled: " + scenario);
        }
        System.exit(0);
    }

    private static EventWebSocketServer server(EventBus bus, int port, int maxConnections) {
        return EventWebSocketServer.builder(bus)
                .bindAddress(new InetSocketAddress(HOST, port))
                .maxConnections(maxConnections)
                .build()
                .start();
    }

    private static URI uri(EventWebSocketServer server) {
        return URI.create("ws://" + HOST + ":" + server.port() + "/api/events/ws");
    }

    private static void connect(int clients) throws Exception {
        EventBus bus = EventBus.create();
        long heapBefore = LoadPacing.heapAfterGc();
        EventWebSocketServer server = server(bus, 0, clients);
        try (ClientProcess process = new ClientProcess(uri(server), clients)) {
            long heapPerConnection =
                    Math.max(0, LoadPacing.heapAfterGc() - heapBefore) / Math.max(1, server.connectionCount());
            ResultRows.add(
                    "scale-connect",
                    "clients",
                    clients,
                    "admitted",
                    server.connectionCount(),
                    "connectMs",
                    process.connectMillis(),
                    "heapPerConnection",
                    heapPerConnection);
            System.out.printf(
                    Locale.ROOT,
                    "connect storm: %s; server holds %d connections, heap per idle connection %d B%n",
                    process.connected,
                    server.connectionCount(),
                    heapPerConnection);
        } finally {
            server.stop(Duration.ofSeconds(10));
        }
    }

    private static void restart(int clients) throws Exception {
        EventBus bus = EventBus.create();
        EventWebSocketServer first = server(bus, 0, clients);
        int port = first.port();
        try (ClientProcess process = new ClientProcess(uri(first), clients, "reconnect")) {
            System.out.println("before the restart: " + process.connected);
            long stopped = System.nanoTime();
            first.stop(Duration.ofSeconds(10));
            long down = System.nanoTime();
            EventWebSocketServer second = server(bus, port, clients);
            long started = System.nanoTime();
            try {
                long[] status = process.status();
                long deadline = started + 60_000_000_000L;
                while (status[0] < clients && System.nanoTime() - deadline < 0) {
                    Thread.sleep(50);
                    status = process.status();
                }
                System.out.printf(
                        Locale.ROOT,
                        "restart storm: stop took %d ms; %d of %d back %d ms after the new server started"
                                + " (%d ms after the stop began), %d reconnects in total%n",
                        (down - stopped) / 1_000_000,
                        status[0],
                        clients,
                        (status[4] - started) / 1_000_000,
                        (status[4] - stopped) / 1_000_000,
                        status[3] - clients);
            } finally {
                second.stop(Duration.ofSeconds(10));
            }
        }
    }

    private static void surplus(int clients, int maxConnections, int rate, int seconds) throws Exception {
        EventBus bus = EventBus.create();
        EventWebSocketServer server = server(bus, 0, maxConnections);
        try (ClientProcess process = new ClientProcess(uri(server), clients)) {
            long[] status = process.status();
            System.out.printf(
                    Locale.ROOT,
                    "surplus: %s; open %d, refused with a final code %d, server holds %d%n",
                    process.connected,
                    status[0],
                    status[1],
                    server.connectionCount());
            long admitted = status[0];
            long expected = admitted * rate * seconds;
            LoadPacing.atFixedRate(rate, seconds, seq -> bus.emit(LoadPacing.timedEvent("")));
            long delivered = process.awaitCounts(c -> c[0] >= expected, Duration.ofSeconds(10))[0];
            long[] latencies = process.latenciesMicros();
            System.out.printf(
                    Locale.ROOT,
                    "admitted clients at %d events/s: delivered %d of %d, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    rate,
                    delivered,
                    expected,
                    latencies[0] / 1000.0,
                    latencies[1] / 1000.0,
                    latencies[2] / 1000.0);
        } finally {
            server.stop(Duration.ofSeconds(10));
        }
    }

    private static void stalled(int healthy, int stalled, int rate, int seconds, int payload) throws Exception {
        if (healthy + stalled > MAX_CLIENTS) {
            throw new IllegalArgumentException("bounded: at most " + MAX_CLIENTS + " clients in all");
        }
        EventBus bus = EventBus.create();
        EventWebSocketServer server = EventWebSocketServer.builder(bus)
                .bindAddress(new InetSocketAddress(HOST, 0))
                .maxConnections(healthy + stalled)
                .byteBudget(64 * 1024)
                .overBudgetTimeout(Duration.ofSeconds(5))
                .build()
                .start();
        String padding = "p".repeat(Math.max(0, payload - 60));
        try (ClientProcess good = new ClientProcess(uri(server), healthy);
                ClientProcess bad = new ClientProcess(uri(server), stalled, "stall")) {
            System.out.printf(
                    Locale.ROOT,
                    "stalled: healthy %s; stalled %s; server holds %d%n",
                    good.connected,
                    bad.connected,
                    server.connectionCount());
            long expected = (long) healthy * rate * seconds;
            int[] dropped = {-1}; // the second by which every stalled client was gone
            LoadPacing.atFixedRate(rate, seconds, seq -> {
                bus.emit(LoadPacing.timedEvent("/" + padding));
                if (dropped[0] < 0 && server.connectionCount() <= healthy) {
                    dropped[0] = seq / rate;
                }
            });
            long delivered = good.awaitCounts(c -> c[0] >= expected, Duration.ofSeconds(10))[0];
            long[] latencies = good.latenciesMicros();
            System.out.printf(
                    Locale.ROOT,
                    "healthy clients at %d events/s of %d bytes: delivered %d of %d, latency p50 %.2f ms, p99 %.2f ms,"
                            + " max %.2f ms; the stalled ones were all dropped after %s s; server holds %d%n",
                    rate,
                    payload,
                    delivered,
                    expected,
                    latencies[0] / 1000.0,
                    latencies[1] / 1000.0,
                    latencies[2] / 1000.0,
                    dropped[0] < 0 ? "more than " + seconds : Integer.toString(dropped[0]),
                    server.connectionCount());
        } finally {
            server.stop(Duration.ofSeconds(10));
        }
    }
}
