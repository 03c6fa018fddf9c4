package dev.herald.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.EndpointSettings;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.Handshake;
import dev.herald.runtime.fanout.TextFrame;
import dev.herald.runtime.json.EventJson;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SseTransport} behind a real fan-out core's connection, on an output stream scripted as a
 * container's non-blocking one: it takes bytes only while it says it is ready, turns unready at
 * random, and calls the write listener back from its own thread when it is ready again. Several
 * threads send and ping meanwhile; every frame must come out whole, once, in each sender's order,
 * never written while unready nor by two threads at once.
 */
class SseTransportTest {
    private final EventEndpoint endpoint =
            EventEndpoint.builder(EventBus.create()).build();
    private final EndpointSettings settings = endpoint.settings();
    private final FanOut<TextFrame> core = new FanOut<>(EventJson.create(), settings, TextFrame.FORMAT);

    @AfterEach
    void stop() {
        core.close();
        endpoint.stop(Duration.ofMillis(100));
    }

    /** A container's non-blocking output, scripted. */
    static final class ScriptedOutput extends ServletOutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final AtomicBoolean ready = new AtomicBoolean(true);
        final AtomicBoolean writing = new AtomicBoolean();
        final AtomicInteger unreadyWrites = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        /** The size of each write, in order. */
        final List<Integer> writes = new ArrayList<>();
        /** Whether it turns unready at random too, or only when told. */
        volatile boolean flaky = true;

        volatile WriteListener listener;
        volatile boolean callbackOwed;

