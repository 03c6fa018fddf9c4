package dev.herald.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    /** A server whose one connection collects what it reads; {@code read} says whether it reads at all. */
    private record Peer(Channel server, CompletableFuture<Channel> accepted, ByteArrayOutputStream received) {}

    private Peer server(boolean read) throws InterruptedException {
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, read)
                .childOption(ChannelOption.SO_RCVBUF, 4096)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accepted.complete(channel);
                        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf bytes = (ByteBuf) msg;
                                synchronized (received) {
                                    byte[] copy = new byte[bytes.readableBytes()];
                                    bytes.readBytes(copy);
                                    received.writeBytes(copy);
                                }
                                bytes.release();
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
        return new Peer(server, accepted, received);
    }

    private Channel connect(Peer peer) throws InterruptedException {
        return new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.SO_SNDBUF, 4096)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(peer.server().localAddress())
                .sync()
                .channel();
    }

    @Test
    void writesFromSeveralThreads_arriveWholeInEachThreadsOrder_andTheQueueDrainsToZero() throws Exception {
        Peer peer = server(true);
        Channel channel = connect(peer);
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
        Peer peer = server(false); // reads nothing: the kernel's buffers fill, then the channel's
        Channel channel = connect(peer);
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
        peer.accepted().get(1, TimeUnit.SECONDS).close();
    }

    private static ByteBuf line(int thread, int n) {
        return Unpooled.wrappedBuffer((thread + " " + n + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static List<String> lines(Peer peer) {
        String text;
        synchronized (peer.received()) {
            text = StandardCharsets.US_ASCII
                    .decode(ByteBuffer.wrap(peer.received().toByteArray()))
                    .toString();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        if (!text.endsWith("\n") && !lines.isEmpty()) {
            lines.remove(lines.size() - 1); // a line still on its way
        }
        lines.removeIf(String::isEmpty);
        return lines;
    }
}
