package dev.herald.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.TestEvents.Numbered;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Emitting, subscribing and unsubscribing from several threads at once. */
class EventBusConcurrencyTest {
    private static final int THREADS = 4;
    private static final int EVENTS_PER_THREAD = 20_000;

    /** Records, per emitting thread, the sequence numbers it saw; checks order as it goes. */
    private static final class Recorder {
        final int[] lastSeq = new int[THREADS];
        final int[] count = new int[THREADS];
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

        Recorder() {
            Arrays.fill(lastSeq, -1);
        }

        // Each emitting thread touches only its own slot, and the bus delivers on the emitting thread.
        void record(Numbered e) {
            if (e.seq() != lastSeq[e.thread()] + 1) {
                violations.add("thread " + e.thread() + ": " + e.seq() + " after " + lastSeq[e.thread()]);
            }
            lastSeq[e.thread()] = e.seq();
            count[e.thread()]++;
        }
    }

    @Test
    void stableListenersGetEveryEventOnceInPerThreadOrder_whileOthersComeAndGo() throws Exception {
        EventBus bus = EventBus.create(TestEvents.registry());
        Recorder typed = new Recorder();
        Recorder named = new Recorder();
        Recorder any = new Recorder();
        bus.on(Numbered.class, typed::record);
        bus.on("load.numbered", (type, event) -> named.record((Numbered) event));
        bus.onAny((type, event) -> any.record((Numbered) event));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean emitting = new AtomicBoolean(true);
        List<Future<?>> emitters = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            emitters.add(pool.submit(() -> {
                start.await();
                for (int seq = 0; seq < EVENTS_PER_THREAD; seq++) {
                    bus.emit(new Numbered(thread, seq));
                }
                return null;
            }));
        }
        // Churn: two threads subscribe and unsubscribe transient listeners the whole time.
        List<Future<Integer>> churners = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            churners.add(pool.submit(() -> {
                start.await();
                int cycles = 0;
                while (emitting.get()) {
                    Subscription a = bus.on(Numbered.class, e -> {});
                    Subscription b = bus.onAny((type, event) -> {});
                    a.close();
                    b.close();
                    b.close();
                    cycles++;
                }
                return cycles;
            }));
        }
        start.countDown();
        for (Future<?> emitter : emitters) {
            emitter.get(60, TimeUnit.SECONDS);
        }
        emitting.set(false);
        int cycles = 0;
        for (Future<Integer> churner : churners) {
            cycles += churner.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();

        for (Recorder recorder : List.of(typed, named, any)) {
            assertThat(recorder.violations).isEmpty();
            assertThat(recorder.count).containsOnly(EVENTS_PER_THREAD);
        }
        assertThat(cycles).isPositive();
    }

    @Test
    void listenersAddedConcurrently_allEndUpSubscribed() throws Exception {
        EventBus bus = EventBus.create(TestEvents.registry());
        int perThread = 500;
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    bus.on(Numbered.class, e -> calls.incrementAndGet());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        bus.emit(new Numbered(0, 0));

        assertThat(calls.get()).isEqualTo(THREADS * perThread);
    }
}
