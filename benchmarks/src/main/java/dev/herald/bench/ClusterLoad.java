package dev.herald.bench;

import dev.herald.it.cluster.BrokerProcess;
import dev.herald.it.cluster.NatsProcess;
import dev.herald.it.cluster.RedisProcess;
import dev.herald.nats.NatsBroker;
import dev.herald.redis.RedisBroker;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.cluster.BrokerListener;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.ws.EventWebSocketServer;
import dev.herald.seed.fs.FsCreated;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Load tool for several instances: two nodes, each an {@link EventWebSocketServer} with its own
 * broker connection and N loopback clients (in child JVMs), R events per second emitted on node A
 * for D seconds, through a real {@code redis-server} or {@code nats-server -js} started here.
 * Reports per node the frames delivered vs expected and the emit-to-receive latency (p50/p99/max),
 * then the broker's publish throughput from one node (envelopes published as fast as the emitting
 * thread can, timed until another node has received them all).
 *
 * <p>Loopback only, bounded in count and time. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.herald.bench.ClusterLoad [clientsPerNode] [rate] [seconds] [redis,nats]}
 */
public final class ClusterLoad {
    private static final String HOST = "127.0.0.1";
    private static final int THROUGHPUT_EVENTS = 50_000;
    private static final int WINDOW = 2_000;

    private final int clients;
    private final int rate;
    private final int seconds;

    private ClusterLoad(int clients, int rate, int seconds) {
        this.clients = clients;
        this.rate = rate;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        if (clients > 2500 || rate > 5000 || seconds > 300) {
            throw new IllegalArgumentException("bounded: at most 2500 clients a node, 5000 events/s, 300 s");
        }
        List<String> brokers = List.of((args.length > 3 ? args[3] : "redis,nats").split(","));
        System.out.printf(
                Locale.ROOT,
                "2 nodes x %d clients, %d events/s on node A for %d s, loopback, JDK %s%n",
                clients,
                rate,
                seconds,
                Runtime.version());
        new ClusterLoad(Math.min(clients, 100), rate, 3).run(brokers, false); // warm-up
        new ClusterLoad(clients, rate, seconds).run(brokers, true);
        System.exit(0);
    }

    private void run(List<String> brokers, boolean report) throws Exception {
        for (String name : brokers) {
            try (BrokerProcess server = server(name).start()) {
                Function<Long, Broker> broker = maxLength -> broker(name, server.url(), maxLength);
                String fanOut = fanOut(broker.apply(10_000L), broker.apply(10_000L), report ? name : null);
                String throughput = throughput(
                        broker.apply((long) THROUGHPUT_EVENTS),
                        broker.apply((long) THROUGHPUT_EVENTS),
                        report ? name : null);
                if (report) {
                    System.out.println(name + ": " + fanOut);
                    System.out.println(name + ": " + throughput);
                }
            }
        }
    }

    private static BrokerProcess server(String name) {
        return switch (name) {
            case "redis" -> new RedisProcess();
            case "nats" -> new NatsProcess();
            default -> throw new IllegalArgumentException("broker is redis or nats: " + name);
        };
    }

    private static Broker broker(String name, String url, long maxLength) {
        return name.equals("redis")
                ? RedisBroker.builder(url).maxLength(maxLength).build()
                : NatsBroker.builder(url).maxMessages(maxLength).build();
    }

    /**
     * Emits on A at a fixed rate; what the clients of A and of B got, and how late. Recorded as
     * result rows ({@link ResultRows}) unless {@code recordAs} is null (the warm-up).
     */
    private String fanOut(Broker brokerA, Broker brokerB, String recordAs) throws Exception {
        EventBus busA = EventBus.create();
        EventWebSocketServer nodeA = node(busA, brokerA);
        EventWebSocketServer nodeB = node(EventBus.create(), brokerB);
        try (ClientProcess onA = clients(nodeA);
                ClientProcess onB = clients(nodeB)) {
            int total = rate * seconds;
            LoadPacing.atFixedRate(rate, seconds, seq -> busA.emit(LoadPacing.timedEvent("")));
            long expected = (long) total * clients;
            long deliveredA = onA.awaitCounts(c -> c[0] >= expected, Duration.ofSeconds(15))[0];
            long deliveredB = onB.awaitCounts(c -> c[0] >= expected, Duration.ofSeconds(15))[0];
            long[] latencyA = onA.latenciesMicros();
            long[] latencyB = onB.latenciesMicros();
            if (recordAs != null) {
                record(recordAs, "A", expected, deliveredA, latencyA);
                record(recordAs, "B", expected, deliveredB, latencyB);
            }
            return String.format(
                    Locale.ROOT,
                    "node A (emitting) delivered %d of %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
                            + " node B (via the broker) delivered %d of %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
                            + " B p99 - A p99 = %.2f ms",
                    deliveredA,
                    expected,
                    latencyA[0] / 1000.0,
                    latencyA[1] / 1000.0,
                    latencyA[2] / 1000.0,
                    deliveredB,
                    expected,
                    latencyB[0] / 1000.0,
                    latencyB[1] / 1000.0,
                    latencyB[2] / 1000.0,
                    (latencyB[1] - latencyA[1]) / 1000.0);
        } finally {
            nodeA.stop(Duration.ofSeconds(5));
            nodeB.stop(Duration.ofSeconds(5));
        }
    }

