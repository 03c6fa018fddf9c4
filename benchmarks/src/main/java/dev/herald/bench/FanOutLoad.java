package dev.herald.bench;

import dev.herald.jakarta.EventEndpoint;
import dev.herald.micrometer.HeraldMetrics;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.MonitoredEndpoint;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.ws.EventWebSocketServer;
import dev.herald.seed.fs.FsCreated;
import dev.herald.webflux.ReactiveEventEndpoint;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.SimpleHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Load tool: N loopback WebSocket clients, R events per second for D seconds, through Herald's
 * {@link EventWebSocketServer} ({@code ws}), Herald's {@link EventEndpoint} in embedded Tomcat as
 * an application deploys it ({@code tomcat}: the servlet upgrade) and through Tomcat's Jakarta
 * WebSocket API ({@code tomcat-jakarta}), in embedded Jetty as an application deploys it ({@code
 * jetty}: Jetty's core connection upgrade) and through Jetty's Jakarta WebSocket API ({@code
 * jetty-jakarta}, sending through Jetty's core session), what a Spring team builds without Herald
 * on the same Tomcat ({@code spring-handler}, {@code spring-stomp}: see {@link SpringPeers}), a bare
 * Java-WebSocket server that {@code broadcast}s the same bytes ({@code bare}) and Node's {@code ws}
 * broadcasting them ({@code node-ws}: {@link NodeBroadcastServer}), all in the same run. Reports
 * frames delivered vs expected, emit-to-receive latency (p50/p99/max), the server's heap per
 * connection after a full GC, and saturation throughput; with {@code -Dherald.bench.results} each
 * figure is also a row for {@code scripts/bench} ({@link ResultRows}).
 *
 * <p>The clients run in a child JVM ({@link LoadClients}), so the server's heap and GC pauses are
 * its own, and they are raw sockets on one thread, so they take as little of the machine as a
 * client can ({@code -Dherald.load.threads=N} spreads them over N threads).
 *
 * <p>{@code -Dherald.load.tomcat.socketBuffer=N} sets Tomcat's per-connection socket buffers
 * ({@code socket.appReadBufSize}, {@code socket.appWriteBufSize}, 8 KiB each by default).
 *
 * <p>Loopback only, bounded in count and time. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.herald.bench.FanOutLoad [clients,...] [rate]
 * [seconds] [ws,tomcat,tomcat-jakarta,tomcat-sse,jetty,jetty-jakarta,jetty-sse,webflux,webflux-sse,spring-handler,
 * spring-stomp,bare,node-ws]}: each client count in turn, every transport at each; {@code ws+meters} and {@code
 * tomcat+meters} are {@code ws} and {@code tomcat} with {@code herald-micrometer}'s meters bound
 * and scraped once a second. {@code tomcat-mixed}, {@code jetty-mixed} and {@code webflux-mixed}
 * serve WebSocket and event-stream clients at once, half of each, and report each half.
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
        List<Integer> clientCounts = Arrays.stream((args.length > 0 ? args[0] : "1000").split(","))
                .map(Integer::parseInt)
                .toList();
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        if (clientCounts.stream().anyMatch(clients -> clients > 10_000) || rate > 10_000 || seconds > 300) {
            throw new IllegalArgumentException("bounded: at most 10000 clients, 10000 events/s, 300 s");
        }
        List<String> transports = List.of((args.length > 3 ? args[3] : "ws,tomcat,bare").split(","));
        FanOutLoad warmup = new FanOutLoad(Math.min(clientCounts.get(0), 200), rate, 3);
        for (String transport : transports) {
            warmup.run(transport);
        }
        for (int clients : clientCounts) {
            FanOutLoad load = new FanOutLoad(clients, rate, seconds);
            System.out.printf(
                    Locale.ROOT,
                    "clients=%d rate=%d/s duration=%ds, loopback, JDK %s%n",
                    clients,
                    rate,
                    seconds,
                    Runtime.version());
            Map<String, Result> results = new LinkedHashMap<>();
            for (String transport : transports) {
                List<Result> parts = load.run(transport);
                for (Result result : parts) {
                    String label = parts.size() == 1 ? transport : transport + "/" + result.half();
                    results.put(label, result);
                    result.record(label, rate, seconds);
                }
            }
            results.forEach((label, result) -> System.out.println(result.describe(name(label))));
            StringBuilder saturation = new StringBuilder("saturation throughput:");
            results.forEach((transport, result) ->
                    saturation.append(String.format(Locale.ROOT, " %s %.0f frames/s;", transport, result.saturation)));
            System.out.println(saturation);
        }
        System.exit(0);
    }

    /** A transport's name, or a mixed run's half's: {@code tomcat-mixed/sse}. */
    private static String name(String label) {
        int half = label.indexOf('/');
        if (half < 0) {
            return NAMES.get(label);
        }
        return NAMES.get(label.substring(0, half)) + ", its " + label.substring(half + 1) + " clients";
    }

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("ws", "herald (Java-WebSocket)"),
            Map.entry("ws+meters", "herald (Java-WebSocket), meters bound"),
            Map.entry("tomcat", "herald (Tomcat, servlet upgrade)"),
            Map.entry("tomcat+meters", "herald (Tomcat, servlet upgrade), meters bound"),
            Map.entry("tomcat-sse", "herald (Tomcat, Server-Sent Events)"),
            Map.entry("tomcat-jakarta", "herald (Tomcat, Jakarta WebSocket)"),
            Map.entry("jetty", "herald (Jetty, connection upgrade)"),
            Map.entry("jetty-jakarta", "herald (Jetty, Jakarta WebSocket)"),
            Map.entry("jetty-sse", "herald (Jetty, Server-Sent Events)"),
            Map.entry("webflux", "herald (WebFlux on Reactor Netty, WebSocket)"),
            Map.entry("webflux-sse", "herald (WebFlux on Reactor Netty, Server-Sent Events)"),
            Map.entry("tomcat-mixed", "herald (Tomcat, WebSocket and Server-Sent Events at once)"),
            Map.entry("jetty-mixed", "herald (Jetty, WebSocket and Server-Sent Events at once)"),
            Map.entry("webflux-mixed", "herald (WebFlux on Reactor Netty, WebSocket and Server-Sent Events at once)"),
            Map.entry("spring-handler", "Spring TextWebSocketHandler (Tomcat)"),
            Map.entry("spring-stomp", "Spring STOMP simple broker (Tomcat)"),
            Map.entry("bare", "bare broadcast"),
            Map.entry("node-ws", "Node ws broadcast"));

    /** One result, or with {@code -mixed} the WebSocket half's and the event stream's. */
    private List<Result> run(String transport) throws Exception {
        return switch (transport) {
            case "ws" -> runHerald(false);
            case "ws+meters" -> runHerald(true);
            case "tomcat" -> runTomcat(true, false);
            case "tomcat+meters" -> runTomcat(true, true);
            case "tomcat-sse" -> runTomcat(true, false, "sse");
            case "jetty-sse" -> runJetty(true, "sse");
            case "webflux" -> runWebFlux("once");
            case "webflux-sse" -> runWebFlux("sse");
            case "tomcat-mixed" -> runTomcat(true, false, MIXED);
            case "jetty-mixed" -> runJetty(true, MIXED);
            case "webflux-mixed" -> runWebFlux(MIXED);
            case "tomcat-jakarta" -> runTomcat(false, false);
            case "jetty" -> runJetty(true, "once");
            case "jetty-jakarta" -> runJetty(false, "once");
            case "spring-handler", "spring-stomp" -> runSpring(transport.equals("spring-stomp"));
            case "bare" -> runBare();
            case "node-ws" -> runNode();
            default ->
                throw new IllegalArgumentException(
                        "transport is ws, tomcat, tomcat-jakarta, jetty, jetty-jakarta, webflux, spring-handler, spring-stomp, bare, node-ws,"
                                + " or ws+meters, tomcat+meters, tomcat-sse, jetty-sse, webflux-sse,"
                                + " tomcat-mixed, jetty-mixed, webflux-mixed: "
                                + transport);
        };
    }

    /** What one run measured. */
    record Result(
            String half,
            int clients,
            int connected,
            long expected,
            long delivered,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            long heapPerConnection,
            double saturation) {
        String describe(String name) {
            return String.format(
                    Locale.ROOT,
                    "%s: %sdelivered %d of %d (%.4f%%), latency p50 %.2f ms, p99 %.2f ms, max %.2f ms, heap per connection %d B",
                    name,
                    connected < clients ? "only " + connected + " of " + clients + " clients connected; " : "",
                    delivered,
                    expected,
                    100.0 * delivered / expected,
                    p50Millis,
                    p99Millis,
                    maxMillis,
                    heapPerConnection);
        }

        /** The row of {@code scripts/bench}'s results ({@link ResultRows}). */
        void record(String transport, int rate, int seconds) {
            ResultRows.add(
                    "fanout",
                    "transport",
                    transport,
                    "name",
                    name(transport),
                    "clients",
                    clients,
                    "connected",
                    connected,
                    "rate",
                    rate,
                    "seconds",
                    seconds,
                    "expected",
                    expected,
                    "delivered",
                    delivered,
                    "p50Ms",
                    p50Millis,
                    "p99Ms",
                    p99Millis,
                    "maxMs",
                    maxMillis,
                    "heapPerConnection",
                    heapPerConnection,
                    "saturation",
                    saturation);
        }
    }

    private List<Result> runHerald(boolean meters) throws Exception {
        EventBus bus = EventBus.create();
        long heapBefore = LoadPacing.heapAfterGc();
        EventWebSocketServer server = EventWebSocketServer.builder(bus)
                .bindAddress(new InetSocketAddress(HOST, 0))
                .maxConnections(clients + 10)
                .build()
                .start();
        try (Scrapes scrapes = meters ? Scrapes.of(server) : Scrapes.NONE) {
            return measure(server.port(), () -> server.connectionCount(), event -> bus.emit(event), heapBefore);
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }

    /**
     * {@link EventEndpoint} in embedded Tomcat, as a Spring Boot app runs it: deployed on the servlet
     * context (the servlet upgrade), or through Tomcat's Jakarta WebSocket API.
     */
    private List<Result> runTomcat(boolean upgrade, boolean meters) throws Exception {
        return runTomcat(upgrade, meters, "once");
    }

    private List<Result> runTomcat(boolean upgrade, boolean meters, String clientMode) throws Exception {
        EventBus bus = EventBus.create();
        Path base = Files.createTempDirectory("herald-load-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", HOST);
        connector.setProperty("maxConnections", Integer.toString(clients + 100));
        // Tomcat's per-connection socket buffers (8 KiB each by default), to see what they cost.
        String socketBuffer = System.getProperty("herald.load.tomcat.socketBuffer");
        if (socketBuffer != null) {
            connector.setProperty("socket.appReadBufSize", socketBuffer);
            connector.setProperty("socket.appWriteBufSize", socketBuffer);
        }
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Tomcat.initWebappDefaults(context); // a default servlet: Tomcat's WebSocket filter needs one
        context.addServletContainerInitializer(new WsSci(), null);
        EventEndpoint endpoint =
                EventEndpoint.builder(bus).maxConnections(clients + 10).build();
        context.addServletContainerInitializer(
                (classes, servletContext) -> {
                    try {
                        if (upgrade) {
                            endpoint.deploy(servletContext);
                        } else {
                            endpoint.deploy(
                                    (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName()));
                        }
                    } catch (DeploymentException e) {
                        throw new IllegalStateException(e);
                    }
                },
                null);
        tomcat.start();
        return measureInContainer(bus, endpoint, connector.getLocalPort(), meters, clientMode, () -> {
            tomcat.stop();
            tomcat.destroy();
        });
    }

    /**
     * {@link EventEndpoint} in embedded Jetty 12 (ee10), as a Spring Boot app runs it: deployed on
     * the servlet context (Herald takes the connections over), or through Jetty's Jakarta WebSocket
     * API (sending through Jetty's core session).
     */
    private List<Result> runJetty(boolean upgrade, String clientMode) throws Exception {
        EventBus bus = EventBus.create();
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(HOST);
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        jetty.setHandler(context);
        EventEndpoint endpoint =
                EventEndpoint.builder(bus).maxConnections(clients + 10).build();
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxSessionIdleTimeout(0); // the endpoint's heartbeat decides
            if (upgrade) {
                endpoint.deploy(servletContext);
            } else {
                endpoint.deployEventStream(servletContext);
                endpoint.deploy(container);
            }
        });
        jetty.start();
        return measureInContainer(bus, endpoint, connector.getLocalPort(), false, clientMode, jetty::stop);
    }

    /**
     * {@link ReactiveEventEndpoint} on Reactor Netty, as a reactive Spring Boot app runs it: behind
     * Spring's {@code DispatcherHandler} and the endpoint's handler mapping.
     */
    private List<Result> runWebFlux(String clientMode) throws Exception {
        EventBus bus = EventBus.create();
        ReactiveEventEndpoint endpoint = ReactiveEventEndpoint.builder(bus)
                .maxConnections(clients + 10)
                .build()
                .start();
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean("heraldEvents", HandlerMapping.class, endpoint::handlerMapping);
        context.registerBean(SimpleHandlerAdapter.class);
        context.refresh();
        DisposableServer netty = HttpServer.create()
                .host(HOST)
                .port(0)
                .handle(new ReactorHttpHandlerAdapter(WebHttpHandlerBuilder.webHandler(new DispatcherHandler(context))
                        .build()))
                .bindNow();
        return measureInContainer(bus, endpoint, endpoint::stop, netty.port(), false, clientMode, () -> {
            netty.disposeNow(Duration.ofSeconds(5));
            context.close();
        });
    }

    /**
     * The endpoint's meters bound to a registry (with the emit-to-write percentiles histogram, the
     * costlier setting) and read once a second, as a Prometheus scrape would: what an application
     * with metrics pays.
     */
    private interface Scrapes extends AutoCloseable {
        Scrapes NONE = () -> {};

        static Scrapes of(MonitoredEndpoint endpoint) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new HeraldMetrics(endpoint).publishPercentileHistogram().bindTo(registry);
            ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
            scraper.scheduleAtFixedRate(
                    () -> registry.getMeters().forEach(meter -> meter.measure().forEach(Measurement::getValue)),
                    1,
                    1,
                    TimeUnit.SECONDS);
            return () -> {
                scraper.shutdownNow();
                registry.close();
            };
        }

        @Override
        void close();
    }

    /** Stops a container once its endpoint has stopped. */
    private interface ContainerStop {
        void stop() throws Exception;
    }

    /**
     * Measures an {@link EventEndpoint} in a started container, then stops both. Heap per connection
     * counts from here: the container's own heap is not the connections'.
     */
    private List<Result> measureInContainer(
            EventBus bus, EventEndpoint endpoint, int port, boolean meters, String clientMode, ContainerStop container)
            throws Exception {
        return measureInContainer(bus, endpoint, endpoint::stop, port, meters, clientMode, container);
    }

    private List<Result> measureInContainer(
            EventBus bus,
            MonitoredEndpoint endpoint,
            Consumer<Duration> stop,
            int port,
            boolean meters,
            String clientMode,
            ContainerStop container)
            throws Exception {
        long heapBefore = LoadPacing.heapAfterGc();
        try (Scrapes scrapes = meters ? Scrapes.of(endpoint) : Scrapes.NONE) {
            return measure(port, endpoint::connectionCount, bus::emit, heapBefore, clientMode);
        } finally {
            stop.accept(Duration.ofSeconds(5));
            container.stop();
        }
    }

    /** A Spring peer ({@link SpringPeers}) on embedded Tomcat, sending the same JSON. */
    private List<Result> runSpring(boolean stomp) throws Exception {
        EventJson json = EventJson.create();
        try (SpringPeers peer = stomp ? SpringPeers.stomp(clients) : SpringPeers.handler(clients)) {
            long heapBefore = LoadPacing.heapAfterGc(); // Spring's and Tomcat's own heap is not the connections'
            return measure(
                    peer.port,
                    peer::connectionCount,
                    event -> peer.send(
                            new String(json.encode(event, System.currentTimeMillis()), StandardCharsets.UTF_8)),
                    heapBefore,
                    stomp ? "stomp" : "once");
        }
    }

    private List<Result> runBare() throws Exception {
        EventJson json = EventJson.create();
        long heapBefore = LoadPacing.heapAfterGc();
        CountDownLatch started = new CountDownLatch(1);
        WebSocketServer server = new WebSocketServer(new InetSocketAddress(HOST, 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {}

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

            @Override
            public void onMessage(WebSocket conn, String message) {}

            @Override
            public void onError(WebSocket conn, Exception ex) {}

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

    /**
     * The Node peer: a {@code ws} server broadcasting in its own process, driven over a pipe. The
     * latency counts from the emit here, so it includes the command's wait in Node's event loop,
     * as Herald's includes the hand-off to its fan-out. Its heap per connection is Node's.
     */
    private List<Result> runNode() throws Exception {
        try (NodeBroadcastServer node = new NodeBroadcastServer()) {
            return measure(
                    node.port,
                    node::connectionCount,
                    event -> node.broadcast(event.path()),
                    node.heapAfterGc(),
                    node::heapAfterGc,
                    "once");
        }
    }

    /** The heap in use after a full collection, of the process that holds the connections. */
    private interface Heap {
        long afterGc() throws InterruptedException;
    }

    private interface Emitter {
        void emit(FsCreated event);
    }

    private List<Result> measure(int port, IntSupplier connected, Emitter emitter, long heapBefore) throws Exception {
        return measure(port, connected, emitter, heapBefore, "once");
    }

    private List<Result> measure(int port, IntSupplier connected, Emitter emitter, long heapBefore, String clientMode)
            throws Exception {
        return measure(port, connected, emitter, heapBefore, LoadPacing::heapAfterGc, clientMode);
    }

    /**
     * Connects the clients, then measures the fixed rate and the saturation. In {@link #MIXED} mode
     * half the clients read the event stream and the others are WebSocket clients, on one server,
     * sent the same events at the same moments, alternating in the order the fan-out serves
     * connections and spread alike over the server's threads: whatever the machine does to one half
     * it does to the other, so their p99s compare without the noise between two runs.
     */
    private List<Result> measure(
            int port, IntSupplier connected, Emitter emitter, long heapBefore, Heap heap, String clientMode)
            throws Exception {
        int streams = (int) IntStream.range(0, clients)
                .filter(LoadClients::readsStreamWhenMixed)
                .count();
        List<Half> halves = clientMode.equals(MIXED)
                ? List.of(new Half("ws", "", clients - streams), new Half("sse", "sse", streams))
                : List.of(new Half("", "", clients));
        try (ClientProcess clientProcess =
                new ClientProcess(URI.create("ws://" + HOST + ":" + port + "/api/events/ws"), clients, clientMode)) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (connected.getAsInt() < clients && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            int connectedClients = connected.getAsInt();
            long heapPerConnection = Math.max(0, heap.afterGc() - heapBefore) / Math.max(1, connectedClients);

            // Fixed rate: latency and delivery.
            LoadPacing.atFixedRate(rate, seconds, seq -> emitter.emit(LoadPacing.timedEvent("")));
            long[] delivered = new long[halves.size()];
            long[][] latencies = new long[halves.size()][];
            for (int h = 0; h < halves.size(); h++) {
                Half half = halves.get(h);
                long expected = (long) half.clients() * rate * seconds;
                delivered[h] =
                        clientProcess.awaitCounts(half.query(), c -> c[0] >= expected, Duration.ofSeconds(10))[0];
                latencies[h] = clientProcess.latenciesMicros(half.query());
            }

            // Saturation: as fast as possible, a fixed number of events, until all clients have them.
            int burst = Math.max(200, 200_000 / clients);
            long satStart = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                emitter.emit(new FsCreated("asset-load", "/s/" + System.nanoTime(), false));
                if (i % 50 == 0) {
                    Thread.sleep(1); // stay below the default budget of a healthy client
                }
            }
            List<Result> results = new ArrayList<>();
            for (int h = 0; h < halves.size(); h++) {
                Half half = halves.get(h);
                long want = (long) burst * half.clients();
                long[] counts = clientProcess.awaitCounts(half.query(), c -> c[1] >= want, Duration.ofSeconds(30));
                double saturation = counts[1] / ((counts[2] - satStart) / 1e9);
                results.add(new Result(
                        half.label(),
                        half.clients(),
                        // The server counts connections, not kinds: a mixed run's shortfall counts against each half.
                        Math.max(0, half.clients() - (clients - connectedClients)),
                        (long) half.clients() * rate * seconds,
                        delivered[h],
                        latencies[h][0] / 1000.0,
                        latencies[h][1] / 1000.0,
                        latencies[h][2] / 1000.0,
                        heapPerConnection,
                        saturation));
            }
            return results;
        }
    }

    /** The client mode of a mixed run: half WebSocket, half event stream ({@link #measure}). */
    private static final String MIXED = "mixed";

    /**
     * Clients of one kind: all of a run's, or half of a mixed run's ({@code label} ws or sse), and
     * how to ask the client process for theirs ({@link ClientProcess#awaitCounts(String, Predicate,
     * Duration)}).
     */
    private record Half(String label, String query, int clients) {}
}
