package dev.herald.webflux;

import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.DrainableTransport;
import dev.herald.runtime.fanout.TextFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.NettyPipeline;

/**
 * The fan-out core's view of one Server-Sent Events stream on Reactor Netty. Spring writes the
 * response's status, headers and first bytes (the {@code retry:} line), so the application's
 * filters and their headers apply; from {@link #start} on, each event's SSE form, built once
 * ({@link TextFrame#sse}), is written to the connection's channel as the response's next chunk. The
 * response's body ends when {@link #endOfBody()} completes: Reactor Netty then writes the last chunk.
 *
 * <p>On HTTP/1.1, where the response is chunked and nothing between Netty's HTTP codec and the end
 * of the pipeline changes what is written (no compression, no metrics or access log counting
 * bytes), a connection's share of a batch is framed as one HTTP chunk here and written below the
 * codec: one buffer and one system call, where the codec makes three buffers of each chunk (its
 * size, the bytes, the line end) and Reactor Netty's handlers look at each. Elsewhere (HTTP/2, any
 * such handler) chunks go through the whole pipeline ({@link #belowCodec}).
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

    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * The handlers that may sit between the HTTP codec and the end of the pipeline when chunks are
     * written below the codec: none of them looks at the body's bytes on their way out.
     */
    private static final Set<String> PASS_THROUGH =
            Set.of(NettyPipeline.HttpTrafficHandler, NettyPipeline.ReactiveBridge, NettyPipeline.IdleTimeoutHandler);

    /** A heartbeat at least every 15 s: below the idle timeouts of proxies (often 30 s). */
    static final long HEARTBEAT_INTERVAL_NANOS = 15_000_000_000L;

    private final ChannelWriter writer;
    private final Sinks.Empty<Void> end = Sinks.empty();
    private final CompletableFuture<Void> closeSent = new CompletableFuture<>();
    private volatile Connection<TextFrame> connection;

    /**
     * Where pre-framed chunks enter the pipeline: the HTTP codec's context, or {@code null} when
     * chunks go through the whole pipeline as {@link DefaultHttpContent}. Set once, in {@link
     * #start}, under {@code this}; read by senders after their own check under {@code this}.
     */
    private ChannelHandlerContext belowCodec;

    // Guarded by this.
    private List<byte[]> beforeStart = new ArrayList<>();
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

    /**
     * Starts writing: what the core sent since it admitted the stream goes out now. {@code chunked}:
     * the response's headers say {@code Transfer-Encoding: chunked}. Call on the event loop.
     */
    void start(Connection<TextFrame> admitted, boolean chunked) {
        synchronized (this) {
            connection = admitted;
            belowCodec = chunked ? codecWithNothingAfterIt(writer.channel().pipeline()) : null;
            List<byte[]> waiting = beforeStart;
            beforeStart = null;
            if (closing) {
                finish();
                return;
            }
            // Scheduled under the lock: a send that finds the stream started schedules after it.
            if (!waiting.isEmpty()) {
                writeChunk(waiting.toArray(new byte[0][]), beforeStartBytes, null);
            }
        }
    }

    /** The HTTP/1.1 codec's context when only {@link #PASS_THROUGH} handlers follow it, else {@code null}. */
    private static ChannelHandlerContext codecWithNothingAfterIt(ChannelPipeline pipeline) {
        ChannelHandlerContext codec = pipeline.context(NettyPipeline.HttpCodec);
        if (codec == null || !(codec.handler() instanceof HttpServerCodec)) {
            return null; // HTTP/2, or a pipeline Herald does not know
        }
        boolean after = false;
        for (Map.Entry<String, ChannelHandler> handler : pipeline) {
            if (after && !PASS_THROUGH.contains(handler.getKey())) {
                return null;
            }
            after |= handler.getKey().equals(NettyPipeline.HttpCodec);
        }
        return codec;
    }

    /**
     * Writes {@code parts} as the response's next chunk, framed here and written below the codec
     * when {@link #belowCodec} allows, else through the pipeline; see {@link ChannelWriter#write}.
     */
    private boolean writeChunk(byte[][] parts, long weight, Runnable afterwards) {
        ChannelHandlerContext codec = belowCodec;
        if (codec == null) {
            return writer.write(List.of(new DefaultHttpContent(Unpooled.wrappedBuffer(parts))), weight, afterwards);
        }
        byte[] chunk = chunk(parts);
        return writer.write(codec, List.of(Unpooled.wrappedBuffer(chunk)), weight, afterwards);
    }

    /**
     * {@code parts} as one chunk of a chunked HTTP body: the size in hex, a line end, the bytes, a
     * line end. One array: Netty copies a heap buffer to a direct one before writing, and one copy
     * of one array costs less than gathering the parts of a composite buffer. The size's digits are
     * written in place, without a string per chunk.
     */
    static byte[] chunk(byte[][] parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        int digits = Math.max(1, (Integer.SIZE - Integer.numberOfLeadingZeros(size) + 3) / 4);
        byte[] chunk = new byte[digits + CRLF.length + size + CRLF.length];
        for (int i = digits - 1, rest = size; i >= 0; i--, rest >>>= 4) {
            chunk[i] = (byte) HEX_DIGITS[rest & 0xF];
        }
        System.arraycopy(CRLF, 0, chunk, digits, CRLF.length);
        int at = digits + CRLF.length;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, chunk, at, part.length);
            at += part.length;
        }
        System.arraycopy(CRLF, 0, chunk, at, CRLF.length);
        return chunk;
    }

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

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
        synchronized (this) {
            if (closing) {
                return false;
            }
            if (beforeStart != null) {
                beforeStart.addAll(List.of(events));
                beforeStartBytes += weight;
                return true;
            }
        }
        return writeChunk(events, weight, null);
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
            writeChunk(new byte[][] {HEARTBEAT}, HEARTBEAT.length, null);
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
        if (!writeChunk(new byte[][] {reason}, reason.length, this::finish)) {
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
