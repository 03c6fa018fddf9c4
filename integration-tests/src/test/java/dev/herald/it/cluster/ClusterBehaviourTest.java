package dev.herald.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.it.ws.TestClient;
import dev.herald.micrometer.HeraldMetrics;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.fanout.EndpointOptions;
import dev.herald.runtime.fanout.ResyncCause;
import dev.herald.runtime.ws.EventWebSocketServer;
import dev.herald.seed.asset.AssetCreated;
import dev.herald.seed.fs.FsCreated;
import dev.herald.seed.task.TaskCompleted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several instances behind one real broker, each an {@link EventWebSocketServer} with its own
 * broker connection and real WebSocket clients: the guarantees of README "Several instances", the same for
 * every broker. Each subclass starts its broker's server (killed with SIGKILL and restarted here).
 *
 * <p>Every test event is an {@code fs.created} whose path names the node that emitted it and its
 * emit index ({@code /a/17}), so that a client's stream shows what it got, from whom, in which
 * order, and what it missed.
 */
abstract class ClusterBehaviourTest {
    private static final Pattern PATH = Pattern.compile("\"Path\":\"/([a-z]+)/(\\d+)\"");

    protected BrokerProcess server;
    private final List<Node> nodes = new ArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<TcpProxy> proxies = new ArrayList<>();

    /** A new (not started) server of this broker on a free port. */
    protected abstract BrokerProcess newServer();

    /** One node's broker on the server at {@code port}, keeping about {@code maxLength} events. */
    protected abstract Broker broker(int port, long maxLength);

    /** Kills the server and starts it again on the same port with none of its data. */
    protected abstract void restartWithoutData() throws Exception;

    /** Appends {@code body} to the events as another writer would (not a Herald node). */
    protected abstract void appendForeign(String eventName, byte[] body) throws Exception;

    @BeforeEach
    void startServer() {
        server = newServer().start();
    }

