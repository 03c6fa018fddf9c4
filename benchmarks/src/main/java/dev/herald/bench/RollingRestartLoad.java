package dev.herald.bench;

import dev.herald.it.cluster.RedisProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Load tool for resume (README "Reconnects and deploys"): a rolling restart of two nodes on one
 * {@code redis-server}, behind a round-robin proxy, with resume-mode clients that keep their
 * position and count what a TypeScript client would re-fetch.
 *
 * <p>Nodes A and B ({@link LoadNode}, each a JVM of its own) emit {@code rate} events per second
 * each; {@code clients} clients per node connect through two {@link RoundRobinProxy}s (half of
 * them each: a process may hold 20,000 files here). Then: A is
 * restarted gracefully (its clients get 1012 and reconnect after a random 0 to 2 s through the
 * proxy), then B, then A is killed with SIGKILL and started again. For each step: how long until
 * every client was open again and had its answer ({@code $resumed} or {@code $resync}). At the end,
 * over the whole run: reconnects, % resumed, {@code $resync}s, re-fetches the clients would make,
 * events lost (a gap in a node's sequence not covered by a {@code $resync}) and duplicates. In the
 * same run, node C, a single node without a broker, emits what A and B emit together to {@code clients}
 * clients of its own: its latency (p50/p99/max) beside the cluster clients', to show what delivery
 * in stream order costs.
 *
 * <p>Loopback only, bounded in count and time. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.herald.bench.RollingRestartLoad [clientsPerNode] [rate] [settleSeconds]}
 */
public final class RollingRestartLoad {
    private static final String HOST = "127.0.0.1";

    private final int clients;
    private final int rate;
    private final int settleSeconds;
    private final String redis;
    private final int portA;
    private final int portB;

    private RollingRestartLoad(int clients, int rate, int settleSeconds, String redis) throws IOException {
        this.clients = clients;
        this.rate = rate;
        this.settleSeconds = settleSeconds;
        this.redis = redis;
        this.portA = freePort();
        this.portB = freePort();
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int settle = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        if (clients > 5000 || rate > 1000 || settle > 60) {
            throw new IllegalArgumentException("bounded: at most 5000 clients a node, 1000 events/s, 60 s per step");
        }
        System.out.printf(
                Locale.ROOT,
                "rolling restart: 2 nodes x %d clients behind a round-robin proxy, %d events/s on each node"
                        + " (each client sees 1 in %d), redis-server, loopback, JDK %s%n",
                clients,
                rate,
                LoadNode.GROUPS,
                Runtime.version());
        try (RedisProcess server = new RedisProcess()) {
            server.start();
            new RollingRestartLoad(clients, rate, settle, server.url()).run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        NodeProcess a = new NodeProcess("a1", portA, redis);
        NodeProcess b = new NodeProcess("b1", portB, redis);
        // What A and B emit together: each of its clients gets as many frames as a cluster client.
        NodeProcess single = new NodeProcess("c1", freePort(), "none", 2 * rate);
        Process proxyAlone = proxy(single.port); // the same hop as the cluster's clients have
        // Two proxies (a process holds at most 20,000 files here), each in front of both nodes for half
        // of the clients: a load balancer of two instances.
        Process proxyOne = proxy(portA, portB);
        Process proxyTwo = proxy(portA, portB);
        try (ClientProcess halfOne = new ClientProcess(uri(proxyPort(proxyOne)), clients, "resume");
                ClientProcess halfTwo = new ClientProcess(uri(proxyPort(proxyTwo)), clients, "resume");
                ClientProcess alone = new ClientProcess(uri(proxyPort(proxyAlone)), clients, "resume")) {
            Clients cluster = new Clients(halfOne, halfTwo);
            System.out.println("cluster clients " + halfOne.connected + " and " + halfTwo.connected
                    + "; single-node clients " + alone.connected);
            Thread.sleep(settleSeconds * 1000L); // warm-up
            cluster.resetLatencies();
            alone.resetLatencies();
            Thread.sleep(settleSeconds * 1000L);
            printLatencies("steady", cluster.latenciesMicros(), alone.latenciesMicros());
            cluster.resetLatencies();
            alone.resetLatencies();

            a = step("A restarted gracefully", cluster, a::stop, () -> new NodeProcess("a2", portA, redis));
            b = step("B restarted gracefully", cluster, b::stop, () -> new NodeProcess("b2", portB, redis));
            a = step(
                    "A killed (SIGKILL) and started again",
                    cluster,
                    a::kill,
                    () -> new NodeProcess("a3", portA, redis));

            long[] counts = cluster.resume();
            long[] aloneCounts = alone.resume();
            System.out.printf(
                    Locale.ROOT,
                    "over the run: %d reconnects, %d with a position, %d resumed (%.1f%% of the answered), %d $resync, %d re-fetches"
                            + " counted by the clients, %d lost, %d duplicates, %d events received; single node: %d"
                            + " events, %d lost, %d duplicates%n",
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[2] + counts[3] == 0 ? 0 : 100.0 * counts[2] / (counts[2] + counts[3]),
                    counts[3],
                    counts[4],
                    counts[5],
                    counts[6],
                    counts[7],
                    aloneCounts[7],
                    aloneCounts[5],
                    aloneCounts[6]);
            ResultRows.add(
                    "resume",
                    "clientsPerNode",
                    clients,
                    "reconnects",
                    counts[0],
                    "resumed",
                    counts[2],
                    "resyncs",
                    counts[3],
                    "refetches",
                    counts[4],
                    "lost",
                    counts[5],
                    "duplicates",
                    counts[6]);
            printLatencies("restarts", cluster.latenciesMicros(), alone.latenciesMicros());
            System.out.println("$resync reasons: " + halfOne.resyncReasons() + " and " + halfTwo.resyncReasons());
        } finally {
            a.kill();
            b.kill();
            single.kill();
            proxyOne.destroyForcibly();
            proxyTwo.destroyForcibly();
            proxyAlone.destroyForcibly();
        }
    }

    /** The cluster's clients, in two processes: counts added up, latencies of the first half. */
    private record Clients(ClientProcess one, ClientProcess two) {
        long[] status() throws IOException {
            return add(one.status(), two.status());
        }

        long[] resume() throws IOException {
            return add(one.resume(), two.resume());
        }

        long[] latenciesMicros() throws IOException {
            return one.latenciesMicros();
        }

        void resetLatencies() throws IOException {
            one.resetLatencies();
            two.resetLatencies();
        }

        private static long[] add(long[] a, long[] b) {
            long[] sum = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                sum[i] = a[i] + b[i];
            }
            return sum;
        }
    }

