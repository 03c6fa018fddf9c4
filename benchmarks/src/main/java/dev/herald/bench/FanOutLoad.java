package dev.herald.bench;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.ws.EventWebSocketServer;
import dev.herald.seed.fs.FsCreated;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.java_websocket.server.WebSocketServer;

/**
 * Load tool: N loopback WebSocket clients, R events per second for D seconds, through Herald's
 * {@link EventWebSocketServer} and, in the same run, through a bare Java-WebSocket server that
 * {@code broadcast}s the same bytes. Reports frames delivered vs expected, emit-to-receive latency
 * (p50/p99/max), the server's heap per connection after a full GC, and saturation throughput.
 *
 * <p>Loopback only, bounded in count and time. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.herald.bench.FanOutLoad [clients] [rate] [seconds]}
 */
public final class FanOutLoad {
    private static final String HOST = "127.0.0.1";

    private final int clients;
    private final int rate;
    private final int seconds;

    private FanOutLoad(int clients, int rate, int seconds) {
        this.clients = clients;
        this.rate = rate;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        if (clients > 5000 || rate > 10_000 || seconds > 300) {
            throw new IllegalArgumentException("bounded: at most 5000 clients, 10000 events/s, 300 s");
        }
        FanOutLoad warmup = new FanOutLoad(Math.min(clients, 200), rate, 3);
        warmup.runHerald();
        warmup.runBare();
        FanOutLoad load = new FanOutLoad(clients, rate, seconds);
        System.out.printf(
                Locale.ROOT,
                "clients=%d rate=%d/s duration=%ds, loopback, JDK %s%n",
                clients,
                rate,
                seconds,
                Runtime.version());
        Result herald = load.runHerald();
        Result bare = load.runBare();
        System.out.println(herald.describe("herald"));
        System.out.println(bare.describe("bare broadcast"));
        System.out.printf(
                Locale.ROOT,
                "saturation throughput: herald %.0f frames/s, bare %.0f frames/s, ratio %.2f%n",
                herald.saturation,
                bare.saturation,
                herald.saturation / bare.saturation);
        System.exit(0);
    }

    /** What one run measured. */
    record Result(long expected, long delivered, long[] latenciesMicros, long heapPerConnection, double saturation) {
        String describe(String name) {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            return String.format(
                    Locale.ROOT,
                    "%s: delivered %d of %d (%.4f%%), latency p50 %.2f ms, p99 %.2f ms, max %.2f ms, heap per connection %d B",
                    name,
                    delivered,
                    expected,
                    100.0 * delivered / expected,
                    percentile(sorted, 0.50) / 1000.0,
                    percentile(sorted, 0.99) / 1000.0,
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0,
                    heapPerConnection);
        }

        private static double percentile(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }
    }

    /** Receives frames; each carries its emit time (nanoTime) in the path: {@code /seq/nanos}. */
    private static final class Receivers {
        final AtomicLong delivered = new AtomicLong();
        final AtomicLongArray latencies;
        final AtomicLong latencyCount = new AtomicLong();
        volatile boolean recordLatency = true;

        Receivers(int capacity) {
            latencies = new AtomicLongArray(capacity);
        }

        void onFrame(String frame) {
            if (!frame.startsWith("{\"event\":\"fs.created\"")) {
                return;
            }
            delivered.incrementAndGet();
            if (recordLatency) {
                int start = frame.indexOf("\"Path\":\"/") + 9;
                int slash = frame.indexOf('/', start);
                long sent = Long.parseLong(frame.substring(slash + 1, frame.indexOf('"', slash)));
                long index = latencyCount.getAndIncrement();
                if (index < latencies.length()) {
                    latencies.set((int) index, (System.nanoTime() - sent) / 1000);
                }
            }
        }

