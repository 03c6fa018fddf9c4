package dev.herald.runtime.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.TestEvents;
import dev.herald.runtime.json.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fan-out core without sockets: an in-memory transport whose queue the test controls. */
class FanOutTest {
    /**
     * Records frames. While {@code stalled}, what it is sent stays queued, like a socket whose
     * client stopped reading; the test empties {@code queued} to let it drain.
     */
    static final class MemoryTransport implements Transport<String> {
        final List<String> frames = new CopyOnWriteArrayList<>();
        volatile long queued;
        volatile boolean stalled;
        volatile boolean open = true;
        volatile Disconnect closedWith;
        final AtomicInteger pings = new AtomicInteger();

        @Override
        public boolean send(List<String> batch) {
            if (!open) {
                return false;
            }
            for (String frame : batch) {
                frames.add(frame);
                if (stalled) {
                    queued += frame.length();
                }
            }
            return true;
        }

        @Override
        public long queuedBytes() {
            return queued;
        }

        @Override
        public void ping() {
            pings.incrementAndGet();
        }

        @Override
        public void close(Disconnect disconnect) {
            open = false;
            closedWith = disconnect;
        }

        long resyncs() {
            return frames.stream()
                    .filter(f -> f.startsWith("{\"event\":\"$resync\""))
                    .count();
        }

        long events() {
            return eventFrames().size();
        }

        /** The event frames, without control frames. */
        List<String> eventFrames() {
            return frames.stream()
                    .filter(f -> f.startsWith("{\"event\":\"item."))
                    .toList();
        }

        /** The control frames named {@code name}, such as {@code $position}. */
        List<String> control(String name) {
            return frames.stream()
                    .filter(f -> f.startsWith("{\"event\":\"" + name + "\""))
                    .toList();
        }
    }

    private static final Handshake ALL = handshake(null);

    /** Two lanes whatever the machine, so that connections are spread over two fan-out threads. */
    private static final int LANES = 2;

    /** Wire forms built, to show each frame's form is built once however many connections get it. */
    private final AtomicInteger wireForms = new AtomicInteger();

    private FanOut<String> fanOut;

    private FanOut<String> fanOut(EndpointSettings settings) {
        fanOut = new FanOut<>(
                EventJson.create(TestEvents.registry()),
                settings,
                json -> {
                    wireForms.incrementAndGet();
                    return new String(json, StandardCharsets.UTF_8);
                },
                Duration.ofMillis(10),
                LANES);
        return fanOut;
    }

    /** The endpoint options, as a transport's builder sets them. */
    static final class Options extends EndpointOptions<Options> {
        @Override
        protected Options self() {
            return this;
        }

        EndpointSettings build() {
            return settings();
        }
    }

    private static EndpointSettings settings(long budget, Duration overBudgetTimeout, int handoff, int maxConnections) {
        return new Options()
                .byteBudget(budget)
                .overBudgetTimeout(overBudgetTimeout)
                .handoffCapacity(handoff)
                .maxConnections(maxConnections)
                .build();
    }

    private FanOut<String> fanOut(long budget, Duration overBudgetTimeout, int handoff) {
        return fanOut(settings(budget, overBudgetTimeout, handoff, 100));
    }

    private static Handshake handshake(String events) {
        return new Handshake(
                "/api/events/ws", events == null ? Map.of() : Map.of("events", List.of(events)), Map.of(), null);
    }

    private static Handshake handshake(String events, String user) {
        Map<String, List<String>> query = new HashMap<>();
        if (events != null) {
            query.put("events", List.of(events));
        }
        query.put("user", List.of(user));
        return new Handshake("/api/events/ws", query, Map.of(), null);
    }

    private Connection<String> admit(MemoryTransport transport, Handshake handshake) {
        return fanOut.handshake(handshake).open(transport);
    }

