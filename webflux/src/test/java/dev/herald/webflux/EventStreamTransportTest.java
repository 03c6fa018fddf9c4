package dev.herald.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.fanout.TextFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.NettyPipeline;

/**
 * {@link EventStreamTransport} on a real TCP connection on loopback, its channel's pipeline as
 * Reactor Netty builds it for an HTTP/1.1 response (the HTTP codec under its name, the chunked
 * response head already written): frames sent from several threads while the stream starts arrive
 * as one valid chunked body, every frame once and in each thread's order, whether the stream
 * writes its chunks below the codec or, with another handler after the codec, through it.
 */
class EventStreamTransportTest {
    private final EventLoopGroup group = new NioEventLoopGroup(2);

    @AfterEach
    void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "another handler after the codec: {0}")
    @ValueSource(booleans = {false, true})
    void framesSentWhileTheStreamStarts_arriveOnceInEachThreadsOrder_asOneChunkedBody(boolean handlerAfterCodec)
            throws Exception {
        LoopbackPeer peer = LoopbackPeer.start(group, true);
        Channel channel = peer.connect(group);
        channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
        if (handlerAfterCodec) {
            channel.pipeline().addLast("application.handler", new ChannelDuplexHandler());
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        channel.writeAndFlush(head).sync();

        EventStreamTransport transport = new EventStreamTransport(channel);
        int threads = 4;
        int frames = 2000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread sending = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int n = 0; n < frames; n++) {
                    byte[] json = ("{\"t\":" + thread + ",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
                    assertThat(transport.send(List.of(TextFrame.of(json, thread + "-" + n))))
                            .isTrue();
                }
            });
            sending.start();
            senders.add(sending);
        }
        go.countDown();
        Thread.sleep(2); // some frames wait for the start, the rest race it
        channel.eventLoop().execute(() -> transport.start(null, true));
        for (Thread sending : senders) {
            sending.join();
        }

        long deadline = System.currentTimeMillis() + 10_000;
        while (transport.queuedBytes() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5); // until the socket took everything
        }
        List<String> data = dataLines(peer);
        while (data.size() < threads * frames && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            data = dataLines(peer);
        }
        assertThat(transport.queuedBytes())
                .as("queued once the socket took everything")
                .isZero();
        assertThat(data).hasSize(threads * frames);
        Map<String, Integer> next = new HashMap<>();
        for (String line : data) {
            String thread = line.substring(line.indexOf("\"t\":") + 4, line.indexOf(','));
            int n = Integer.parseInt(line.substring(line.indexOf("\"n\":") + 4, line.indexOf('}')));
            assertThat(n).as("thread %s's next frame", thread).isEqualTo(next.getOrDefault(thread, 0));
            next.put(thread, n + 1);
        }
        channel.close().sync();
        peer.server.close().sync();
    }

    @Test
    void aChunk_isItsSizeInHexALineEndItsBytesAndALineEnd_atEveryNumberOfDigits() {
        for (int size : new int[] {1, 9, 10, 15, 16, 255, 256, 4095, 4096, 65535, 65536, 1 << 20}) {
            byte[] first = "a".repeat(size / 2).getBytes(StandardCharsets.US_ASCII);
            byte[] second = "b".repeat(size - size / 2).getBytes(StandardCharsets.US_ASCII);
            String chunk =
                    new String(EventStreamTransport.chunk(new byte[][] {first, second}), StandardCharsets.US_ASCII);
            assertThat(chunk)
                    .as("a chunk of %d bytes", size)
                    .isEqualTo(Integer.toHexString(size) + "\r\n" + "a".repeat(size / 2) + "b".repeat(size - size / 2)
                            + "\r\n");
        }
    }

    /**
     * The {@code data:} lines of the chunked body after the response head; fails on a malformed
     * chunk, so that a chunk framed wrong or two chunks interleaved show.
     */
    private static List<String> dataLines(LoopbackPeer peer) {
        String raw = new String(peer.received(), StandardCharsets.UTF_8);
        int at = raw.indexOf("\r\n\r\n");
        assertThat(at).as("the response head").isPositive();
        at += 4;
        StringBuilder body = new StringBuilder();
        while (at < raw.length()) {
            int lineEnd = raw.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(raw.substring(at, lineEnd), 16);
            int end = lineEnd + 2 + size;
            if (end + 2 > raw.length()) {
                break; // the rest is still on its way
            }
            body.append(raw, lineEnd + 2, end);
            assertThat(raw.substring(end, end + 2)).as("a chunk's line end").isEqualTo("\r\n");
            at = end + 2;
        }
        List<String> data = new ArrayList<>();
        for (String line : body.toString().split("\n")) {
            if (line.startsWith("data: ")) {
                data.add(line.substring(6));
            }
        }
        return data;
    }
}