        long[] latencies() {
            int n = (int) Math.min(latencyCount.get(), latencies.length());
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = latencies.get(i);
            }
            return out;
        }
    }

    private Result runHerald() throws Exception {
        EventBus bus = EventBus.create();
        long heapBefore = heapAfterGc();
        EventWebSocketServer server = EventWebSocketServer.builder(bus)
                .bindAddress(new InetSocketAddress(HOST, 0))
                .maxConnections(clients + 10)
                .build()
                .start();
        try {
            return measure(server.port(), () -> server.connectionCount(), event -> bus.emit(event), heapBefore);
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }

    private Result runBare() throws Exception {
        EventJson json = EventJson.create();
        long heapBefore = heapAfterGc();
        CountDownLatch started = new CountDownLatch(1);
        WebSocketServer server = new WebSocketServer(new InetSocketAddress(HOST, 0)) {
            @Override
            public void onOpen(
                    org.java_websocket.WebSocket conn, org.java_websocket.handshake.ClientHandshake handshake) {}

            @Override
            public void onClose(org.java_websocket.WebSocket conn, int code, String reason, boolean remote) {}

            @Override
            public void onMessage(org.java_websocket.WebSocket conn, String message) {}

            @Override
            public void onError(org.java_websocket.WebSocket conn, Exception ex) {}

            @Override
            public void onStart() {
                started.countDown();
            }
        };
        server.setTcpNoDelay(true);
        server.setReuseAddr(true);
        server.setDaemon(true);
        server.start();
        started.await(10, TimeUnit.SECONDS);
        try {
            return measure(
                    server.getPort(),
                    () -> server.getConnections().size(),
                    event -> server.broadcast(
                            new String(json.encode(event, System.currentTimeMillis()), StandardCharsets.UTF_8)),
                    heapBefore);
        } finally {
            try {
                server.stop(5000);
            } catch (RuntimeException e) {
                // Java-WebSocket 1.6.0 may throw ClosedSelectorException while stopping many connections
            }
        }
    }

    private interface Emitter {
        void emit(FsCreated event);
    }

    private Result measure(int port, java.util.function.IntSupplier connected, Emitter emitter, long heapBefore)
            throws Exception {
        long expected = (long) clients * rate * seconds;
        Receivers receivers = new Receivers((int) Math.min(expected, 20_000_000));
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(2))
                .build();
        List<WebSocket> sockets = new ArrayList<>();
        URI uri = URI.create("ws://" + HOST + ":" + port + "/api/events/ws");
        for (int i = 0; i < clients; i++) {
            sockets.add(http.newWebSocketBuilder()
                    .buildAsync(uri, listener(receivers))
                    .get(10, TimeUnit.SECONDS));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (connected.getAsInt() < clients && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        long heapPerConnection = Math.max(0, heapAfterGc() - heapBefore) / clients;

        // Fixed rate: latency and delivery.
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int seq = 0; seq < total; seq++) {
            long due = start + seq * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 2_000_000) {
                    Thread.sleep(1);
                } else {
                    Thread.onSpinWait();
                }
            }
            emitter.emit(new FsCreated("asset-load", "/" + seq + "/" + System.nanoTime(), false));
        }
        deadline = System.currentTimeMillis() + 10_000;
        while (receivers.delivered.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        long delivered = receivers.delivered.get();
        long[] latencies = receivers.latencies();

        // Saturation: as fast as possible, a fixed number of events, until all clients have them.
        receivers.recordLatency = false;
        long base = receivers.delivered.get();
        int burst = Math.max(200, 200_000 / clients);
        long satStart = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            emitter.emit(new FsCreated("asset-load", "/s/" + System.nanoTime(), false));
            if (i % 50 == 0) {
                Thread.sleep(1); // stay below the default budget of a healthy client
            }
        }
        long want = base + (long) burst * clients;
        deadline = System.currentTimeMillis() + 30_000;
        while (receivers.delivered.get() < want && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - satStart) / 1e9;
        double saturation = (receivers.delivered.get() - base) / seconds;

        for (WebSocket socket : sockets) {
            socket.abort();
        }
        return new Result(expected, delivered, latencies, heapPerConnection, saturation);
    }

    private static WebSocket.Listener listener(Receivers receivers) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (last && partial.length() == 0) {
                    receivers.onFrame(data.toString());
                } else {
                    partial.append(data);
                    if (last) {
                        receivers.onFrame(partial.toString());
                        partial.setLength(0);
                    }
                }
                webSocket.request(1);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