    private static Record created(String id) {
        return new TestEvents.Created(id);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    /** Waits until every lane has swept all its connections {@code n} more times. */
    private void awaitSweeps(int n) throws InterruptedException {
        long target = fanOut.sweeps() + n + 1; // +1: a sweep may be under way
        await(() -> fanOut.sweeps() >= target);
    }

    @AfterEach
    void close() {
        if (fanOut != null) {
            fanOut.close();
        }
    }

    @Test
    void encodesOnceAndDeliversToEveryMatchingConnection() throws Exception {
        fanOut(1 << 20, Duration.ofSeconds(30), 1024);
        MemoryTransport all = new MemoryTransport();
        MemoryTransport filtered = new MemoryTransport();
        MemoryTransport alsoFiltered = new MemoryTransport();
        MemoryTransport other = new MemoryTransport();
        admit(all, ALL);
        admit(filtered, handshake("item.created"));
        admit(alsoFiltered, handshake("item.created,item.deleted"));
        admit(other, handshake("item.deleted"));
        await(() -> Stream.of(all, filtered, alsoFiltered, other)
                .allMatch(t -> t.control("$position").size() == 1));
        long encodesBefore = TestEvents.ENCODES.get();
        int wireFormsBefore = wireForms.get();

        fanOut.publish(TestEvents.CREATED, created("x"));
        // Frames reach a connection in publish order: once `other` has this one, it has had its
        // chance at the first.
        fanOut.publish(TestEvents.DELETED, new TestEvents.Deleted("y"));

        await(() -> all.events() == 2 && filtered.events() == 1 && alsoFiltered.events() == 2 && other.events() == 1);
        assertThat(all.eventFrames().get(0))
                .matches("\\{\"event\":\"item.created\",\"data\":\\{\"id\":\"x\"},\"ts\":\\d+,\"id\":\"[a-z0-9]+-1\"}");
        assertThat(filtered.eventFrames().get(0)).isSameAs(all.eventFrames().get(0));
        assertThat(other.eventFrames()).singleElement().asString().startsWith("{\"event\":\"item.deleted\"");
        assertThat(TestEvents.ENCODES.get() - encodesBefore)
                .as("records encoded")
                .isEqualTo(2);
        assertThat(wireForms.get() - wireFormsBefore).as("wire forms built").isEqualTo(2);
    }

    @Test
    void refusedHandshake_closesWithItsDisconnect_andAdmitsNothing() {
        fanOut(1 << 20, Duration.ofSeconds(30), 1024);
        MemoryTransport wrongPath = new MemoryTransport();
        MemoryTransport badName = new MemoryTransport();

        assertThat(fanOut.handshake(new Handshake("/other", Map.of(), Map.of(), null))
                        .open(wrongPath))
                .isNull();
        assertThat(admit(badName, handshake("fs.created,not a name"))).isNull();

        assertThat(wrongPath.closedWith.code()).isEqualTo(4400);
        assertThat(wrongPath.closedWith.reason()).isEqualTo("unknown path '/other'");
        assertThat(badName.closedWith.reason()).isEqualTo("invalid event name 'not a name'");
        assertThat(fanOut.connectionCount()).isZero();
    }

    @Test
    void anEventEmittedWhileAClientConnects_reachesIt_fromWhatTheNodeKeeps() throws Exception {
        fanOut(1 << 20, Duration.ofSeconds(30), 1024);
        FanOut<String>.Ticket lateTicket = fanOut.handshake(ALL);
        fanOut.publish(TestEvents.CREATED, created("while-connecting"));
        MemoryTransport late = new MemoryTransport();

        lateTicket.open(late);

        await(() -> late.events() == 1);
        awaitSweeps(2);
        assertThat(late.eventFrames().get(0)).contains("while-connecting");
        assertThat(late.resyncs()).isZero();
        assertThat(late.control("$resumed"))
                .as("not a resume: it sent no since")
                .isEmpty();
    }

    @Test
    void withoutRetention_aClientThatMissedEventsWhileConnecting_getsResync() throws Exception {
        fanOut(new Options().retention(0, 1, Duration.ofSeconds(1)).build());
        MemoryTransport keepsBusy = new MemoryTransport();
        admit(keepsBusy, ALL);
        FanOut<String>.Ticket lateTicket = fanOut.handshake(ALL);
        fanOut.publish(TestEvents.CREATED, created("while-connecting"));
        MemoryTransport late = new MemoryTransport();
        MemoryTransport onTime = new MemoryTransport();

        lateTicket.open(late);
        admit(onTime, ALL);

        await(() -> late.resyncs() == 1);
        awaitSweeps(2);
        assertThat(onTime.resyncs()).isZero();
        assertThat(late.resyncs()).isEqualTo(1);
        assertThat(late.control("$resync").get(0)).contains("\"reason\":\"connecting\"");
    }

    @Test
    void overBudget_dropsThenResyncsOnceDrained() throws Exception {
        fanOut(100, Duration.ofSeconds(30), 1024);
        MemoryTransport slow = new MemoryTransport();
        admit(slow, ALL);
        await(() -> slow.control("$position").size() == 1); // joined
        slow.stalled = true;

        for (int i = 0; i < 5; i++) {
            fanOut.publish(TestEvents.CREATED, created("e" + i)); // about 85 bytes each: the second is over budget
        }
        await(() -> fanOut.stats().get(0).dropped() == 4);
        assertThat(slow.events()).isEqualTo(1);
        assertThat(fanOut.stats().get(0).overBudget()).isTrue();
        assertThat(fanOut.stats().get(0).queuedBytes()).isLessThanOrEqualTo(100);

        slow.stalled = false;
        slow.queued = 0; // the client read everything
        await(() -> slow.resyncs() == 1);
        fanOut.publish(TestEvents.CREATED, created("after"));
        await(() -> slow.events() == 2);
        assertThat(slow.resyncs()).isEqualTo(1);
        assertThat(fanOut.stats().get(0).overBudget()).isFalse();
    }

    @Test
    void overBudgetTooLong_isClosedWith4008_andRemoved() throws Exception {
        fanOut(100, Duration.ofMillis(100), 1024);
        MemoryTransport stuck = new MemoryTransport();
        stuck.stalled = true;
        admit(stuck, ALL);
        fanOut.publish(TestEvents.CREATED, created("x"));
        fanOut.publish(TestEvents.CREATED, created("y"));

        await(() -> stuck.closedWith == Disconnect.SLOW_CONSUMER);
        assertThat(fanOut.connectionCount()).isZero();
    }

    @Test
    void aThousandConnectionsClosedForTheirBudget_writeOneLogLine_notAThousand() throws Exception {
        fanOut(new Options()
                .byteBudget(100)
                .overBudgetTimeout(Duration.ofMillis(100))
                .maxConnections(2000)
                .build());
        List<MemoryTransport> stuck = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            MemoryTransport transport = new MemoryTransport();
            transport.stalled = true;
            admit(transport, ALL);
            stuck.add(transport);
        }
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            fanOut.publish(TestEvents.CREATED, created("x"));
            fanOut.publish(TestEvents.CREATED, created("y"));
            await(() -> fanOut.connectionCount() == 0);
        } finally {
            System.setErr(stderr);
        }