    private void record(String broker, String node, long expected, long delivered, long[] latencyMicros) {
        ResultRows.addWithLatency(
                "cluster",
                latencyMicros,
                "broker",
                broker,
                "node",
                node,
                "clients",
                clients,
                "rate",
                rate,
                "seconds",
                seconds,
                "expected",
                expected,
                "delivered",
                delivered);
    }

    private EventWebSocketServer node(EventBus bus, Broker broker) {
        return EventWebSocketServer.builder(bus)
                .bindAddress(new InetSocketAddress(HOST, 0))
                .maxConnections(clients + 10)
                .broker(broker)
                .build()
                .start();
    }

    private ClientProcess clients(EventWebSocketServer node) throws Exception {
        ClientProcess process =
                new ClientProcess(URI.create("ws://" + HOST + ":" + node.port() + "/api/events/ws"), clients);
        long deadline = System.currentTimeMillis() + 10_000;
        while (node.connectionCount() < clients && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return process;
    }

    /**
     * One node publishes as fast as the other keeps up (at most {@link #WINDOW} on their way); the
     * time until the other has received everything.
     */
    private static String throughput(Broker sender, Broker receiver, String recordAs) throws InterruptedException {
        AtomicLong received = new AtomicLong();
        AtomicLong gaps = new AtomicLong();
        receiver.start("receiver", new CountingListener() {
            @Override
            public void received(String epoch, long seq, long tsMillis, byte[] envelope) {
                received.incrementAndGet();
            }

            @Override
            public void gap(String reason) {
                gaps.incrementAndGet();
            }
        });
        sender.start("sender", new CountingListener());
        byte[] envelope = EventJson.create()
                .encode(new FsCreated("asset-1", "/home/user/documents/report.txt", false), System.currentTimeMillis());
        try {
            long start = System.nanoTime();
            for (int i = 0; i < THROUGHPUT_EVENTS; i++) {
                // At most WINDOW on their way: a sustained rate, not a burst that overflows the
                // brokers' bounded queues (which would count as lost).
                while (i - received.get() >= WINDOW) {
                    LockSupport.parkNanos(20_000);
                }
                sender.publish("fs.created", envelope, false);
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.get() < THROUGHPUT_EVENTS && System.currentTimeMillis() < deadline) {
                Thread.sleep(1);
            }
            long done = System.nanoTime();
            if (recordAs != null) {
                ResultRows.add(
                        "cluster-throughput",
                        "broker",
                        recordAs,
                        "received",
                        received.get(),
                        "sent",
                        THROUGHPUT_EVENTS,
                        "eventsPerSecond",
                        received.get() / ((done - start) / 1e9),
                        "gaps",
                        gaps.get());
            }
            return String.format(
                    Locale.ROOT,
                    "publish throughput from one node: %d of %d envelopes (%d B) received by another node in"
                            + " %.0f ms = %.0f events/s, at most %d on their way; gaps %d",
                    received.get(),
                    THROUGHPUT_EVENTS,
                    envelope.length,
                    (done - start) / 1e6,
                    received.get() / ((done - start) / 1e9),
                    WINDOW,
                    gaps.get());
        } finally {
            sender.close();
            receiver.close();
        }
    }

    /** A listener that takes what the broker says and does nothing with it. */
    private static class CountingListener implements BrokerListener {
        @Override
        public void streaming(String epoch, long afterSeq) {}

        @Override
        public void received(String epoch, long seq, long tsMillis, byte[] envelope) {}

        @Override
        public void gap(String reason) {}

        @Override
        public void unavailable(String reason) {}
    }
}