    @AfterEach
    void tearDown() {
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                // already closed
            }
        }
        nodes.forEach(node -> node.endpoint.stop(Duration.ofSeconds(1)));
        proxies.forEach(TcpProxy::close);
        server.close();
    }

    /** One instance of the service. */
    protected final class Node {
        final String name;
        final EventBus bus = EventBus.create();
        final EventWebSocketServer endpoint;
        final AtomicInteger heardInProcess = new AtomicInteger();

        Node(String name, int brokerPort, long maxLength, Consumer<EndpointOptions<?>> configure) {
            this.name = name;
            bus.on(FsCreated.class, event -> heardInProcess.incrementAndGet());
            EventWebSocketServer.Builder builder = EventWebSocketServer.builder(bus)
                    .bindAddress(new InetSocketAddress("127.0.0.1", 0))
                    .broker(broker(brokerPort, maxLength));
            configure.accept(builder);
            this.endpoint = builder.build().start();
        }

        TestClient client(String pathAndQuery) throws InterruptedException {
            int before = endpoint.connectionCount();
            TestClient client = TestClient.connect(endpoint.port(), pathAndQuery);
            toClose.add(client::closeBlocking);
            await("the client on " + name + " is admitted", () -> endpoint.connectionCount() > before);
            return client;
        }

        TestClient client() throws InterruptedException {
            return client("/api/events/ws");
        }

        /** The {@code $resync}s this node sent, by cause: what a failure message needs to say. */
        Map<ResyncCause, Long> resyncCauses() {
            Map<ResyncCause, Long> causes = new EnumMap<>(ResyncCause.class);
            for (ResyncCause cause : ResyncCause.values()) {
                causes.put(cause, endpoint.counters().resyncs(cause));
            }
            return causes;
        }

        void emit(int index) {
            bus.emit(new FsCreated(name, "/" + name + "/" + index, false));
        }
    }

    protected Node node(String name) {
        return node(name, server.port(), 10_000, b -> {});
    }

    protected Node node(String name, int brokerPort, long maxLength, Consumer<EndpointOptions<?>> configure) {
        Node node = new Node(name, brokerPort, maxLength, configure);
        nodes.add(node);
        return node;
    }

    /** A node that reaches the broker through a proxy the test can cut or pause. */
    protected Node nodeBehind(TcpProxy proxy, String name, long maxLength) {
        return node(name, proxy.port(), maxLength, b -> {});
    }

    protected TcpProxy proxy() {
        TcpProxy proxy = new TcpProxy(server.port());
        proxies.add(proxy);
        return proxy;
    }

    // ---- the guarantees -------------------------------------------------------------------------

    @Test
    void anEventEmittedOnAnyNode_reachesTheClientsOfEveryNodeOnce_inEmitOrder_andRunsListenersOnlyWhereEmitted()
            throws Exception {
        Node a = node("a");
        Node b = node("b");
        Node c = node("c");
        List<TestClient> clients = List.of(a.client(), b.client(), c.client());
        TestClient assetsOnC = c.client("/api/events/ws?events=asset.created");

        int perNode = 200;
        for (int i = 0; i < perNode; i++) {
            a.emit(i);
            b.emit(i);
            if (i % 20 == 0) {
                c.bus.emit(new AssetCreated("asset-" + i));
            }
        }
        a.emit(perNode); // the last one of each node: everything it emitted before has come, or never will
        b.emit(perNode);
        c.emit(0);

        for (TestClient client : clients) {
            awaitReceived(client, "a", perNode);
            awaitReceived(client, "b", perNode);
            awaitReceived(client, "c", 0);
            Received got = Received.of(client);
            assertThat(got.resyncs).isZero();
            assertThat(got.indices("a")).isEqualTo(range(perNode + 1));
            assertThat(got.indices("b")).isEqualTo(range(perNode + 1));
            assertThat(got.names.stream().filter("asset.created"::equals)).hasSize(perNode / 20);
        }
        assertThat(assetsOnC.awaitMessages(perNode / 20, 5000))
                .hasSize(perNode / 20)
                .allMatch(message -> message.startsWith("{\"event\":\"asset.created\""));
        assertThat(a.heardInProcess).hasValue(perNode + 1);
        assertThat(b.heardInProcess).hasValue(perNode + 1);
        assertThat(c.heardInProcess).hasValue(1); // its own; the others' events reach clients only
    }

    @Test
    void emitsFromSeveralThreadsAtOnce_reachTheOtherNodeOnceEach_inEachThreadsOrder() throws Exception {
        Node a = node("a");
        Node b = node("b");
        TestClient onB = b.client();
        List<String> threads = List.of("w", "x", "y", "z");
        int perThread = 500;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> emitters = new ArrayList<>();
        for (String thread : threads) {
            Thread emitter = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    a.bus.emit(new FsCreated("a", "/" + thread + "/" + i, false)); // publish() from 4 threads
                }
            });
            emitter.start();
            emitters.add(emitter);
        }
        go.countDown();
        for (Thread emitter : emitters) {
            emitter.join();
        }

        await("every event on b", () -> onB.messages.size() >= threads.size() * perThread);
        Received got = Received.of(onB);
        assertThat(got.resyncs).isZero();
        for (String thread : threads) {
            assertThat(got.indices(thread)).as("thread %s", thread).isEqualTo(range(perThread));
        }
        assertThat(a.heardInProcess).hasValue(threads.size() * perThread);
    }

    @Test
    void theAccessPolicy_appliesOnTheReceivingNode() throws Exception {
        Node a = node("a");
        Node b = node(
                "b",
                server.port(),
                10_000,
                options -> options.authenticator(
                                handshake -> handshake.queryParameter("user").orElse(null))
                        .accessPolicy(
                                (user, type, event) -> !(event instanceof TaskCompleted) || user.equals("admin")));
        TestClient bob = b.client("/api/events/ws?user=bob");
        TestClient admin = b.client("/api/events/ws?user=admin");

        a.bus.emit(new TaskCompleted("t1", true, Optional.empty()));
        a.emit(0);

        assertThat(admin.awaitMessages(2, 5000)).hasSize(2);
        assertThat(bob.awaitMessages(1, 5000)).hasSize(1);
        assertThat(names(admin.messages)).containsExactly("task.completed", "fs.created");
        assertThat(names(bob.messages)).containsExactly("fs.created");
    }

    @Test
    void theBrokerKilledMidRun_blocksNoEmit_localClientsKeepGoing_andEveryClientThatMissedSomethingGetsResync()
            throws Exception {
        Node a = node("a");
        Node b = node("b");
        TestClient onA = a.client();
        TestClient onB = b.client();

        int next = 0;
        for (; next < 100; next++) {
            a.emit(next);
            b.emit(next);
        }
        awaitReceived(onB, "a", next - 1);
        awaitReceived(onA, "b", next - 1);

        server.kill();
        int outageStart = next;
        for (; next < outageStart + 100; next++) {
            a.emit(next);
            b.emit(next);
            Thread.sleep(1);
        }
        // Emits returned and local clients got them while the broker is still dead: nothing waited on it.
        awaitReceived(onA, "a", next - 1);
        awaitReceived(onB, "b", next - 1);

        server.start();
        int reconnected = emitUntilBothHearEachOther(a, b, onA, onB, next);
        for (next = reconnected; next < reconnected + 50; next++) {
            a.emit(next);
            b.emit(next);
        }
        awaitReceived(onA, "b", next - 1);
        awaitReceived(onB, "a", next - 1);

        for (TestClient client : List.of(onA, onB)) {
            Received got = Received.of(client);
            got.assertNoDuplicatesAndInOrder();
            awaitResyncForEveryMissedEvent(client, next);
        }
        // Its own events reach a node's clients directly while the stream is down; those on their
        // way when it went down get the $resync checked above.
        for (var own : List.of(Map.entry("a", onA), Map.entry("b", onB))) {
            List<Integer> got = Received.of(own.getValue()).indices(own.getKey());
            long duringOutage = got.stream()
                    .filter(i -> i >= outageStart && i < outageStart + 100)
                    .count();
            assertThat(duringOutage)
                    .as("%s's own events during the outage", own.getKey())
                    .isGreaterThanOrEqualTo(90);
        }
        assertThat(a.heardInProcess).hasValue(next);
        assertThat(b.heardInProcess).hasValue(next);
    }

    @Test
    void aBrokerRestartedWithoutItsData_givesEveryClientResync() throws Exception {
        Node a = node("a");
        Node b = node("b");
        TestClient onA = a.client();
        TestClient onB = b.client();
        a.emit(0);
        b.emit(0);
        awaitReceived(onB, "a", 0);
        awaitReceived(onA, "b", 0);

        restartWithoutData();
        emitUntilBothHearEachOther(a, b, onA, onB, 1);

        // The $resync may come after the first events from the other node: the client refetches
        // when it comes, so what it reflects is newer than anything it missed.
        await("a $resync on a", () -> Received.of(onA).resyncs > 0);
        await("a $resync on b", () -> Received.of(onB).resyncs > 0);
        Received.of(onA).assertNoDuplicatesAndInOrder();
        Received.of(onB).assertNoDuplicatesAndInOrder();
    }

    @Test
    void aShortNetworkBlip_thatResumesWithContiguousEvents_givesNoResync() throws Exception {
        TcpProxy toB = proxy();
        Node a = node("a");
        Node b = nodeBehind(toB, "b", 10_000);
        TestClient onB = b.client();
        int next = 0;
        for (; next < 20; next++) {
            a.emit(next);
        }
        awaitReceived(onB, "a", next - 1);

        toB.cut();
        for (; next < 40; next++) {
            a.emit(next); // a publishes fine; b reads them once it is back
        }
        for (; next < 60; next++) {
            a.emit(next);
            Thread.sleep(20);
        }
        awaitReceived(onB, "a", next - 1);

        Received got = Received.of(onB);
        assertThat(got.resyncs)
                .as("$resync on b, by cause: %s", b.resyncCauses())
                .isZero();
        assertThat(got.indices("a")).isEqualTo(range(next));
    }

    @Test
    void aNodeThatFallsBehindPastTheBrokersLimit_getsResync_andOnlyThatNode() throws Exception {
        TcpProxy toC = proxy();
        long maxLength = 2000;
        Node a = node("a", server.port(), maxLength, options -> {});
        Node b = node("b", server.port(), maxLength, options -> {});
        Node c = nodeBehind(toC, "c", maxLength);
        TestClient onB = b.client();
        TestClient onC = c.client();
        a.emit(0);
        awaitReceived(onC, "a", 0);

        toC.pause();
        int events = 10_000; // five times what the broker keeps
        for (int i = 1; i < events; i++) {
            a.emit(i);
            if (i % 20 == 0) {
                Thread.sleep(1); // a pace that b keeps up with (100 ms behind is still fine)
            }
        }
        awaitReceived(onB, "a", events - 1);
        toC.resume();
        a.emit(events);
        awaitReceived(onC, "a", events);

        Received onTime = Received.of(onB);
        assertThat(onTime.resyncs).isZero();
        assertThat(onTime.indices("a")).isEqualTo(range(events + 1));
        await("a $resync on c", () -> Received.of(onC).resyncs > 0);
        Received late = Received.of(onC);
        assertThat(late.indices("a").size()).isLessThan(events);
        late.assertNoDuplicatesAndInOrder();
        awaitResyncForEveryMissedEvent(onC, events + 1);
    }

    @Test
    void garbageFromAnotherWriter_isSkippedAndLoggedOncePerKind_andTheNodeGoesOn() throws Exception {
        Node b = node("b", server.port(), 10_000, options -> options.byteBudget(64 * 1024));
        TestClient onB = b.client();

        String log;
        try (LogCapture capture = new LogCapture()) {
            for (int twice = 0; twice < 2; twice++) {
                appendForeign("fs.created", "not an envelope".getBytes(StandardCharsets.UTF_8));
                appendForeign(
                        "nobody.knows",
                        "{\"event\":\"nobody.knows\",\"data\":{},\"ts\":1}".getBytes(StandardCharsets.UTF_8));
                appendForeign("fs.created", overLong());
            }
            appendForeign("fs.created", validFrom("a", 0));
            awaitReceived(onB, "a", 0);
            log = capture.text();
        }

        assertThat(onB.messages).hasSize(1);
        assertThat(occurrences(log, "Skipped an envelope from the stream: ")).isEqualTo(3);
        assertThat(log).contains("nobody.knows").contains("over the byte budget");
    }

    // ---- resume ---------------------------------------------------------------------------------

    private static boolean resumed(TestClient client) {
        return client.messages.stream().anyMatch(message -> message.startsWith("{\"event\":\"$resumed\""));
    }

    /** Emits {@code count} events on each node, a little apart; returns the next index. */
    private static int emitOnBoth(Node a, Node b, int from, int count) throws InterruptedException {
        for (int i = from; i < from + count; i++) {
            a.emit(i);
            b.emit(i);
            Thread.sleep(1);
        }
        return from + count;
    }

    /**
     * A client moves from a to b (a's connection is cut, as a load balancer draining a does) while
     * both emit: on b it resumes from its last id and gets every event of both nodes once, in each
     * node's order, and no {@code $resync}. Positions are the stream's: the same on every node.
     */
    @Test
    void aClientMovingFromOneNodeToAnother_resumes_withEveryEventOfBothNodesOnceAndInOrder() throws Exception {
        Node a = node("a");
        Node b = node("b");
        TcpProxy toA = new TcpProxy(a.endpoint.port());
        proxies.add(toA);
        TestClient before = TestClient.connect(toA.port(), "/api/events/ws");
        toClose.add(before::closeBlocking);
        int next = emitOnBoth(a, b, 0, 50);
        awaitReceived(before, "a", next - 1);
        awaitReceived(before, "b", next - 1);

        toA.cut();
        next = emitOnBoth(a, b, next, 30); // missed while it moves
        TestClient after = b.client("/api/events/ws?since=" + before.awaitPosition(1000));
        next = emitOnBoth(a, b, next, 20);
        awaitReceived(after, "a", next - 1);
        awaitReceived(after, "b", next - 1);

        Received got = Received.of(before, after);
        assertThat(got.resyncs)
                .as("$resync on b, by cause: %s", b.resyncCauses())
                .isZero();
        assertThat(resumed(after)).isTrue();
        got.assertNoDuplicatesAndInOrder();
        assertThat(got.indices("a")).isEqualTo(range(next));
        assertThat(got.indices("b")).isEqualTo(range(next));
    }

    /**
     * A node is killed (no drain, no close frames) and started again: it reads the stream's latest
     * entries on start, so a client that was on it resumes on it with everything it missed,
     * emitted on the other node meanwhile.
     */
    @Test
    void aNodeKilledAndStartedAgain_resumesItsClients_fromTheStream() throws Exception {
        Node a = node("a");
        Node b = node("b");
        TestClient before = a.client();
        int next = emitOnBoth(a, b, 0, 20);
        awaitReceived(before, "b", next - 1);
        awaitReceived(before, "a", next - 1);
        String since = before.awaitPosition(1000);

        a.endpoint.stop(Duration.ofMillis(1)); // as good as a kill: its clients see the connection drop
        int afterKill = next;
        for (; next < afterKill + 30; next++) {
            b.emit(next);
        }
        Node restarted = node("a");
        TestClient after = restarted.client("/api/events/ws?since=" + since);
        restarted.emit(next);
        b.emit(next);
        next++;
        awaitReceived(after, "b", next - 1);
        awaitReceived(after, "a", next - 1);

        Received got = Received.of(before, after);
        assertThat(got.resyncs)
                .as("$resync by cause: %s", restarted.resyncCauses())
                .isZero();
        assertThat(resumed(after)).isTrue();
        assertThat(got.indices("b")).isEqualTo(range(next));
    }

    @Test
    void aPositionFromBeforeTheBrokerLostItsData_getsResync_forItsEpoch() throws Exception {
        Node a = node("a");
        TestClient before = a.client();
        a.emit(0);
        awaitReceived(before, "a", 0);
        String since = before.awaitPosition(1000);

        restartWithoutData();
        Node b = node("b");
        TestClient after = b.client("/api/events/ws?since=" + since);

        await("$resync", () -> Received.of(after).resyncs == 1);
        assertThat(after.messages.get(0)).contains("\"reason\":\"epoch\"");
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** An envelope as node {@code node} would publish its event number {@code index}. */
    protected static byte[] validFrom(String node, int index) {
        return ("{\"event\":\"fs.created\",\"data\":{\"AssetID\":\"" + node + "\",\"Path\":\"/" + node + "/" + index
                        + "\",\"IsDir\":false},\"ts\":1}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] overLong() {
        return ("{\"event\":\"fs.created\",\"data\":{\"AssetID\":\"x\",\"Path\":\"/" + "x".repeat(100_000)
                        + "\",\"IsDir\":false},\"ts\":1}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Emits on both nodes until each hears the other again (the broker is back and both have
     * reconnected); returns the next free index.
     */
    private static int emitUntilBothHearEachOther(Node a, Node b, TestClient onA, TestClient onB, int next)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        int firstAfter = next;
        while (System.currentTimeMillis() < deadline) {
            a.emit(next);
            b.emit(next);
            next++;
            Thread.sleep(20);
            if (Received.of(onA).max("b") >= firstAfter && Received.of(onB).max("a") >= firstAfter) {
                return next;
            }
        }
        throw new AssertionError(
                "the nodes never heard each other again: " + Received.of(onA) + " / " + Received.of(onB));
    }

    /**
     * What monitoring sees (a plain app, {@code HeraldMetrics} on a {@code SimpleMeterRegistry}):
     * a node whose reads were held up shows a lag while it catches up and none after; a killed
     * broker shows as down on every node, the event a node could not publish as lost, and the
     * restart as up again with a gap.
     */
    @Test
    void theBrokerMeters_showALaggingReader_aKilledBroker_andItsReturn() throws Exception {
        TcpProxy toB = proxy();
        Node a = node("a");
        Node b = nodeBehind(toB, "b", 100_000);
        SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        SimpleMeterRegistry metersB = new SimpleMeterRegistry();
        new HeraldMetrics(a.endpoint).bindTo(metersA);
        new HeraldMetrics(b.endpoint).bindTo(metersB);
        String broker = a.endpoint.broker().orElseThrow().name();
        TestClient onB = b.client();
        a.emit(0);
        awaitReceived(onB, "a", 0);
        assertThat(gauge(metersB, "herald.broker.up", broker)).isEqualTo(1);
        await("no lag on b", () -> gauge(metersB, "herald.broker.lag", broker) == 0);

        toB.pause();
        int events = 5000;
        for (int i = 1; i <= events; i++) {
            a.emit(i);
        }
        await("a read its own events back", () -> a.endpoint.counters().eventsPublished() > events);
        AtomicLong mostBehind = new AtomicLong(-1);
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                mostBehind.accumulateAndGet((long) gauge(metersB, "herald.broker.lag", broker), Math::max);
            }
        });
        watcher.start();
        toB.resume();
        awaitReceived(onB, "a", events);
        watching.set(false);
        watcher.join();
        assertThat(mostBehind.get()).as("b's lag while catching up").isBetween(1L, (long) events);
        await("b caught up", () -> gauge(metersB, "herald.broker.lag", broker) == 0);
        assertThat(counter(metersA, "herald.broker.publishes.lost", broker)).isZero();

        server.kill();
        await("a sees the broker down", () -> gauge(metersA, "herald.broker.up", broker) == 0);
        await("b sees the broker down", () -> gauge(metersB, "herald.broker.up", broker) == 0);
        assertThat(gauge(metersB, "herald.broker.lag", broker)).isNaN();
        assertThat(a.endpoint.broker().orElseThrow().problem()).isNotBlank();
        a.emit(events + 1);
        await("a counts its event as lost", () -> counter(metersA, "herald.broker.publishes.lost", broker) == 1);

        server.start();
        await("a reads again", () -> gauge(metersA, "herald.broker.up", broker) == 1);
        await("b reads again", () -> gauge(metersB, "herald.broker.up", broker) == 1);
        await("b heard of the loss", () -> counter(metersB, "herald.broker.gaps", broker) >= 1);
        await(
                "a $resync on b for it",
                () -> metersB.get("herald.resyncs")
                                .tag("cause", "broker_gap")
                                .functionCounter()
                                .count()
                        >= 1);
    }

    private static double gauge(MeterRegistry registry, String name, String broker) {
        return registry.get(name).tag("broker", broker).gauge().value();
    }

    private static double counter(MeterRegistry registry, String name, String broker) {
        return registry.get(name).tag("broker", broker).functionCounter().count();
    }

    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /**
     * Waits until every event of {@code 0..end-1} that {@code client} missed is followed by a
     * $resync. It may come late: a node learns of its own lost publishes when they fail.
     */
    private static void awaitResyncForEveryMissedEvent(TestClient client, int end) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (Received.of(client).missedWithoutResync(end) != null && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Received got = Received.of(client);
        assertThat(got.missedWithoutResync(end))
                .as("missed, and no $resync after it: %s", got)
                .isNull();
    }

    protected static void awaitReceived(TestClient client, String node, int index) throws InterruptedException {
        await("event " + node + "/" + index, () -> Received.of(client).max(node) >= index);
    }

    private static List<Integer> range(int end) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            all.add(i);
        }
        return all;
    }

    private static List<String> names(List<String> messages) {
        List<String> names = new ArrayList<>();
        for (String message : messages) {
            names.add(message.substring("{\"event\":\"".length(), message.indexOf('"', "{\"event\":\"".length())));
        }
        return names;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** What one client got: its events by emitting node and index, and where its $resyncs fell. */
    static final class Received {
        final List<String> names;
        final List<String> fromNode = new ArrayList<>(); // null for a $resync or another event
        final List<Integer> index = new ArrayList<>();
        int resyncs;

        private Received(List<String> messages) {
            this.names = names(messages);
            for (String message : messages) {
                Matcher path = PATH.matcher(message);
                if (message.startsWith("{\"event\":\"fs.created\"") && path.find()) {
                    fromNode.add(path.group(1));
                    index.add(Integer.parseInt(path.group(2)));
                } else {
                    fromNode.add(null);
                    index.add(-1);
                    if (message.startsWith("{\"event\":\"$resync\"")) {
                        resyncs++;
                    }
                }
            }
        }

        static Received of(TestClient client) {
            return new Received(new ArrayList<>(client.messages));
        }

        /** What a client got over several connections, one after the other. */
        static Received of(TestClient... connections) {
            List<String> messages = new ArrayList<>();
            for (TestClient connection : connections) {
                messages.addAll(connection.messages);
            }
            return new Received(messages);
        }

        List<Integer> indices(String node) {
            List<Integer> found = new ArrayList<>();
            for (int i = 0; i < index.size(); i++) {
                if (node.equals(fromNode.get(i))) {
                    found.add(index.get(i));
                }
            }
            return found;
        }

        int max(String node) {
            return indices(node).stream().mapToInt(Integer::intValue).max().orElse(-1);
        }

        void assertNoDuplicatesAndInOrder() {
            for (String node : new HashSet<>(fromNode)) {
                if (node != null) {
                    List<Integer> got = indices(node);
                    assertThat(got)
                            .as("events from %s, once each, in emit order", node)
                            .isSorted();
                    assertThat(new HashSet<>(got))
                            .as("events from %s, no duplicates", node)
                            .hasSize(got.size());
                }
            }
        }

        /**
         * The first event of {@code 0..end-1} this client never got and that no $resync follows
         * (one after every event it did get from the same node that was emitted before it), or null.
         */
        String missedWithoutResync(int end) {
            Map<String, Set<Integer>> got = new HashMap<>();
            for (int i = 0; i < index.size(); i++) {
                if (fromNode.get(i) != null) {
                    got.computeIfAbsent(fromNode.get(i), n -> new HashSet<>()).add(index.get(i));
                }
            }
            for (String node : got.keySet()) {
                for (int missed = 0; missed < end; missed++) {
                    if (got.get(node).contains(missed)) {
                        continue;
                    }
                    int lastBefore = -1;
                    for (int i = 0; i < index.size(); i++) {
                        if (node.equals(fromNode.get(i)) && index.get(i) < missed) {
                            lastBefore = i;
                        }
                    }
                    if (!names.subList(lastBefore + 1, names.size()).contains("$resync")) {
                        return node + "/" + missed;
                    }
                }
            }
            return null;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                text.append(fromNode.get(i) != null ? fromNode.get(i) + index.get(i) : names.get(i))
                        .append(' ');
            }
            return text.toString();
        }
    }

    /** What the libraries log (slf4j-simple writes to the current System.err) while open. */
    static final class LogCapture implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        LogCapture() {
            OutputStream tee = new OutputStream() {
                @Override
                public synchronized void write(int b) {
                    captured.write(b);
                    original.write(b);
                }

                @Override
                public synchronized void write(byte[] bytes, int offset, int length) {
                    captured.write(bytes, offset, length);
                    original.write(bytes, offset, length);
                }
            };
            System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
        }

        synchronized String text() {
            return captured.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setErr(original);
        }
    }
}