        assertThat(stuck).allSatisfy(t -> assertThat(t.closedWith).isEqualTo(Disconnect.SLOW_CONSUMER));
        assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("byte budget")))
                .as("log lines about budget closes")
                .hasSize(1);
    }

    /**
     * A broken identity provider refuses every client: 1,000 handshakes whose authenticator throws
     * write one line for the failures and one for the refusals, not 2,000, and each is counted.
     */
    @Test
    void aThousandRefusals_writeOneLogLinePerKind_andAreEachCounted() {
        fanOut(new Options()
                .authenticator(handshake -> {
                    throw new IllegalStateException("identity provider down");
                })
                .build());
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 1000; i++) {
                assertThat(fanOut.handshake(handshake(null)).open(new MemoryTransport()))
                        .isNull();
            }
        } finally {
            System.setErr(stderr);
        }

        assertThat(fanOut.counters().refused(4401)).isEqualTo(1000);
        List<String> lines = log.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.contains("FanOut") || line.contains("Admission"))
                .toList();
        assertThat(lines.stream().filter(line -> line.contains("Authenticator failed")))
                .as("log lines about authenticator failures: %s", lines)
                .hasSize(1);
        assertThat(lines.stream().filter(line -> line.contains("Refused a connection with 4401")))
                .as("log lines about refusals: %s", lines)
                .hasSize(1);
    }

    @Test
    void connectionsPerUser_areLimited_theExtraOneRefusedWith4429_andAdmittedOnceOneCloses() {
        fanOut(new Options()
                .authenticator(handshake -> handshake.queryParameter("user").orElse(null))
                .maxConnectionsPerUser(2)
                .build());
        Handshake alice = handshake(null, "alice");
        FanOut<String>.Ticket first = fanOut.handshake(alice);
        Connection<String> one = first.open(new MemoryTransport());
        fanOut.handshake(alice).open(new MemoryTransport());
        MemoryTransport third = new MemoryTransport();

        assertThat(fanOut.handshake(alice).open(third)).isNull();
        assertThat(third.closedWith.code()).isEqualTo(4429);
        assertThat(third.closedWith.reason()).isEqualTo("too many connections for this user");
        assertThat(fanOut.handshake(handshake(null, "bob")).open(new MemoryTransport()))
                .isNotNull();

        one.remove();
        assertThat(fanOut.handshake(alice).open(new MemoryTransport())).isNotNull();
        assertThat(fanOut.connectionCount("alice")).isEqualTo(2);
        assertThat(fanOut.connectionCount()).isEqualTo(3);
    }

    /** Four threads open and close connections of one user at once: never more than the limit, none left over. */
    @Test
    void connectionsOfOneUserFromSeveralThreads_neverExceedTheLimit() throws Exception {
        fanOut(new Options()
                .authenticator(handshake -> "carol")
                .maxConnectionsPerUser(2)
                .maxConnections(100)
                .build());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger most = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                for (int i = 0; i < 2000; i++) {
                    Connection<String> connection = fanOut.handshake(ALL).open(new MemoryTransport());
                    most.accumulateAndGet(fanOut.connectionCount("carol"), Math::max);
                    if (connection == null) {
                        refused.incrementAndGet();
                    } else {
                        Thread.yield(); // held a moment, so that the others find the places taken
                        connection.remove();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(most.get()).isBetween(1, 2);
        assertThat(refused.get()).isPositive();
        assertThat(fanOut.connectionCount("carol")).isZero();
        assertThat(fanOut.connectionCount()).isZero();
    }

    @Test
    void aFullHandoff_dropsNothingSilently_everyoneGetsResync() throws Exception {
        fanOut(1 << 20, Duration.ofSeconds(30), 1);
        MemoryTransport client = new MemoryTransport();
        admit(client, ALL);

        for (int i = 0; i < 10_000; i++) {
            fanOut.publish(TestEvents.CREATED, created("burst" + i));
        }

        await(() -> client.resyncs() >= 1);
        assertThat(fanOut.overflows()).isPositive();
        assertThat(client.events()).isLessThan(10_000);
    }

    @Test
    void aHandoffOverItsBytes_dropsWithResync_neverHoldingMore_andGivesEveryByteBack() throws Exception {
        CountDownLatch policyOpen = new CountDownLatch(1);
        long bound = 256 * 1024;
        fanOut(new Options()
                .handoffBytes(bound)
                .accessPolicy((principal, type, event) -> {
                    try {
                        return policyOpen.await(10, TimeUnit.SECONDS); // a policy stuck on a slow look-up
                    } catch (InterruptedException e) {
                        return false;
                    }
                })
                .build());
        MemoryTransport client = new MemoryTransport();
        admit(client, ALL);
        String big = "x".repeat(8 * 1024);

        long most = 0;
        for (int i = 0; i < 1000; i++) {
            fanOut.publish(TestEvents.CREATED, created(big + i));
            most = Math.max(most, fanOut.handoffBytes());
        }
        policyOpen.countDown();

        assertThat(most).as("bytes waiting in the hand-off at most").isLessThanOrEqualTo(bound);
        assertThat(fanOut.overflows()).isPositive();
        await(() -> client.resyncs() == 1);
        assertThat(client.events()).isBetween(1L, 999L);
        await(() -> fanOut.handoffBytes() == 0);
    }

    /**
     * Four threads publish small and large events while connections on both lanes come and go: the
     * hand-off's byte count, taken and given back by different threads, ends at zero.
     */
    @Test
    void publishingFromSeveralThreadsWhileConnectionsComeAndGo_givesEveryHandoffByteBack() throws Exception {
        fanOut(new Options().handoffBytes(64 * 1024).build());
        MemoryTransport steady = new MemoryTransport();
        admit(steady, ALL);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<Future<?>> publishers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            publishers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 20_000; i++) {
                    String id = i % 10 == 0 ? "y".repeat(2048) : "t" + thread + "-" + i;
                    fanOut.publish(TestEvents.CREATED, created(id));
                }
                return null;
            }));
        }
        Future<Integer> churn = pool.submit(() -> {
            go.await();
            int cycles = 0;
            while (publishing.get()) {
                Connection<String> passing = admit(new MemoryTransport(), ALL);
                Thread.onSpinWait();
                passing.remove();
                cycles++;
            }
            return cycles;
        });
        go.countDown();
        for (Future<?> publisher : publishers) {
            publisher.get(60, TimeUnit.SECONDS);
        }
        publishing.set(false);
        assertThat(churn.get(10, TimeUnit.SECONDS)).isPositive();
        pool.shutdown();

        await(() -> fanOut.handoffBytes() == 0);
        assertThat(steady.events()).isPositive();
    }

    @Test
    void theCorePingsEveryInterval_andClosesWithIdle_aConnectionSilentForTheIdleTimeout() throws Exception {
        fanOut(new Options()
                .heartbeat(Duration.ofMillis(40), Duration.ofMillis(300))
                .build());
        MemoryTransport answering = new MemoryTransport();
        Connection<String> alive = admit(answering, ALL);
        MemoryTransport silent = new MemoryTransport();
        admit(silent, ALL);

        long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
        while (System.nanoTime() < until) {
            alive.seen(); // the transport saw a pong or a message
            Thread.sleep(20);
        }

        assertThat(silent.closedWith).isEqualTo(Disconnect.IDLE);
        assertThat(silent.pings.get()).as("pings before the idle timeout").isBetween(3, 10);
        assertThat(answering.open).isTrue();
        assertThat(answering.pings.get()).isGreaterThanOrEqualTo(8);
        assertThat(fanOut.connectionCount()).isEqualTo(1);
    }

    /**
     * Connections joining empty lanes, one after another, while another thread publishes without
     * pause: each gets every event numbered after its handshake, with no hole at the seam between
     * what it replays and what comes live (a lane seen empty while its one connection moved from
     * joining to live once lost the event numbered at that moment).
     */
    @Test
    void connectionsJoiningEmptyLanes_whileAnotherThreadPublishes_missNoEvent() throws Exception {
        fanOut(1 << 24, Duration.ofSeconds(30), 1 << 16);
        AtomicBoolean publishing = new AtomicBoolean(true);
        // More publishing threads than cores: one is often switched out in the middle of a publish.
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Thread publisher = new Thread(() -> {
                for (int n = 0; publishing.get(); n++) {
                    fanOut.publish(TestEvents.CREATED, created("e" + n));
                    if (n % 16 == 0) {
                        Thread.yield();
                    }
                }
            });
            publisher.start();
            publishers.add(publisher);
        }
        try {
            for (int round = 0; round < 1000; round++) {
                long overflows = fanOut.overflows();
                Queue<String> events = new ConcurrentLinkedQueue<>(); // cheap to add to: the lane keeps up
                Connection<String> connection = fanOut.handshake(ALL).open(new Transport<>() {
                    @Override
                    public boolean send(List<String> frames) {
                        for (String frame : frames) {
                            if (frame.startsWith("{\"event\":\"item.")
                                    || frame.startsWith("{\"event\":\"$position\"")) {
                                events.add(frame);
                            }
                        }
                        return true;
                    }

                    @Override
                    public long queuedBytes() {
                        return 0;
                    }

                    @Override
                    public void ping() {}

                    @Override
                    public void close(Disconnect disconnect) {}
                });
                await(() -> events.size() >= 8);
                connection.remove();
                // What it replayed, the $position it joined at (the last one replayed, if any), what
                // came live: "...-41"} ends an event (its id) and a $position alike.
                List<Long> seqs = events.stream()
                        .map(frame -> Long.parseLong(frame.replaceAll(".*-(\\d+)\"}$", "$1")))
                        .distinct()
                        .toList();
                // A hand-off that overflowed on a starved machine drops events for $resync, which
                // may come after the test removed the connection: such rounds prove nothing.
                if (fanOut.overflows() == overflows) {
                    for (int i = 1; i < seqs.size(); i++) {
                        assertThat(seqs.get(i))
                                .as(
                                        "round %d: the event after %s",
                                        round, i == 1 ? "its join position" : "seq " + seqs.get(i - 1))
                                .isEqualTo(seqs.get(i - 1) + 1);
                    }
                }
            }
        } finally {
            publishing.set(false);
            for (Thread publisher : publishers) {
                publisher.join();
            }
        }
    }

    @Test
    void connectionLimit_refusesWith4429_andRemovalFreesASlot() {
        fanOut(settings(1000, Duration.ofSeconds(1), 8, 2));
        Connection<String> a = admit(new MemoryTransport(), ALL);
        admit(new MemoryTransport(), ALL);
        MemoryTransport third = new MemoryTransport();

        assertThat(admit(third, ALL)).isNull();
        assertThat(third.closedWith).isEqualTo(Disconnect.TOO_MANY_CONNECTIONS);
        a.remove();
        a.remove();
        assertThat(fanOut.connectionCount()).isEqualTo(1);
        assertThat(admit(new MemoryTransport(), ALL)).isNotNull();
    }

    @Test
    void aClosedCore_forgetsItsConnections_andRefusesWith1012() {
        fanOut(1 << 20, Duration.ofSeconds(30), 1024);
        admit(new MemoryTransport(), ALL);
        FanOut<String>.Ticket ticket = fanOut.handshake(ALL);
        fanOut.close();
        assertThat(fanOut.connectionCount()).isZero();
        MemoryTransport transport = new MemoryTransport();

        assertThat(ticket.open(transport)).isNull();
        assertThat(transport.closedWith).isEqualTo(Disconnect.SERVICE_RESTART);
        fanOut.publish(TestEvents.CREATED, created("after close")); // harmless
    }
}