    private static Process proxy(int... backendPorts) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RoundRobinProxy.class.getName()));
        for (int port : backendPorts) {
            command.add(Integer.toString(port));
        }
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static int proxyPort(Process proxy) throws IOException {
        String line =
                new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("PORT ")) {
            throw new IOException("the proxy did not start: " + line);
        }
        return Integer.parseInt(line.substring(5));
    }

    private void recordLatency(String phase, String setup, long[] latencyMicros) {
        ResultRows.addWithLatency(
                "resume-latency", latencyMicros, "clientsPerNode", clients, "phase", phase, "setup", setup);
    }

    /** {@code phase}: {@code steady} (before any restart) or {@code restarts} (live events during them). */
    private void printLatencies(String phase, long[] cluster, long[] single) {
        String when = phase.equals("steady")
                ? "steady state, " + settleSeconds + " s"
                : "during the restarts, live events only";
        recordLatency(phase, "cluster", cluster);
        recordLatency(phase, "single", single);
        System.out.printf(
                Locale.ROOT,
                "latency emit to client, %s: 2 nodes in stream order through a proxy (half of their clients) p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms; single node without a broker, through a proxy too, p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms%n",
                when,
                cluster[0] / 1000.0,
                cluster[1] / 1000.0,
                cluster[2] / 1000.0,
                single[0] / 1000.0,
                single[1] / 1000.0,
                single[2] / 1000.0);
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Starter {
        NodeProcess start() throws IOException;
    }

    /**
     * Stops the node ({@code down}) and starts it again while its clients move to the other node;
     * waits until every client is open and every reconnect had its answer, and prints how long
     * that took from the stop and what the step added.
     */
    private NodeProcess step(String name, Clients cluster, Action down, Starter restart) throws Exception {
        long[] before = cluster.resume();
        long stoppedAt = System.nanoTime();
        down.run();
        // Started beside the clients' return: they do not wait for it, the other node takes them.
        CompletableFuture<NodeProcess> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return restart.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long[] status;
        long[] counts;
        do {
            Thread.sleep(20);
            status = cluster.status();
            counts = cluster.resume();
        } while ((status[0] < 2L * clients || counts[8] > 0 || counts[0] == before[0]) && System.nanoTime() < deadline);
        long allBack = System.nanoTime() - stoppedAt;
        NodeProcess started = starting.join();
        System.out.printf(
                Locale.ROOT,
                "%s: %d reconnects, %d resumed, %d $resync, %d re-fetches, %d lost, %d duplicates;"
                        + " every client open and answered %.1f s after the stop began%n",
                name,
                counts[0] - before[0],
                counts[2] - before[2],
                counts[3] - before[3],
                counts[4] - before[4],
                counts[5] - before[5],
                counts[6] - before[6],
                allBack / 1e9);
        ResultRows.add(
                "resume-step",
                "clientsPerNode",
                clients,
                "step",
                name,
                "reconnects",
                counts[0] - before[0],
                "resumed",
                counts[2] - before[2],
                "resyncs",
                counts[3] - before[3],
                "secondsUntilAllBack",
                allBack / 1e9);
        Thread.sleep(settleSeconds * 1000L);
        return started;
    }

    private static URI uri(int port) {
        return URI.create("ws://" + HOST + ":" + port + "/api/events/ws");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A {@link LoadNode} in a JVM of its own. */
    private final class NodeProcess {
        final Process process;
        final int port;
        private final PrintStream commands;

        NodeProcess(String name, int port, String redisUri) throws IOException {
            this(name, port, redisUri, rate);
        }

        NodeProcess(String name, int port, String redisUri, int eventsPerSecond) throws IOException {
            this.port = port;
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(
                            java,
                            "-Xmx2g",
                            "-cp",
                            System.getProperty("java.class.path"),
                            LoadNode.class.getName(),
                            name,
                            Integer.toString(port),
                            redisUri,
                            Integer.toString(eventsPerSecond))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("READY")) {
                process.destroyForcibly();
                throw new IOException("node " + name + " did not start: " + ready);
            }
        }

        /** Graceful: every client gets 1012; waits for the process to end. */
        void stop() throws InterruptedException {
            commands.println("stop");
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        /** SIGKILL. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
