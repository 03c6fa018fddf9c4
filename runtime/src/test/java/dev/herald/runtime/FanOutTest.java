package dev.herald.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.fanout.AccessPolicy;
import dev.herald.runtime.fanout.CloseCodes;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.OutgoingFrame;
import dev.herald.runtime.fanout.Transport;
import dev.herald.runtime.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fan-out core without sockets: an in-memory transport whose queue the test controls. */
class FanOutTest {
    /**
     * Records frames. While {@code stalled}, what it is sent stays queued, like a socket whose
     * client stopped reading; the test empties {@code queued} to let it drain.
     */
    static final class MemoryTransport implements Transport {
        final List<String> frames = new CopyOnWriteArrayList<>();
        volatile long queued;
        volatile boolean stalled;
        volatile boolean open = true;
        volatile int closeCode;

        @Override
        public boolean send(List<OutgoingFrame> batch) {
            if (!open) {
                return false;
            }
            for (OutgoingFrame frame : batch) {
                frames.add(new String(frame.json(), StandardCharsets.UTF_8));
                if (stalled) {
                    queued += frame.json().length;
                }
            }
            return true;
        }

        @Override
        public boolean sendControl(byte[] json) {
            if (!open) {
                return false;
            }
            frames.add(new String(json, StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public long queuedBytes() {
            return queued;
        }

        @Override
        public void close(int code, String reason) {
            open = false;
            closeCode = code;
        }

        long resyncs() {
            return frames.stream()
                    .filter(f -> f.startsWith("{\"event\":\"$resync\""))
                    .count();
        }

        long events() {
            return frames.stream()
                    .filter(f -> f.startsWith("{\"event\":\"item."))
                    .count();
        }
    }

    private static final EventType<?> CREATED = TestEvents.CREATED;
    private FanOut fanOut;

    private FanOut fanOut(long budget, Duration overBudgetTimeout, int handoff) {
        fanOut = new FanOut(
                EventJson.create(TestEvents.registry()),
                AccessPolicy.ALLOW_ALL,
                new FanOut.Settings(budget, overBudgetTimeout, handoff, 100, Duration.ofMillis(10)));
        return fanOut;
    }

    private static Record created(String id) {
        return new TestEvents.Created(id);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @AfterEach
    void close() {
        if (fanOut != null) {
            fanOut.close();
        }
    }

    @Test
    void encodesOnceAndDeliversToEveryMatchingConnection() throws Exception {
        FanOut fanOut = fanOut(1 << 20, Duration.ofSeconds(30), 1024);
        MemoryTransport all = new MemoryTransport();
        MemoryTransport filtered = new MemoryTransport();
        MemoryTransport other = new MemoryTransport();
        fanOut.admit(all, "a", null, fanOut.published());
        fanOut.admit(filtered, "b", Set.of("item.created"), fanOut.published());
        fanOut.admit(other, "c", Set.of("item.deleted"), fanOut.published());

        fanOut.publish(CREATED, created("x"));

        await(() -> all.events() == 1 && filtered.events() == 1);
        assertThat(all.frames.get(0)).startsWith("{\"event\":\"item.created\",\"data\":{\"id\":\"x\"},\"ts\":");
        Thread.sleep(50);
        assertThat(other.frames).isEmpty();
    }

    @Test
    void aClientThatMissedEventsWhileConnecting_getsResync() throws Exception {
        FanOut fanOut = fanOut(1 << 20, Duration.ofSeconds(30), 1024);
        MemoryTransport keepsBusy = new MemoryTransport();
        fanOut.admit(keepsBusy, "busy", null, fanOut.published());
        long atHandshake = fanOut.published();
        fanOut.publish(CREATED, created("while-connecting"));
        MemoryTransport late = new MemoryTransport();
        MemoryTransport onTime = new MemoryTransport();

        fanOut.admit(late, "late", null, atHandshake);
        fanOut.admit(onTime, "on-time", null, fanOut.published());

        await(() -> late.resyncs() == 1);
        Thread.sleep(50);
        assertThat(onTime.resyncs()).isZero();
        assertThat(late.resyncs()).isEqualTo(1);
    }

    @Test
    void overBudget_dropsThenResyncsOnceDrained() throws Exception {
        FanOut fanOut = fanOut(100, Duration.ofSeconds(30), 1024);
        MemoryTransport slow = new MemoryTransport();
        slow.stalled = true;
        fanOut.admit(slow, "slow", null, fanOut.published());

        for (int i = 0; i < 5; i++) {
            fanOut.publish(CREATED, created("e" + i)); // about 60 bytes each: the second is over budget
        }
        await(() -> fanOut.stats().get(0).dropped() == 4);
        assertThat(slow.events()).isEqualTo(1);
        assertThat(fanOut.stats().get(0).overBudget()).isTrue();
        assertThat(fanOut.stats().get(0).queuedBytes()).isLessThanOrEqualTo(100);

        slow.stalled = false;
        slow.queued = 0; // the client read everything
        await(() -> slow.resyncs() == 1);
        fanOut.publish(CREATED, created("after"));
        await(() -> slow.events() == 2);
        assertThat(slow.resyncs()).isEqualTo(1);
        assertThat(fanOut.stats().get(0).overBudget()).isFalse();
    }

    @Test
    void overBudgetTooLong_isClosedWith4008_andRemoved() throws Exception {
        FanOut fanOut = fanOut(100, Duration.ofMillis(100), 1024);
        MemoryTransport stuck = new MemoryTransport();
        stuck.stalled = true;
        fanOut.admit(stuck, "stuck", null, fanOut.published());
        fanOut.publish(CREATED, created("x"));
        fanOut.publish(CREATED, created("y"));

        await(() -> stuck.closeCode == CloseCodes.SLOW_CONSUMER);
        assertThat(fanOut.connectionCount()).isZero();
    }

    @Test
    void aFullHandoff_dropsNothingSilently_everyoneGetsResync() throws Exception {
        FanOut fanOut = fanOut(1 << 20, Duration.ofSeconds(30), 1);
        MemoryTransport client = new MemoryTransport();
        fanOut.admit(client, "c", null, fanOut.published());

        for (int i = 0; i < 10_000; i++) {
            fanOut.publish(CREATED, created("burst" + i));
        }

        await(() -> client.resyncs() >= 1);
        assertThat(fanOut.overflows()).isPositive();
        assertThat(client.events()).isLessThan(10_000);
    }

    @Test
    void connectionLimit_andRemovalAreCounted() throws Exception {
        FanOut fanOut = new FanOut(
                EventJson.create(EventRegistry.of()),
                AccessPolicy.ALLOW_ALL,
                new FanOut.Settings(1000, Duration.ofSeconds(1), 8, 2, Duration.ofMillis(10)));
        this.fanOut = fanOut;
        FanOut.Connection a = fanOut.admit(new MemoryTransport(), "a", null, 0);
        fanOut.admit(new MemoryTransport(), "b", null, 0);

        assertThat(fanOut.admit(new MemoryTransport(), "c", null, 0)).isNull();
        a.remove();
        a.remove();
        assertThat(fanOut.connectionCount()).isEqualTo(1);
        assertThat(fanOut.admit(new MemoryTransport(), "d", null, 0)).isNotNull();
    }
}
