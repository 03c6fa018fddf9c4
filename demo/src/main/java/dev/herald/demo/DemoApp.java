package dev.herald.demo;

import com.sun.net.httpserver.HttpServer;
import dev.herald.nats.NatsBroker;
import dev.herald.redis.RedisBroker;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.cluster.Broker;
import dev.herald.webflux.ReactiveEventEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The live file manager: a REST API on the JDK's HTTP server, Herald events over WebSocket or
 * Server-Sent Events (Herald's reactive endpoint on Reactor Netty), and the
 * React page, in one process. {@code java -jar demo/target/herald-demo.jar [--port 8080]
 * [--events-port 8081] [--data ./herald-demo-data] [--redis redis://127.0.0.1:6379 | --nats
 * nats://127.0.0.1:4222] [--no-disk-watch] [--public-events-port N]}. The events port serves
 * WebSocket and, for browsers behind a proxy that refuses WebSocket upgrades, Server-Sent Events;
 * {@code --public-events-port} is the port the page connects to when a proxy forwards it. With a broker, several instances share one data folder and each page
 * hears the changes made through any of them ({@code scripts/demo-cluster}).
 */
public final class DemoApp implements AutoCloseable {
    /** Command-line settings. */
    public record Options(
            String host,
            int port,
            int eventsPort,
            Path data,
            int taskSteps,
            long taskStepMillis,
            String redisUri,
            String natsUrl,
            boolean watchDisk,
            int publicEventsPort) {
        static Options parse(String[] args) {
            String host = "127.0.0.1";
            int port = 8080;
            int eventsPort = 8081;
            Path data = Path.of("herald-demo-data");
            String redis = null;
            String nats = null;
            boolean watchDisk = true;
            int publicEventsPort = 0;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--no-disk-watch")) { // changes made behind the app's back go unseen
                    watchDisk = false;
                    continue;
                }
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--host" -> host = require(value, "--host");
                    case "--port" -> port = Integer.parseInt(require(value, "--port"));
                    case "--events-port" -> eventsPort = Integer.parseInt(require(value, "--events-port"));
                    case "--data" -> data = Path.of(require(value, "--data"));
                    case "--redis" -> redis = require(value, "--redis");
                    case "--nats" -> nats = require(value, "--nats");
                    case "--public-events-port" ->
                        publicEventsPort = Integer.parseInt(require(value, "--public-events-port"));
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + "; options: --host, --port, --events-port, --data, --redis, --nats,"
                                + " --public-events-port, --no-disk-watch");
                }
                i++;
            }
            if (redis != null && nats != null) {
                throw new IllegalArgumentException("--redis or --nats, not both");
            }
            return new Options(host, port, eventsPort, data, 20, 150, redis, nats, watchDisk, publicEventsPort);
        }

        /** The broker between instances, or null for a single one. */
        Broker broker() {
            if (redisUri != null) {
                return RedisBroker.create(redisUri);
            }
            return natsUrl != null ? NatsBroker.create(natsUrl) : null;
        }

        private static String require(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    private final HttpServer http;
    private final EventsServer events;
    private final DiskWatcher watcher;
    private final ScheduledExecutorService scheduler;

    private DemoApp(HttpServer http, EventsServer events, DiskWatcher watcher, ScheduledExecutorService scheduler) {
        this.http = http;
        this.events = events;
        this.watcher = watcher;
        this.scheduler = scheduler;
    }

    public static DemoApp start(Options options) throws IOException {
        Path data = options.data().toAbsolutePath().normalize();
        Files.createDirectories(data);
        seed(data);
        EventBus bus = EventBus.create();
        ReactiveEventEndpoint.Builder endpoint =
                ReactiveEventEndpoint.builder(bus).path("/api/events/ws");
        Broker broker = options.broker();
        if (broker != null) {
            endpoint.broker(broker);
        }
        EventsServer events =
                EventsServer.start(endpoint.build(), new InetSocketAddress(options.host(), options.eventsPort()));
        DiskWatcher watcher = new DiskWatcher(data, bus);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread thread = new Thread(r, "demo-tasks");
            thread.setDaemon(true);
            return thread;
        });
        AssetService assets = new AssetService(data, bus, watcher);
        FileService files = new FileService(assets, bus, watcher);
        TaskService tasks = new TaskService(bus, scheduler, options.taskSteps(), options.taskStepMillis());
        HttpServer http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        http.createContext("/api/", new Api(assets, files, tasks));
        http.createContext(
                "/", new StaticFiles(options.publicEventsPort() > 0 ? options.publicEventsPort() : events.port()));
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.start();
        if (options.watchDisk()) {
            watcher.start();
        }
        return new DemoApp(http, events, watcher, scheduler);
    }

    /** A first asset with a few files, so that a fresh start shows something. */
    private static void seed(Path data) throws IOException {
        try (var entries = Files.list(data)) {
            if (entries.findAny().isPresent()) {
                return;
            }
        }
        Path asset = Files.createDirectories(data.resolve("getting-started"));
        Files.createDirectories(asset.resolve("docs"));
        Files.writeString(
                asset.resolve("README.txt"),
                "Files here are watched: change them on disk and the page follows.\n",
                StandardCharsets.UTF_8);
        Files.writeString(asset.resolve("docs/notes.txt"), "Notes\n", StandardCharsets.UTF_8);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public int eventsPort() {
        return events.port();
    }

    @Override
    public void close() throws IOException {
        events.close();
        http.stop(0);
        watcher.close();
        scheduler.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        DemoApp app = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (IOException e) {
                // exiting anyway
            }
        }));
        System.out.printf(
                "Herald demo: http://%s:%d/  (events on ws://%s:%d/api/events/ws, files in %s%s)%n",
                options.host().equals("0.0.0.0") ? "localhost" : options.host(),
                app.port(),
                options.host(),
                app.eventsPort(),
                options.data().toAbsolutePath().normalize(),
                options.redisUri() != null
                        ? ", other instances via " + options.redisUri()
                        : options.natsUrl() != null ? ", other instances via " + options.natsUrl() : "");
        Thread.currentThread().join();
    }
}
