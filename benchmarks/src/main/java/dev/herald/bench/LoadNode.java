package dev.herald.bench;

import dev.herald.redis.RedisBroker;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.ws.EventWebSocketServer;
import dev.herald.seed.fs.FsCreated;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One instance of a service for {@link RollingRestartLoad}, in a JVM of its own so that it can be
 * stopped gracefully or killed with SIGKILL: an {@link EventWebSocketServer} (with a Redis broker,
 * or none) that emits {@code rate} events per second.
 *
 * <p>Event {@code i} of node {@code name} is an {@code fs.created} with path {@code
 * /r/<nanoTime>/<name>/<i>} and asset id {@code i % GROUPS}; a client connects with {@code ?g=<k>}
 * and the access policy lets it see the events of group {@code k} only, so each client gets {@code
 * rate / GROUPS} events per second of each node, consecutive ones {@code GROUPS} apart. Prints
 * {@code READY} once serving; {@code stop} on standard input stops it gracefully (every client
 * closed with 1012) and exits.
 *
 * <p>Run by {@link RollingRestartLoad}: {@code name port redis-uri|none rate}.
 */
public final class LoadNode {
    /** Client groups: a client sees one event in this many of each node. */
    static final int GROUPS = 50;

    private LoadNode() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        String redis = args[2];
        int rate = Integer.parseInt(args[3]);
        EventBus bus = EventBus.create();
        EventWebSocketServer.Builder builder = EventWebSocketServer.builder(bus)
                .bindAddress(new InetSocketAddress("127.0.0.1", port))
                .maxConnections(20_000)
                .authenticator(handshake -> handshake.queryParameter("g").orElse("0"))
                .accessPolicy(
                        (group, type, event) -> ((FsCreated) event).assetId().equals(group));
        if (!redis.equals("none")) {
            builder.broker(RedisBroker.create(redis));
        }
        EventWebSocketServer server = builder.build().start();
        Thread emitter = new Thread(() -> emit(bus, name, rate), "load-node-emitter");
        emitter.setDaemon(true);
        emitter.start();
        System.out.println("READY " + server.port());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("stop")) {
                break;
            }
        }
        emitter.interrupt();
        server.stop(Duration.ofSeconds(5));
        System.out.println("STOPPED");
        System.exit(0);
    }

    private static void emit(EventBus bus, String name, int rate) {
        long period = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
            bus.emit(new FsCreated(Long.toString(i % GROUPS), "/r/" + System.nanoTime() + "/" + name + "/" + i, false));
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
