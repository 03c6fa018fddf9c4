package dev.herald.runtime.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.herald.runtime.TestEvents;
import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.cluster.BrokerListener;
import dev.herald.runtime.fanout.FanOutTest.MemoryTransport;
import dev.herald.runtime.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The core's side of several instances, with an in-memory broker between two or three cores. */
class FanOutClusterTest {
    private final MemoryBrokers brokers = new MemoryBrokers();
    private final List<FanOut<String>> cores = new ArrayList<>();

    private FanOut<String> node(Broker broker, AccessPolicy policy) {
        FanOut<String> core = new FanOut<>(
                EventJson.create(TestEvents.registry()),
                new FanOutTest.Options()
                        .broker(broker)
                        .accessPolicy(policy)
                        .authenticator(
                                handshake -> handshake.queryParameter("user").orElse("anonymous"))
                        .build(),
                json -> new String(json, StandardCharsets.UTF_8),
                Duration.ofMillis(10),
                2);
        cores.add(core);
        return core;
    }

    private FanOut<String> node() {
        return node(brokers.node(), AccessPolicy.ALLOW_ALL);
    }

    private static MemoryTransport client(FanOut<String> core, String query) {
        MemoryTransport transport = new MemoryTransport();
        Map<String, List<String>> parameters = query == null ? Map.of() : Admission.parseQuery(query);
        assertThat(core.handshake(new Handshake("/api/events/ws", parameters, Map.of(), null))
                        .open(transport))
                .isNotNull();
        return transport;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @AfterEach
    void close() {
        cores.forEach(FanOut::close);
    }

    @Test
    void anEventEmittedOnOneNode_reachesEveryNodesClientsOnce_withTheSameBytes() throws Exception {
        FanOut<String> a = node();
        FanOut<String> b = node();
        FanOut<String> c = node();
        MemoryTransport onA = client(a, null);
        MemoryTransport onB = client(b, null);
        MemoryTransport onC = client(c, null);

        a.publish(TestEvents.CREATED, new TestEvents.Created("x"));
        a.publish(TestEvents.DELETED, new TestEvents.Deleted("x")); // a later event: the first has come or never will

        await(() -> onA.events() == 2 && onB.events() == 2 && onC.events() == 2);
        // The stream numbers every event: the same bytes, position included, on every node.
        assertThat(onB.eventFrames()).isEqualTo(onA.eventFrames());
        assertThat(onC.eventFrames()).isEqualTo(onA.eventFrames());
        assertThat(onA.eventFrames().get(0)).endsWith(",\"id\":\"memory-1\"}");
        assertThat(onA.eventFrames().get(0)).startsWith("{\"event\":\"item.created\",\"data\":{\"id\":\"x\"}");
        assertThat(a.nodeId()).isNotEqualTo(b.nodeId());
    }

    @Test
    void filtersAndTheAccessPolicy_applyOnTheReceivingNode_toTheDecodedRecord() throws Exception {
        List<Record> seenByB = new CopyOnWriteArrayList<>();
        FanOut<String> a = node();
        FanOut<String> b = node(brokers.node(), (principal, type, event) -> {
            seenByB.add(event);
            return !principal.equals("guest") || type.name().equals("item.deleted");
        });
        MemoryTransport admin = client(b, "user=admin");
        MemoryTransport guest = client(b, "user=guest");
        MemoryTransport onlyCreated = client(b, "user=admin&events=item.created");

        a.publish(TestEvents.CREATED, new TestEvents.Created("secret"));
        a.publish(TestEvents.DELETED, new TestEvents.Deleted("public"));

        await(() -> admin.events() == 2 && guest.events() == 1 && onlyCreated.events() == 1);
        assertThat(guest.eventFrames()).singleElement().asString().contains("\"public\"");
        assertThat(onlyCreated.eventFrames()).singleElement().asString().contains("\"secret\"");
        assertThat(seenByB).contains(new TestEvents.Created("secret"), new TestEvents.Deleted("public"));
    }

    @Test
    void eventsOfOneNode_reachTheOthersInEmitOrder() throws Exception {
        FanOut<String> a = node();
        FanOut<String> b = node();
        MemoryTransport onB = client(b, null);

        for (int i = 0; i < 2000; i++) {
            a.publish(TestEvents.CREATED, new TestEvents.Created("e" + i));
        }

        await(() -> onB.events() == 2000);
        for (int i = 0; i < 2000; i++) {
            assertThat(onB.eventFrames().get(i)).contains("\"id\":\"e" + i + "\"");
        }
    }

    @Test
    void aGap_givesEveryClientOfThatNode_oneResync() throws Exception {
        FanOut<String> a = node();
        MemoryBrokers.Node brokerOfB = brokers.node();
        FanOut<String> b = node(brokerOfB, AccessPolicy.ALLOW_ALL);
        MemoryTransport onA = client(a, null);
        MemoryTransport first = client(b, null);
        MemoryTransport second = client(b, "events=item.deleted");

        brokerOfB.gap("sequence 7 after 5");

        await(() -> first.resyncs() == 1 && second.resyncs() == 1);
        long sweeps = a.sweeps();
        await(() -> a.sweeps() > sweeps + 2);
        assertThat(onA.resyncs()).isZero();
    }

    @Test
    void badEnvelopesFromOtherNodes_areSkipped_andTheNodeGoesOn() throws Exception {
        FanOut<String> a = node();
        FanOut<String> b = node();
        MemoryTransport onB = client(b, null);

        brokers.inject("not json at all".getBytes(StandardCharsets.UTF_8));
        brokers.inject("{\"event\":\"future.thing\",\"data\":{},\"ts\":1}".getBytes(StandardCharsets.UTF_8));
        brokers.inject("{\"event\":\"future.thing\",\"data\":{},\"ts\":2}".getBytes(StandardCharsets.UTF_8));
        brokers.inject(("{\"event\":\"item.created\",\"data\":{\"id\":\"" + "x".repeat(2 << 20) + "\"},\"ts\":3}")
                .getBytes(StandardCharsets.UTF_8));
        a.publish(TestEvents.CREATED, new TestEvents.Created("fine"));

        await(() -> onB.events() == 1);
        assertThat(onB.eventFrames()).singleElement().asString().contains("\"fine\"");
        assertThat(onB.resyncs()).isZero();
    }

    @Test
    void aBrokerThatFailsToPublish_neverFailsTheEmit_andLocalClientsStillGetEvents() throws Exception {
        Broker failing = new Broker() {
            @Override
            public void start(String nodeId, BrokerListener listener) {}

            @Override
            public void publish(String eventName, byte[] envelope, boolean deliveredHere) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public void close() {}
        };
        FanOut<String> a = node(failing, AccessPolicy.ALLOW_ALL);
        MemoryTransport local = client(a, null);

        assertThatCode(() -> a.publish(TestEvents.CREATED, new TestEvents.Created("x")))
                .doesNotThrowAnyException();
        await(() -> local.events() == 1);
    }

    @Test
    void closingTheCore_closesItsBroker_andStopsRemoteDelivery() throws Exception {
        MemoryBrokers.Node brokerOfB = brokers.node();
        FanOut<String> a = node();
        FanOut<String> b = node(brokerOfB, AccessPolicy.ALLOW_ALL);

        b.close();
        a.publish(TestEvents.CREATED, new TestEvents.Created("after"));

        assertThat(brokerOfB.closed).isTrue();
    }

    private static MemoryTransport resume(FanOut<String> core, String since) throws InterruptedException {
        MemoryTransport client = client(core, "since=" + since);
        await(() -> !client.control("$resumed").isEmpty() || client.resyncs() > 0);
        return client;
    }

    private static String lastId(MemoryTransport client) {
        List<String> events = client.eventFrames();
        return events.get(events.size() - 1).replaceAll(".*,\"id\":\"([^\"]+)\"}$", "$1");
    }

    private static List<String> ids(List<String> frames) {
        return frames.stream()
                .map(frame -> frame.replaceAll(".*\"data\":\\{\"id\":\"([^\"]+)\".*", "$1"))
                .toList();
    }

    @Test
    void aClientMovingToAnotherNode_resumesThere_withWhatItMissedFromEveryNode_onceAndInOrder() throws Exception {
        FanOut<String> a = node();
        FanOut<String> b = node();
        MemoryTransport onA = client(a, null);
        a.publish(TestEvents.CREATED, new TestEvents.Created("a1"));
        b.publish(TestEvents.CREATED, new TestEvents.Created("b1"));
        await(() -> onA.events() == 2);
        onA.open = false; // a's node is drained: the client goes to b
        MemoryTransport onB = client(b, null); // shows when b has read what follows

        a.publish(TestEvents.CREATED, new TestEvents.Created("a2"));
        b.publish(TestEvents.CREATED, new TestEvents.Created("b2"));
        a.publish(TestEvents.CREATED, new TestEvents.Created("a3"));
        await(() -> ids(onB.eventFrames()).contains("a3")); // b has read them
        MemoryTransport moved = resume(b, lastId(onA));
        b.publish(TestEvents.CREATED, new TestEvents.Created("b3"));

        await(() -> moved.events() == 4);
        assertThat(ids(moved.eventFrames())).containsExactly("a2", "b2", "a3", "b3");
        assertThat(moved.control("$resumed")).singleElement().asString().contains("\"replayed\":3");
        assertThat(moved.resyncs()).isZero();
    }

    @Test
    void aNodeThatStartsLater_keepsTheStreamsLatestEntries_soThatClientsResumeOnIt() throws Exception {
        FanOut<String> a = node();
        MemoryTransport onA = client(a, null);
        for (int i = 0; i < 5; i++) {
            a.publish(TestEvents.CREATED, new TestEvents.Created("e" + i));
        }
        await(() -> onA.events() == 5);
        String since = onA.eventFrames().get(1).replaceAll(".*,\"id\":\"([^\"]+)\"}$", "$1");

        FanOut<String> restarted = node();
        MemoryTransport moved = resume(restarted, since);

        assertThat(ids(moved.eventFrames())).containsExactly("e2", "e3", "e4");
        assertThat(moved.resyncs()).isZero();
    }

    @Test
    void whileANodeCannotReadTheStream_itsClientsGetItsEventsDirectly_andNothingTwiceWhenItIsBack() throws Exception {
        FanOut<String> a = node();
        MemoryBrokers.Node brokerOfB = brokers.node();
        FanOut<String> b = node(brokerOfB, AccessPolicy.ALLOW_ALL);
        MemoryTransport onA = client(a, null);
        MemoryTransport onB = client(b, null);

        brokerOfB.outage();
        await(() -> onB.control("$position").size() == 1);
        Thread.sleep(50);
        b.publish(TestEvents.CREATED, new TestEvents.Created("during"));
        await(() -> onB.events() == 1 && onA.events() == 1);
        brokerOfB.back();
        a.publish(TestEvents.CREATED, new TestEvents.Created("after"));

        await(() -> onB.events() == 2 && onA.events() == 2);
        Thread.sleep(100);
        assertThat(ids(onB.eventFrames())).containsExactly("during", "after");
        assertThat(ids(onA.eventFrames())).containsExactly("during", "after");
        // b numbered "during" itself, under an epoch of its own
        assertThat(onB.eventFrames().get(0)).doesNotContain("\"id\":\"memory-");
        assertThat(onB.eventFrames().get(1)).contains("\"id\":\"memory-");
    }
}
