package dev.herald.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.fanout.Disconnect;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.TextFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link UpgradeTransport} on a socket scripted by the test: its writing loop under writes that
 * complete at random inline, on other threads or late, while the fan-out thread keeps sending and
 * another thread reads the queue size; and the WebSocket it speaks, read back with Java-WebSocket's
 * parser: frames in order, pings answered, the close handshake.
 */
class UpgradeTransportTest {
    private final ExecutorService container = Executors.newFixedThreadPool(3);
    private final List<Runnable> scheduled = new CopyOnWriteArrayList<>();
    private final AtomicInteger ends = new AtomicInteger();

    @AfterEach
    void stop() throws InterruptedException {
        container.shutdownNow();
        container.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A socket whose writes the test completes: inline, on the container's threads, or by hand. */
    final class ScriptedSocket implements FrameSocket {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final AtomicBoolean outstanding = new AtomicBoolean();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger maxDepth = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile boolean random = true;
        volatile Runnable held;

        @Override
        public void write(ByteBuffer[] buffers, WriteDone done) {
            maxDepth.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
            if (!outstanding.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            synchronized (written) {
                for (ByteBuffer buffer : buffers) {
                    written.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                }
            }
            Runnable complete = () -> {
                outstanding.set(false);
                done.written();
            };
            if (!random) {
                held = complete;
                return;
            }
            switch (ThreadLocalRandom.current().nextInt(3)) {
                case 0 -> complete.run();
                case 1 -> container.execute(complete);
                default ->
                    container.execute(() -> {
                        Thread.onSpinWait();
                        complete.run();
                    });
            }
        }

        /** Completes the write the test held back. */
        void completeHeld() {
            Runnable complete = held;
            held = null;
            complete.run();
        }

        @Override
        public void close() {
            closed.set(true);
        }

        /** What the client received, parsed as a browser would. */
        List<Framedata> frames() throws Exception {
            byte[] bytes;
            synchronized (written) {
                bytes = written.toByteArray();
            }
            return new Draft_6455().translateFrame(ByteBuffer.wrap(bytes));
        }
    }

    private UpgradeTransport transport(ScriptedSocket socket) {
        UpgradeTransport transport = new UpgradeTransport(
                null,
                new UpgradeTransport.ConnectionHooks() {
                    @Override
                    public void runClosing(Runnable task) {
                        ends.incrementAndGet();
                        task.run();
                    }

                    @Override
                    public void schedule(Runnable task, long delayMillis) {
                        scheduled.add(task);
                    }

                    @Override
                    public void opened(UpgradeTransport t) {}

                    @Override
                    public void ended(UpgradeTransport t) {}

                    @Override
                    public long closeGraceMillis() {
                        return 2000;
                    }
                },
                4096);
        transport.writeTo(socket);
        return transport;
    }

    private static dev.herald.runtime.fanout.TextFrame frame(int i) {
        return dev.herald.runtime.fanout.TextFrame.of(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> texts(List<Framedata> frames) {
        List<String> texts = new ArrayList<>();
        for (Framedata frame : frames) {
            if (frame instanceof TextFrame) {
                texts.add(StandardCharsets.UTF_8.decode(frame.getPayloadData()).toString());
            }
        }
        return texts;
    }

    @Test
    void everyFrameGoesOutOnceInOrder_neverTwoWritesOutstanding_underRandomCompletions() throws Exception {
        ScriptedSocket socket = new ScriptedSocket();
        UpgradeTransport transport = transport(socket);
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (sending.get()) {
                assertThat(transport.queuedBytes()).isNotNegative();
            }
        });
        reader.start();
        int count = 20_000;
        List<dev.herald.runtime.fanout.TextFrame> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(frame(i));
            if (batch.size() == 1 + (i % 7)) {
                assertThat(transport.send(batch)).isTrue();
                batch.clear();
            }
        }
        transport.send(batch);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (transport.queuedBytes() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        sending.set(false);
        reader.join();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("{\"n\":" + i + "}");
        }
        assertThat(texts(socket.frames())).isEqualTo(expected);
        assertThat(socket.overlaps).hasValue(0);
        assertThat(transport.queuedBytes()).isZero();
        assertThat(socket.maxDepth.get()).isLessThan(200);
    }

    @Test
    void aCloseGoesAfterTheQueuedFrames_andASecondCloseDropsWhatStillWaits() throws Exception {
        ScriptedSocket socket = new ScriptedSocket();
        socket.random = false;
        UpgradeTransport transport = transport(socket);
        transport.send(List.of(frame(1))); // written, its completion held back
        transport.send(List.of(frame(2), frame(3))); // waiting

        var closeSent = transport.closeWhenSent(Disconnect.SERVICE_RESTART);
        assertThat(transport.send(List.of(frame(4))))
                .as("nothing after the close")
                .isFalse();
        transport.close(Disconnect.SERVICE_RESTART); // waited long enough: drop frames 2 and 3
        assertThat(closeSent).isNotDone();
        socket.completeHeld(); // frame 1 done; the close frame goes next

        List<Framedata> frames = socket.frames();
        assertThat(texts(frames)).containsExactly("{\"n\":1}");
        assertThat(frames.get(frames.size() - 1)).isInstanceOfSatisfying(CloseFrame.class, close -> {
            assertThat(close.getCloseCode()).isEqualTo(1012);
        });
        socket.completeHeld();
        assertThat(closeSent).isDone();
        assertThat(scheduled).as("the grace time is set at the first close").hasSize(1);
        assertThat(socket.closed).isFalse(); // waits for the client's answer

        ByteBuffer answer = new Draft_6455().createBinaryFrame(clientClose(1012));
        assertThat(transport.received(answer)).isFalse();
        assertThat(socket.closed).isTrue();
    }

    @Test
    void aPingIsAnswered_andAClientsCloseIsAnsweredBeforeTheEnd() throws Exception {
        ScriptedSocket socket = new ScriptedSocket();
        UpgradeTransport transport = transport(socket);
        PingFrame ping = new PingFrame();
        ping.setPayload(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)));
        ping.setTransferemasked(true);
        assertThat(transport.received(new Draft_6455().createBinaryFrame(ping))).isTrue();
        assertThat(transport.received(new Draft_6455().createBinaryFrame(clientClose(1001))))
                .isFalse();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!socket.closed.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<Framedata> frames = socket.frames();
        assertThat(frames).hasSize(2);
        assertThat(StandardCharsets.UTF_8.decode(frames.get(0).getPayloadData()).toString())
                .isEqualTo("are you there");
        assertThat(frames.get(1))
                .isInstanceOfSatisfying(
                        CloseFrame.class,
                        close -> assertThat(close.getCloseCode()).isEqualTo(1001));
        assertThat(socket.closed).isTrue();
        assertThat(ends).hasValue(1);
    }

    @Test
    void aFrameOverTheLimit_isAnsweredWith1009() throws Exception {
        ScriptedSocket socket = new ScriptedSocket();
        UpgradeTransport transport = transport(socket);
        TextFrame big = new TextFrame();
        big.setPayload(ByteBuffer.wrap(new byte[5000]));
        big.setTransferemasked(true);

        assertThat(transport.received(new Draft_6455().createBinaryFrame(big))).isFalse();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (socket.frames().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(socket.frames())
                .singleElement()
                .isInstanceOfSatisfying(
                        CloseFrame.class,
                        close -> assertThat(close.getCloseCode()).isEqualTo(1009));
    }

    private static CloseFrame clientClose(int code) {
        CloseFrame close = new CloseFrame();
        close.setCode(code);
        close.setTransferemasked(true);
        try {
            close.isValid();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return close;
    }
}
