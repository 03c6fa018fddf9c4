package dev.herald.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ChannelWriter} on a real TCP connection on loopback: writes from several threads at once
 * arrive whole and in each thread's order, and what it counts as queued is what the channel had
 * not written yet, back to zero once the reader read everything.
 */
class ChannelWriterTest {
    private final EventLoopGroup group = new NioEventLoopGroup(2);

    @AfterEach
    void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void writesFromSeveralThreads_arriveWholeInEachThreadsOrder_andTheQueueDrainsToZero() throws Exception {
        LoopbackPeer peer = LoopbackPeer.start(group, true);
        Channel channel = peer.connect(group);
        AtomicInteger drained = new AtomicInteger();
        ChannelWriter writer = new ChannelWriter(channel, drained::incrementAndGet);
        int threads = 4;
        int batches = 2000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writing = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int b = 0; b < batches; b++) {
                    List<Object> batch = List.of(line(thread, 2 * b), line(thread, 2 * b + 1));
                    assertThat(writer.write(batch, 2)).isTrue();
                }
            });
            writing.start();
            writers.add(writing);
        }
        start.countDown();
        for (Thread writing : writers) {
            writing.join();
        }

        long deadline = System.currentTimeMillis() + 10_000;
        while (writer.queuedBytes() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writer.queuedBytes())
                .as("queued once everything was written")
                .isZero();
        int expectedLines = threads * batches * 2;
        while (lines(peer).size() < expectedLines && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        Map<Integer, Integer> next = new HashMap<>();
        for (String line : lines(peer)) {
            String[] parts = line.split(" ");
            int thread = Integer.parseInt(parts[0]);
            int n = Integer.parseInt(parts[1]);
            assertThat(n).as("thread %d's next line", thread).isEqualTo(next.getOrDefault(thread, 0));
            next.put(thread, n + 1);
        }
        assertThat(lines(peer)).hasSize(expectedLines);
        assertThat(drained.get()).as("told it drained").isPositive();
        channel.close().sync();
    }

    @Test
    void aPeerThatStopsReading_leavesItsBytesQueued_andAClosedChannelRefusesMore() throws Exception {
        LoopbackPeer peer =
                LoopbackPeer.start(group, false); // reads nothing: the kernel's buffers fill, then the channel's
        Channel channel = peer.connect(group);
        ChannelWriter writer = new ChannelWriter(channel, () -> {});
        byte[] kilobyte = new byte[1024];
        for (int i = 0; i < 2048; i++) {
            writer.write(List.of(Unpooled.wrappedBuffer(kilobyte)), kilobyte.length);
        }
        long deadline = System.currentTimeMillis() + 5000;
        long queued = writer.queuedBytes();
        while (System.currentTimeMillis() < deadline) { // settles where the kernel took its share
            Thread.sleep(50);
            long now = writer.queuedBytes();
            if (now == queued) {
                break;
            }
            queued = now;
        }
        assertThat(queued)
                .as("queued: written to the channel, not yet to the socket")
                .isGreaterThan(1024 * 1024)
                .isLessThanOrEqualTo(2048L * 1024);

        channel.close().sync();
        deadline = System.currentTimeMillis() + 5000;
        while (writer.queuedBytes() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writer.queuedBytes())
                .as("failed writes are no longer queued")
                .isZero();
        assertThat(writer.write(List.of(Unpooled.wrappedBuffer(kilobyte)), 1024))
                .isFalse();
        peer.accepted.get(1, TimeUnit.SECONDS).close();
    }

    private static ByteBuf line(int thread, int n) {
        return Unpooled.wrappedBuffer((thread + " " + n + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static List<String> lines(LoopbackPeer peer) {
        String text = new String(peer.received(), StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        if (!text.endsWith("\n") && !lines.isEmpty()) {
            lines.remove(lines.size() - 1); // a line still on its way
        }
        lines.removeIf(String::isEmpty);
        return lines;
    }
}
