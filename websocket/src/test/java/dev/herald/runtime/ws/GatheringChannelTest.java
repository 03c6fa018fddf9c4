package dev.herald.runtime.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.SocketChannelIOHelper;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.drafts.Draft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gathering channel under Java-WebSocket's own write loop ({@link SocketChannelIOHelper#batch}),
 * on a real loopback connection.
 */
class GatheringChannelTest {
    private ServerSocketChannel listener;
    private SocketChannel peer;
    private SocketChannel serverSide;
    private WebSocketImpl socket;
    private GatheringChannel channel;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        peer = SocketChannel.open();
        peer.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        peer.connect(listener.getLocalAddress());
        serverSide = listener.accept();
        serverSide.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        serverSide.configureBlocking(false);
        // Only the send queue and the role matter to the write loop; the listener is never called.
        WebSocketListener ignored = (WebSocketListener) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {WebSocketListener.class}, (proxy, method, args) -> null);
        socket = new WebSocketImpl(ignored, (Draft) null);
        channel = new GatheringChannel(serverSide, socket.outQueue);
    }

    @AfterEach
    void close() throws IOException {
        peer.close();
        serverSide.close();
        listener.close();
    }

    @Test
    void writingTheHead_sendsTheBuffersQueuedBehindIt_andTheLoopThenFindsThemDone() throws Exception {
        socket.outQueue.add(ascii("one,"));
        socket.outQueue.add(ascii("two,"));
        socket.outQueue.add(ascii("three"));

        int written = channel.write(socket.outQueue.peek());

        assertThat(written).isEqualTo(4); // the head's own bytes, as ByteChannel.write promises
        assertThat(socket.outQueue).allMatch(buffer -> !buffer.hasRemaining());
        assertThat(SocketChannelIOHelper.batch(socket, channel)).isTrue();
        assertThat(socket.outQueue).isEmpty();
        assertThat(readExactly(13)).isEqualTo("one,two,three");
    }

    @Test
    void aFullSocket_withBuffersAddedWhileWriting_keepsEveryByteInOrder() throws Exception {
        int frames = 20_000;
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            expected.writeBytes(frame(i));
        }
        CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> readExactlyUnchecked(expected.size()));
        // The fan-out thread's part: whole buffers added at the tail, concurrently with the writes.
        Thread producer = new Thread(() -> {
            for (int i = 0; i < frames; i++) {
                socket.outQueue.add(ByteBuffer.wrap(frame(i)));
                if (i % 100 == 0) {
                    Thread.yield();
                }
            }
        });
        producer.start();

        // The selector's part: batch() whenever the socket is writable, as WebSocketServer.doWrite does.
        try (Selector selector = Selector.open()) {
            serverSide.register(selector, SelectionKey.OP_WRITE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((producer.isAlive() || !socket.outQueue.isEmpty()) && System.nanoTime() < deadline) {
                selector.select(10);
                selector.selectedKeys().clear();
                SocketChannelIOHelper.batch(socket, channel);
            }
        }
        producer.join();

        assertThat(socket.outQueue).isEmpty();
        assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(expected.toString(StandardCharsets.US_ASCII));
    }

    /**
     * The three writers of a connection at once, on a socket with a 4 KiB send buffer so that
     * direct writes stop half-way: the fan-out thread writing directly while idle and queueing
     * otherwise (as {@code WebSocketTransport.send} does), another thread queueing the library's
     * own frames (a ping timer, a close), and the selector running the library's write loop.
     * Every frame must arrive whole, and each writer's frames in order.
     */
    @Test
    void directWritesQueuedFramesAndTheSelector_atOnce_neverSplitAFrame_andKeepEachWritersOrder() throws Exception {
        int events = 5_000;
        int controls = 500;
        CompletableFuture<String> received = CompletableFuture.supplyAsync(this::readSlowlyUntilClosed);
        AtomicInteger directWritesLeftUnfinished = new AtomicInteger();
        // A write that fails on this thread is kept and fails the test; thrown, it would end only the thread.
        AtomicReference<IOException> fanOutFailure = new AtomicReference<>();
        Thread fanOut = new Thread(() -> {
            try {
                for (int i = 0; i < events; i++) {
                    ByteBuffer buffer = ByteBuffer.wrap(frame('e', i));
                    while (i % 50 == 0 && (!socket.outQueue.isEmpty() || channel.isNeedWrite())) {
                        Thread.yield(); // let the big ones find the socket idle, and stop half-way
                    }
                    if (!channel.writeIfIdle(buffer)) {
                        socket.outQueue.add(buffer);
                    } else if (buffer.hasRemaining()) {
                        directWritesLeftUnfinished.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                fanOutFailure.set(e);
            }
        });
        Thread library = new Thread(() -> {
            for (int i = 0; i < controls; i++) {
                socket.outQueue.add(ByteBuffer.wrap(frame('c', i)));
                try {
                    Thread.sleep(0, 200_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        fanOut.start();
        library.start();
        try (Selector selector = Selector.open()) {
            serverSide.register(selector, SelectionKey.OP_WRITE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((fanOut.isAlive() || library.isAlive() || !socket.outQueue.isEmpty() || channel.isNeedWrite())
                    && System.nanoTime() < deadline) {
                selector.select(10);
                selector.selectedKeys().clear();
                SocketChannelIOHelper.batch(socket, channel);
            }
        }
        fanOut.join();
        library.join();
        assertThat(fanOutFailure.get()).as("a direct write failed").isNull();
        serverSide.shutdownOutput();

        String stream = received.get(30, TimeUnit.SECONDS);
        Matcher frames = Pattern.compile("<([ec]) (\\d+) x*>").matcher(stream);
        int[] next = new int[2];
        int end = 0;
        while (frames.find()) {
            assertThat(frames.start())
                    .as("a frame starts where the last one ended")
                    .isEqualTo(end);
            int writer = frames.group(1).equals("e") ? 0 : 1;
            assertThat(Integer.parseInt(frames.group(2))).isEqualTo(next[writer]++);
            end = frames.end();
        }
        assertThat(end).isEqualTo(stream.length());
        assertThat(next).containsExactly(events, controls);
        assertThat(directWritesLeftUnfinished)
                .as("direct writes the socket took only in part")
                .hasPositiveValue();
    }

    private static byte[] frame(char writer, int i) {
        // Every 50th is larger than both socket buffers, so a direct write of it stops half-way.
        int length = i % 50 == 0 ? 50_000 : i * 7 % 3000;
        return ("<" + writer + " " + i + " " + "x".repeat(length) + ">").getBytes(StandardCharsets.US_ASCII);
    }

    /** A reader slower than the writers, so that the socket fills and writes stop half-way. */
    private String readSlowlyUntilClosed() {
        try {
            InputStream in = Channels.newInputStream(peer);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1024];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                out.write(chunk, 0, n);
                Thread.yield();
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] frame(int i) {
        return ("<frame " + i + " " + "x".repeat(i % 300) + ">").getBytes(StandardCharsets.US_ASCII);
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private String readExactlyUnchecked(int bytes) {
        try {
            return readExactly(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String readExactly(int bytes) throws IOException {
        InputStream in = Channels.newInputStream(peer);
        return new String(in.readNBytes(bytes), StandardCharsets.US_ASCII);
    }
}
