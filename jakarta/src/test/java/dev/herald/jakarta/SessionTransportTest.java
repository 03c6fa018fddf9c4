package dev.herald.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.fanout.TextFrame;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionTransport}'s sending loop under a container that completes sends at random inline,
 * on its own threads or late, while the fan-out thread keeps sending and another thread reads the
 * queue size: every frame goes out once, in order, never two sends outstanding.
 */
class SessionTransportTest {
    private final ExecutorService container = Executors.newFixedThreadPool(3);

    /** A container's asynchronous remote endpoint, scripted by the test. */
    final class FakeRemote {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicBoolean outstanding = new AtomicBoolean();
        final AtomicInteger overlaps = new AtomicInteger();
        /** The deepest stack a send was made from: completions must not nest sends. */
        final AtomicInteger maxDepth = new AtomicInteger();

        volatile boolean failNext;

        void sendText(String text, SendHandler handler) {
            maxDepth.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
            if (!outstanding.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            sent.add(text);
            SendResult result = failNext ? new SendResult(new IOException("connection reset")) : new SendResult();
            Runnable complete = () -> {
                outstanding.set(false);
                handler.onResult(result);
            };
            switch (ThreadLocalRandom.current().nextInt(3)) {
                case 0 -> complete.run(); // the container finished at once
                case 1 -> container.execute(complete);
                default ->
                    container.execute(() -> {
                        Thread.onSpinWait();
                        complete.run();
                    });
            }
        }
    }

    private Session session(FakeRemote remote) {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        remote.sendText((String) args[0], (SendHandler) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (Session) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> async;
                    case "isOpen" -> true;
                    case "getId" -> "s1";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static TextFrame frame(int i) {
        return TextFrame.of(
                ("{\"event\":\"x.y\",\"data\":{\"i\":" + i + "},\"ts\":0}").getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws InterruptedException {
        container.shutdownNow();
        container.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void everyFrameGoesOutOnceInOrder_oneSendOutstanding_whateverThreadCompletes() throws Exception {
        FakeRemote remote = new FakeRemote();
        SessionTransport transport = new SessionTransport(session(remote), container, Runnable::run);
        int total = 50_000;
        AtomicBoolean done = new AtomicBoolean();
        // Counted here and asserted on the test's thread: a failed assertion on this thread would
        // only end the thread.
        AtomicLong lowestQueued = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                lowestQueued.accumulateAndGet(transport.queuedBytes(), Math::min);
                reads.incrementAndGet();
            }
        });
        reader.start();

        List<TextFrame> batch = new ArrayList<>();
        for (int i = 0; i < total; ) {
            int size = 1 + ThreadLocalRandom.current().nextInt(5);
            for (int j = 0; j < size && i < total; j++, i++) {
                batch.add(frame(i));
            }
            assertThat(transport.send(batch)).isTrue();
            batch.clear(); // the core reuses its list
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((remote.sent.size() < total || transport.busy()) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        done.set(true);
        reader.join();

        assertThat(reads.get()).as("reads of the queue size during the run").isPositive();
        assertThat(lowestQueued.get())
                .as("lowest queue size read during the run")
                .isNotNegative();

        assertThat(remote.overlaps).hasValue(0);
        assertThat(remote.maxDepth.get()).as("stack depth of a send").isLessThan(100);
        assertThat(remote.sent).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(remote.sent.get(i)).isEqualTo(frame(i).text());
        }
        assertThat(transport.queuedBytes()).isZero();
        assertThat(transport.busy()).isFalse();
    }

    @Test
    void aFailedSend_dropsWhatWaits_andLaterSendsReportTheConnectionGone() throws Exception {
        FakeRemote remote = new FakeRemote();
        remote.failNext = true;
        SessionTransport transport = new SessionTransport(session(remote), container, Runnable::run);

        transport.send(List.of(frame(1), frame(2), frame(3)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (transport.busy() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }

        assertThat(remote.sent).hasSize(1);
        assertThat(transport.queuedBytes()).isZero();
        assertThat(transport.send(List.of(frame(4)))).isFalse();
    }
}
