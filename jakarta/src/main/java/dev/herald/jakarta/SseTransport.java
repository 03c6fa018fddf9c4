package dev.herald.jakarta;

import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.DrainableTransport;
import dev.herald.runtime.fanout.TextFrame;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out core's view of one Server-Sent Events stream: an asynchronous servlet response
 * written with the Servlet API's non-blocking output. Each event's SSE form is built once ({@link
 * TextFrame#sse}) and shared; what waits for this stream is written while the container says it
 * can take more ({@code isReady}), joined into writes of up to {@link #MAX_WRITE} bytes, then
 * flushed, and the rest when it calls {@link #onWritePossible}. Queued bytes are what waits here,
 * counted as the byte budget counts a frame (its envelope's size, as on every transport); handed to
 * the container and not yet written is at most its output buffer.
 *
 * <p>Before the stream starts (the core may refuse the connection in {@code open}), a close only
 * records the refusal: the servlet answers it with an HTTP status. SSE has no close frame: once
 * started, a close ends the response, and a client that reads gets a comment saying why.
 *
 * <p>Threading rules: {@link #send}, {@link #ping} and {@link #close} come from the connection's
 * fan-out lane or any thread, {@link #onWritePossible} and the listener's callbacks from the
 * container's threads. Everything that touches the output stream, and the state, is guarded by
 * {@code this}, so the container never sees two writers at once (the Servlet API allows writes from
 * any thread, one at a time). Frames the core sends between the connection's admission and {@link
 * #start} wait; the output is asked {@code isReady} only once the write listener is set (a
 * container refuses before), and a close in that window ends the stream as it starts.
 */
final class SseTransport implements DrainableTransport<TextFrame>, WriteListener, AsyncListener {
    private static final Logger LOG = LoggerFactory.getLogger(SseTransport.class);
    /** A comment line: proxies see traffic, the client ignores it. */
    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Consumer<SseTransport> ended;

    // Guarded by this.
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private AsyncContext async;
    private ServletOutputStream out;
    /**
     * The write listener is set: only from then on may the output be asked {@code isReady} (before,
     * a container refuses: the stream is not yet non-blocking).
     */
    private boolean listening;

    private Connection<TextFrame> connection;
    private Disconnect refusal;
    private boolean unflushed;
    /** The last bytes are queued: once written, the response ends. */
    private boolean closing;

    private boolean done;
    private final CompletableFuture<Void> closeSent = new CompletableFuture<>();

    /** @param ended told once the stream ended, whatever ended it */
    SseTransport(Consumer<SseTransport> ended) {
        this.ended = ended;
    }

    /**
     * Why the core refused the connection in {@code open}, or {@code null}; also set by a close
     * that comes between its admission and {@link #start}, which then ends the stream at once.
     */
    synchronized Disconnect refusal() {
        return refusal;
    }

    /**
     * Starts the stream: what the core queued since it admitted the connection goes out after
     * {@code preamble}, and the container calls {@link #onWritePossible} from now on. Call from the
     * servlet's request thread, after {@code startAsync} and the response headers.
     */
    void start(Connection<TextFrame> admitted, AsyncContext context, byte[] preamble) throws IOException {
        ServletOutputStream stream = context.getResponse().getOutputStream();
        synchronized (this) {
            connection = admitted;
            async = context;
            out = stream;
            waiting.addFirst(new Pending(preamble, preamble.length));
            waitingBytes += preamble.length;
            context.addListener(this);
        }
        // Outside the lock: the container may call onWritePossible from its own thread meanwhile,
        // which takes the lock. Whatever waits is written once the listener is set.
        stream.setWriteListener(this);
        synchronized (this) {
            listening = true;
            if (refusal != null) { // closed between its admission and here
                waiting.clear();
                waitingBytes = 0;
                end();
                return;
            }
            writeWaiting();
        }
    }

    @Override
    public synchronized boolean send(List<TextFrame> frames) {
        if (done || closing) {
            return false;
        }
        for (TextFrame frame : frames) {
            waiting.add(new Pending(frame.sse(), frame.bytes()));
            waitingBytes += frame.bytes();
        }
        writeWaiting();
        return true;
    }

    @Override
    public synchronized long queuedBytes() {
        return waitingBytes;
    }

    /** A heartbeat comment, unless bytes are waiting (which would only queue it behind them). */
    @Override
    public synchronized void ping() {
        if (!done && !closing && waiting.isEmpty()) {
            waiting.add(new Pending(HEARTBEAT, HEARTBEAT.length));
            waitingBytes += HEARTBEAT.length;
            writeWaiting();
        }
    }

    /** A heartbeat at least every 15 s: below the idle timeouts of proxies and containers (often 30 s). */
    @Override
    public long maxPingIntervalNanos() {
        return HEARTBEAT_INTERVAL_NANOS;
    }

    static final long HEARTBEAT_INTERVAL_NANOS = 15_000_000_000L;

    /** Before the stream: records the refusal for the servlet. After: ends it now. */
    @Override
    public synchronized void close(Disconnect disconnect) {
        if (out == null) {
            refusal = disconnect;
            return;
        }
        waiting.clear();
        waitingBytes = 0;
        end();
    }

    /** Ends the stream once what is queued, and a comment with the reason, went out. */
    @Override
    public synchronized CompletableFuture<Void> closeWhenSent(Disconnect disconnect) {
        if (out == null || done) {
            if (out == null) {
                refusal = disconnect;
            }
            closeSent.complete(null);
            return closeSent;
        }
        if (!closing) {
            byte[] reason = (": closed " + disconnect.code() + " " + disconnect.reason() + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            waiting.add(new Pending(reason, reason.length));
            waitingBytes += reason.length;
            closing = true;
            writeWaiting();
        }
        return closeSent;
    }

    @Override
    public synchronized void onWritePossible() {
        writeWaiting();
    }

    /**
     * Writes what waits while the container takes it, then flushes. Bytes the container took in
     * full show the client is reading: {@code seen}. Caller holds this.
     */
    private void writeWaiting() {
        if (!listening || done) {
            return; // not started: start() writes what waits
        }
        try {
            while (out.isReady()) {
                if (!waiting.isEmpty()) {
                    out.write(takeWaiting());
                    unflushed = true;
                } else if (unflushed) {
                    unflushed = false;
                    out.flush();
                } else {
                    connection.seen();
                    if (closing) {
                        end();
                    }
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Writing to an event stream failed", e);
            waiting.clear();
            waitingBytes = 0;
            end();
        }
    }

    /**
     * What waits, up to {@link #MAX_WRITE} bytes (and at least one frame), in one array: one write
     * per batch, where a write per frame cost the container's readiness check and its own for each
     * (Tomcat's {@code isReady} takes a lock and allocates). Caller holds this.
     */
    private byte[] takeWaiting() {
        Pending first = waiting.poll();
        waitingBytes -= first.weight();
        int length = first.bytes().length;
        int count = 0; // of the frames behind it that fit
        for (Pending pending : waiting) {
            if (length + pending.bytes().length > MAX_WRITE) {
                break;
            }
            length += pending.bytes().length;
            count++;
        }
        if (count == 0) {
            return first.bytes();
        }
        byte[] joined = new byte[length];
        System.arraycopy(first.bytes(), 0, joined, 0, first.bytes().length);
        int at = first.bytes().length;
        for (int i = 0; i < count; i++) {
            Pending pending = waiting.poll();
            waitingBytes -= pending.weight();
            System.arraycopy(pending.bytes(), 0, joined, at, pending.bytes().length);
            at += pending.bytes().length;
        }
        return joined;
    }

    /**
     * The most bytes joined into one write: about a container's output buffer (8 KiB on Tomcat and
     * Jetty), so what is handed over and not counted in {@link #queuedBytes} stays what it was.
     */
    static final int MAX_WRITE = 8 * 1024;

    @Override
    public synchronized void onError(Throwable error) {
        LOG.debug("An event stream failed", error);
        waiting.clear();
        waitingBytes = 0;
        end();
    }

    /** Ends the response and takes the connection out of the fan-out, once. Caller holds this. */
    private void end() {
        if (done) {
            return;
        }
        done = true;
        closeSent.complete(null);
        connection.remove();
        ended.accept(this);
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // completed already: the container ended it
        }
    }

    /** Bytes waiting to be written, and what they count for in {@link #queuedBytes}. */
    private record Pending(byte[] bytes, int weight) {}

    // AsyncListener: the container ended the request (the client went away, an error, a timeout).

    @Override
    public void onComplete(AsyncEvent event) {
        synchronized (this) {
            end();
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        synchronized (this) {
            end();
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // the stream's own start is start()
    }
}
