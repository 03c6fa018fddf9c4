package dev.herald.webflux;

import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.DrainableTransport;
import dev.herald.runtime.fanout.TextFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The fan-out core's view of one Server-Sent Events stream on Reactor Netty. Spring writes the
 * response's status, headers and first bytes (the {@code retry:} line), so the application's
 * filters and their headers apply; from {@link #start} on, each event's SSE form, built once
 * ({@link TextFrame#sse}), is written to the connection's channel as the response's next chunk. The
 * response's body ends when {@link #endOfBody()} completes: Reactor Netty then writes the last chunk.
 *
 * <p>SSE has no close frame and clients cannot answer pings: a close ends the response (after a
 * comment with the reason, when draining), and the client shows it reads when everything handed to
 * the channel was written ({@code seen}); a heartbeat comment keeps proxies from timing out.
 *
 * <p>Threading rules: the core calls {@link #send}, {@link #ping} and {@link #close} from the
 * connection's lane, the endpoint {@link #closeWhenSent} from its stopping thread, Spring {@link
 * #start} from the event loop. Frames sent before {@link #start} wait under {@code this}; after,
 * every write and the end run as tasks on the channel's event loop in call order ({@link
 * ChannelWriter}), so the end follows the frames before it.
 */
final class EventStreamTransport implements DrainableTransport<TextFrame> {
    /** A comment line: proxies see traffic, the client ignores it. */
    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    /** A heartbeat at least every 15 s: below the idle timeouts of proxies (often 30 s). */
    static final long HEARTBEAT_INTERVAL_NANOS = 15_000_000_000L;

    private final ChannelWriter writer;
    private final Sinks.Empty<Void> end = Sinks.empty();
    private final CompletableFuture<Void> closeSent = new CompletableFuture<>();
    private volatile Connection<TextFrame> connection;

    // Guarded by this.
    private List<Object> beforeStart = new ArrayList<>();
    private long beforeStartBytes;
    private boolean closing;
    /** The close that came before {@link #start}: a refusal, answered with an HTTP status. */
    private Disconnect refusal;

    EventStreamTransport(Channel channel) {
        this.writer = new ChannelWriter(channel, this::drained);
    }

    /** Why the core refused the stream in {@code open}, or {@code null}. */
    synchronized Disconnect refusal() {
        return refusal;
    }

    /**
     * The body's end: completes, empty, when the stream is over; Spring's response then ends.
     * Until then what is written here is the body.
     */
    Mono<Void> endOfBody() {
        return end.asMono();
    }

    /** Starts writing: what the core sent since it admitted the stream goes out now. Call on the event loop. */
    void start(Connection<TextFrame> admitted) {
        List<Object> waiting;
        long weight;
        synchronized (this) {
            connection = admitted;
            waiting = beforeStart;
            weight = beforeStartBytes;
            beforeStart = null;
            if (closing) {
                finish();
                return;
            }
        }
        if (!waiting.isEmpty()) {
            writer.write(waiting, weight);
        }
    }

    @Override
    public boolean send(List<TextFrame> frames) {
        // One chunk of the response for the lot: the chunked encoding's framing once per write.
        byte[][] events = new byte[frames.size()][];
        long weight = 0;
        for (int i = 0; i < events.length; i++) {
            TextFrame frame = frames.get(i);
            events[i] = frame.sse();
            weight += frame.bytes();
        }
        List<Object> chunks = List.of(new DefaultHttpContent(Unpooled.wrappedBuffer(events)));
        synchronized (this) {
            if (closing) {
                return false;
            }
            if (beforeStart != null) {
                beforeStart.addAll(chunks);
                beforeStartBytes += weight;
                return true;
            }
        }
        return writer.write(chunks, weight);
    }

    @Override
    public long queuedBytes() {
        synchronized (this) {
            if (beforeStart != null) {
                return beforeStartBytes;
            }
        }
        return writer.queuedBytes();
    }

    /** A heartbeat comment, unless bytes are waiting (which would only queue it behind them). */
    @Override
    public void ping() {
        synchronized (this) {
            if (closing || beforeStart != null) {
                return;
            }
        }
        if (writer.queuedBytes() == 0) {
            writer.write(List.of(new DefaultHttpContent(Unpooled.wrappedBuffer(HEARTBEAT))), HEARTBEAT.length);
        }
    }

    @Override
    public long maxPingIntervalNanos() {
        return HEARTBEAT_INTERVAL_NANOS;
    }

    /** Before the stream: records the refusal. After: drops the connection now, whatever is queued. */
    @Override
    public void close(Disconnect disconnect) {
        synchronized (this) {
            if (beforeStart != null) {
                if (connection == null && refusal == null) {
                    refusal = disconnect;
                }
                closing = true;
                return;
            }
            closing = true;
        }
        // Not finish(): the closed channel fails the response's write, which ends it (see the
        // handler). A body completed first would leave Reactor Netty a failure with no one to tell.
        writer.channel().close();
    }

    /** Ends the response once what is queued, and a comment with the reason, went out. */
    @Override
    public CompletableFuture<Void> closeWhenSent(Disconnect disconnect) {
        synchronized (this) {
            if (closing) {
                return closeSent;
            }
            closing = true;
            if (beforeStart != null) {
                return closeSent; // start() ends it
            }
        }
        byte[] reason =
                (": closed " + disconnect.code() + " " + disconnect.reason() + "\n\n").getBytes(StandardCharsets.UTF_8);
        // The body ends once the comment was written: a client that stopped reading is closed by
        // the endpoint's stop instead (close), before its response ends.
        if (!writer.write(
                List.of(new DefaultHttpContent(Unpooled.wrappedBuffer(reason))), reason.length, this::finish)) {
            finish();
        }
        return closeSent;
    }

    /** Everything handed to the channel was written: the client reads. On the event loop. */
    private void drained() {
        Connection<TextFrame> admitted = connection;
        if (admitted != null) {
            admitted.seen();
        }
    }

    /** Ends the body; idempotent. */
    private void finish() {
        end.tryEmitEmpty();
        closeSent.complete(null);
    }

    /** The response ended, whoever ended it: no more writes. */
    void ended() {
        synchronized (this) {
            closing = true;
        }
        finish();
    }
}