        @Override
        public boolean isReady() {
            boolean now = ready.get() && (!flaky || ThreadLocalRandom.current().nextInt(8) != 0);
            if (!now) {
                ready.set(false);
                callbackOwed = true;
            }
            return now;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (!writing.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            if (!ready.get()) {
                unreadyWrites.incrementAndGet();
            }
            synchronized (written) {
                written.write(bytes, offset, length);
                writes.add(length);
            }
            writing.set(false);
        }

        /** The container's side: ready again, and the listener told when it was owed a call. */
        void becomeReady() {
            ready.set(true);
            if (callbackOwed && listener != null) {
                callbackOwed = false;
                try {
                    listener.onWritePossible();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        String text() {
            synchronized (written) {
                return written.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static AsyncContext asyncContext(ServletOutputStream out, AtomicBoolean completed) {
        ServletResponse response = (ServletResponse) Proxy.newProxyInstance(
                SseTransportTest.class.getClassLoader(),
                new Class<?>[] {ServletResponse.class},
                (proxy, method, args) -> method.getName().equals("getOutputStream") ? out : null);
        return (AsyncContext) Proxy.newProxyInstance(
                SseTransportTest.class.getClassLoader(), new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getResponse" -> {
                            return response;
                        }
                        case "complete" -> completed.set(true);
                        default -> {}
                    }
                    return null;
                });
    }

    @Test
    void sendersPingsAndTheContainersCallbacksAtOnce_everyFrameWholeOnceAndInOrder() throws Exception {
        ScriptedOutput out = new ScriptedOutput();
        AtomicBoolean completed = new AtomicBoolean();
        SseTransport transport = new SseTransport(ended -> {});
        Connection<TextFrame> connection = core.handshake(new Handshake(settings.path(), Map.of(), Map.of(), null))
                .open(transport);
        assertThat(connection).isNotNull();
        transport.start(
                connection, asyncContext(out, completed), "retry: 1000\n\n".getBytes(StandardCharsets.US_ASCII));

        int senders = 3;
        int perSender = 3000;
        CountDownLatch done = new CountDownLatch(senders);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread container = new Thread(() -> {
            while (running.get()) {
                out.becomeReady();
                Thread.onSpinWait();
            }
        });
        container.start();
        AtomicBoolean pinging = new AtomicBoolean(true);
        Thread pinger = new Thread(() -> {
            while (pinging.get()) {
                transport.ping();
                transport.queuedBytes();
            }
        });
        pinger.start();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            new Thread(() -> {
                        for (int n = 0; n < perSender; n++) {
                            String json =
                                    "{\"event\":\"t.x\",\"data\":{\"s\":" + sender + ",\"n\":" + n + "},\"ts\":1}";
                            transport.send(List.of(
                                    TextFrame.of(json.getBytes(StandardCharsets.UTF_8), "e-" + sender + "-" + n)));
                        }
                        done.countDown();
                    })
                    .start();
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pinging.set(false); // a heartbeat after the drain below would stay queued once the container stops
        pinger.join();
        long deadline = System.currentTimeMillis() + 10_000;
        while (transport.queuedBytes() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        running.set(false);
        container.join();

        assertThat(out.overlaps).as("writes by two threads at once").hasValue(0);
        assertThat(out.unreadyWrites)
                .as("writes while the container was not ready")
                .hasValue(0);
        assertThat(transport.queuedBytes()).isZero();
        String stream = out.text();
        assertThat(stream).startsWith("retry: 1000\n\n");
        Map<Integer, List<Integer>> bySender = new HashMap<>();
        Matcher event = Pattern.compile(
                        "id: e-(\\d+)-(\\d+)\ndata: \\{\"event\":\"t\\.x\",\"data\":\\{\"s\":(\\d+),\"n\":(\\d+)}")
                .matcher(stream);
        while (event.find()) {
            assertThat(event.group(1)).isEqualTo(event.group(3));
            assertThat(event.group(2)).isEqualTo(event.group(4));
            bySender.computeIfAbsent(Integer.parseInt(event.group(1)), k -> new ArrayList<>())
                    .add(Integer.parseInt(event.group(2)));
        }
        for (int s = 0; s < senders; s++) {
            List<Integer> expected = new ArrayList<>();
            for (int n = 0; n < perSender; n++) {
                expected.add(n);
            }
            assertThat(bySender.get(s)).as("sender %s's frames", s).isEqualTo(expected);
        }
        assertThat(stream.replaceAll("(?m)^(id|data): .*\n|^:\n|^retry: \\d+\n|^\n", ""))
                .as("nothing but whole events, heartbeats and the retry")
                .isEmpty();
        assertThat(completed).isFalse();
    }

    @Test
    void framesThatWaitedForTheContainer_countAsQueuedUntilHandedOver_inWritesOfAtMostItsBuffer() throws Exception {
        ScriptedOutput out = new ScriptedOutput();
        out.flaky = false;
        out.ready.set(false); // the container is busy with what it had
        SseTransport transport = new SseTransport(ended -> {});
        Connection<TextFrame> connection = core.handshake(new Handshake(settings.path(), Map.of(), Map.of(), null))
                .open(transport);
        transport.start(connection, asyncContext(out, new AtomicBoolean()), new byte[0]);

        long deadline = System.currentTimeMillis() + 5_000;
        while (transport.queuedBytes() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(1); // the core's first frame, the stream's position, comes from its lane
        }
        long before = transport.queuedBytes();
        assertThat(before).isPositive();
        int frames = 300;
        long envelopes = 0;
        StringBuilder expected = new StringBuilder();
        for (int n = 0; n < frames; n++) {
            String json =
                    "{\"event\":\"t.x\",\"data\":{\"n\":" + n + ",\"pad\":\"" + "x".repeat(n % 90) + "\"},\"ts\":1}";
            TextFrame frame = TextFrame.of(json.getBytes(StandardCharsets.UTF_8), "p-" + n);
            envelopes += frame.bytes();
            expected.append("id: p-").append(n).append("\ndata: ").append(json).append("\n\n");
            transport.send(List.of(frame));
        }
        assertThat(out.writes)
                .as("nothing handed over while the container is not ready")
                .isEmpty();
        assertThat(transport.queuedBytes() - before)
                .as("every waiting frame counts")
                .isEqualTo(envelopes);

        out.becomeReady();

        assertThat(out.text()).endsWith(expected.toString());
        assertThat(transport.queuedBytes()).isZero();
        assertThat(out.writes)
                .as("joined into writes of at most the container's buffer")
                .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(SseTransport.MAX_WRITE))
                .hasSizeLessThan(frames / 10);
    }

    @Test
    void aCloseBetweenAdmissionAndStart_endsTheStreamAsItStarts() throws Exception {
        ScriptedOutput out = new ScriptedOutput();
        AtomicBoolean completed = new AtomicBoolean();
        AtomicInteger ends = new AtomicInteger();
        SseTransport transport = new SseTransport(ended -> ends.incrementAndGet());
        Connection<TextFrame> connection = core.handshake(new Handshake(settings.path(), Map.of(), Map.of(), null))
                .open(transport);
        transport
                .closeWhenSent(dev.herald.runtime.fanout.Disconnect.SERVICE_RESTART)
                .get(1, TimeUnit.SECONDS);

        transport.start(
                connection, asyncContext(out, completed), "retry: 1000\n\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(completed).isTrue();
        assertThat(ends).hasValue(1);
        assertThat(core.connectionCount()).isZero();
    }
}
