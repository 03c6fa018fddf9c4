package dev.herald.jakarta;

import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.DrainableTransport;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.TextFrame;
import dev.herald.runtime.internal.WebSocketFrames;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out core's view of one connection Herald took over from the container with a Servlet
 * HTTP upgrade: Herald speaks WebSocket on it itself. It writes each event's finished frame, the
 * same bytes for every connection, and whatever waits for a connection in one gathering write (one
 * system call where the container's Jakarta WebSocket would encode, frame and send each event on
 * its own). Client frames are parsed by Java-WebSocket's RFC 6455 draft; Herald reads nothing from
 * them but that the client is alive, and answers pings and the close handshake.
 *
 * <p>Threading rules: {@link #send} and {@link #ping} run on the connection's fan-out lane, {@link
 * #close} there or on any thread, {@link #received} on the container's reading thread, and write
 * completions on whichever thread the container completes them. The waiting frames, the
 * outstanding write and the closing state are guarded by {@code this}. One write is outstanding at
 * a time; the next starts from the completion of the last. A completion that arrives inline (the
 * socket took everything at once) only records itself and the writing loop goes on, so a long queue
 * never deepens the stack. Closing the socket happens outside the lock, on the endpoint's closing
 * thread.
 */
final class UpgradeTransport implements DrainableTransport<TextFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeTransport.class);

    /** Frames gathered into one write at most; well under every platform's IOV_MAX. */
    private static final int MAX_BUFFERS = 128;

    /** Bytes gathered into one write at most: more than a socket's send buffer takes at once. */
    private static final int MAX_BYTES = 256 * 1024;

    private final FanOut<TextFrame>.Ticket ticket;
    private final ConnectionHooks hooks;
    /** Parses client frames and keeps one that arrived in pieces; the container's reading thread only. */
    private final Draft_6455 reader;
    /** The client closed or broke the protocol: nothing more is parsed. The reading thread only. */
    private boolean doneReading;

    private volatile FrameSocket socket;
    /** Set once admitted; read by the reading thread for {@code seen()}. */
    private volatile Connection<TextFrame> connection;

    // Guarded by this.
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private long writingBytes;
    /** A write is outstanding. */
    private boolean writing;
    /** The writing loop runs on this thread; a completion on it arrived inline. */
    private Thread writingThread;

    private boolean completedInline;
    private boolean failed;
    /** The close frame is queued or written: nothing follows it. */
    private boolean closeQueued;
    /** The client's close frame arrived. */
    private boolean clientClosed;

    private boolean ended;
    /** Completes once the close frame went out or the connection ended (see {@link #closeWhenSent}). */
    private final CompletableFuture<Void> closeSent = new CompletableFuture<>();

    private final FrameSocket.WriteDone writeDone = new FrameSocket.WriteDone() {
        @Override
        public void written() {
            completed(null);
        }

        @Override
        public void failed(Throwable error) {
            completed(error);
        }
    };

    UpgradeTransport(FanOut<TextFrame>.Ticket ticket, ConnectionHooks hooks, int maxClientFrameBytes) {
        this.ticket = ticket;
        this.hooks = hooks;
        this.reader = new Draft_6455(List.of(), maxClientFrameBytes);
    }

    /** What the endpoint provides every upgraded connection: its threads and its list of them. */
    interface ConnectionHooks {
        /** Runs a task that may block in the container (closing a socket). */
        void runClosing(Runnable task);

        /** Runs a task after a delay (the wait for the client's answer to a close frame). */
        void schedule(Runnable task, long delayMillis);

        void opened(UpgradeTransport transport);

        void ended(UpgradeTransport transport);

        /** How long a client may take to answer a close frame before its connection is dropped. */
        long closeGraceMillis();
    }

    /**
     * Starts on the socket the container handed over: asks the core to admit the connection (which
     * closes it with its reason when refused).
     */
    void start(FrameSocket upgraded) {
        writeTo(upgraded);
        Connection<TextFrame> admitted = ticket.open(this);
        if (admitted == null) {
            return;
        }
        connection = admitted;
        hooks.opened(this);
        boolean endedMeanwhile;
        synchronized (this) {
            endedMeanwhile = ended;
        }
        if (endedMeanwhile) {
            released(); // it ended while the core admitted it
        }
    }

    /** The socket frames go to; set before anything is sent. */
    void writeTo(FrameSocket upgraded) {
        socket = upgraded;
    }

    @Override
    public boolean send(List<TextFrame> frames) {
        synchronized (this) {
            if (failed || closeQueued || ended) {
                return false;
            }
            for (TextFrame frame : frames) {
                enqueue(frame.wire());
            }
            writeWaiting();
        }
        return true;
    }

    /** Caller holds this. */
    private void enqueue(byte[] frame) {
        waiting.add(frame);
        waitingBytes += frame.length;
    }

    /**
     * Writes what waits, a gathering write at a time, until one stays outstanding or nothing waits;
     * then, once the close frame went out, arranges the end. Caller holds this.
     */
    private void writeWaiting() {
        while (!writing && !failed && !ended && !waiting.isEmpty()) {
            ByteBuffer[] buffers = takeWaiting();
            writing = true;
            writingThread = Thread.currentThread();
            completedInline = false;
            try {
                socket.write(buffers, writeDone);
            } catch (RuntimeException e) {
                completed(e);
            }
            boolean inline = completedInline;
            writingThread = null;
            if (!inline) {
                return; // the completion goes on, on the container's thread
            }
        }
        if (!writing && waiting.isEmpty() && closeQueued && !closeSent.isDone() && !failed) {
            closeFrameWritten();
        }
    }

    /** The head of the waiting frames and those behind it, up to the gathering bounds. Caller holds this. */
    private ByteBuffer[] takeWaiting() {
        int count = 0;
        long bytes = 0;
        for (byte[] frame : waiting) {
            if (count == MAX_BUFFERS || (count > 0 && bytes + frame.length > MAX_BYTES)) {
                break;
            }
            count++;
            bytes += frame.length;
        }
        ByteBuffer[] buffers = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            buffers[i] = ByteBuffer.wrap(waiting.poll()); // a view per write: the frame's bytes are shared
        }
        waitingBytes -= bytes;
        writingBytes = bytes;
        return buffers;
    }

    private void completed(Throwable error) {
        synchronized (this) {
            writing = false;
            writingBytes = 0;
            if (error != null) {
                fail(error);
                return;
            }
            if (writingThread == Thread.currentThread()) {
                completedInline = true; // the writing loop on this thread goes on
                return;
            }
            writeWaiting();
        }
    }

    /** Caller holds this. */
    private void fail(Throwable error) {
        if (!failed) {
            failed = true;
            LOG.debug("Writing to an upgraded connection failed", error);
        }
        waiting.clear();
        waitingBytes = 0;
        endSoon();
    }

    @Override
    public synchronized long queuedBytes() {
        return waitingBytes + writingBytes;
    }

    /** A ping, unless frames are waiting or in flight (it would only queue behind them) or it is closing. */
    @Override
    public synchronized void ping() {
        if (!writing && waiting.isEmpty() && !closeQueued && !failed && !ended) {
            enqueue(WebSocketFrames.ping());
            writeWaiting();
        }
    }

    @Override
    public void close(Disconnect disconnect) {
        closeWith(disconnect.code(), disconnect.reason());
    }

    /**
     * Closes with {@code disconnect} after the frames queued so far, so a client that reads gets
     * them and then its close frame. The future completes once the close frame went out (or the
     * connection ended). A second close while the close frame still waits drops the frames before
     * it, so a client that reads gets its close frame at once; a client that does not read is
     * dropped after the grace time, counted from the first close.
     */
    @Override
    public CompletableFuture<Void> closeWhenSent(Disconnect disconnect) {
        closeWith(disconnect.code(), disconnect.reason());
        return closeSent;
    }

    private synchronized void closeWith(int code, String reason) {
        if (ended) {
            return;
        }
        if (closeQueued) {
            if (!waiting.isEmpty()) {
                byte[] closeFrame = waiting.peekLast(); // nothing is queued after the close frame
                waiting.clear();
                waitingBytes = 0;
                enqueue(closeFrame);
            }
            return;
        }
        closeQueued = true;
        enqueue(WebSocketFrames.close(code, reason));
        hooks.schedule(this::endSoonLocked, hooks.closeGraceMillis());
        writeWaiting();
    }

    /** The close frame went out: a client that already sent its own is done, another answers it. Caller holds this. */
    private void closeFrameWritten() {
        closeSent.complete(null);
        if (clientClosed) {
            endSoon();
        }
    }

    private synchronized void endSoonLocked() {
        endSoon();
    }

    /** Closes the socket on the endpoint's closing thread. Caller holds this. */
    private void endSoon() {
        if (ended) {
            return;
        }
        ended = true;
        closeSent.complete(null);
        FrameSocket closing = socket;
        hooks.runClosing(() -> {
            if (closing != null) {
                try {
                    closing.close();
                } catch (RuntimeException e) {
                    LOG.debug("Closing an upgraded connection failed", e);
                }
            }
            released();
        });
    }

    /** The connection is over (closed here, or by the container): out of the core and the endpoint. */
    void released() {
        synchronized (this) {
            ended = true;
            waiting.clear();
            waitingBytes = 0;
            closeSent.complete(null);
        }
        Connection<TextFrame> admitted = connection;
        if (admitted != null) {
            admitted.remove();
        }
        hooks.ended(this);
    }

    /**
     * What the client sent: it is alive; pings are answered and its close frame too. Returns false
     * once nothing more will be read (the client broke the protocol, or closed): from then on what
     * arrives is dropped unread, and the container's adapter only goes on draining the socket.
     */
    boolean received(ByteBuffer data) {
        if (doneReading) {
            return false;
        }
        doneReading = !read(data);
        return !doneReading;
    }

    private boolean read(ByteBuffer data) {
        List<Framedata> frames;
        try {
            frames = reader.translateFrame(data);
        } catch (InvalidDataException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage();
            Connection<TextFrame> admitted = connection;
            if (admitted != null) {
                admitted.brokeProtocol(e.getCloseCode(), reason);
            }
            closeWith(e.getCloseCode(), reason);
            return false;
        }
        Connection<TextFrame> admitted = connection;
        if (admitted != null && !frames.isEmpty()) {
            admitted.seen();
        }
        for (Framedata frame : frames) {
            switch (frame.getOpcode()) {
                case PING -> answerPing(frame.getPayloadData());
                case CLOSING -> {
                    answerClose((CloseFrame) frame);
                    return false;
                }
                default -> {
                    // Text, binary, continuation, pong: Herald reads nothing from clients but that they are alive.
                }
            }
        }
        return true;
    }

    private synchronized void answerPing(ByteBuffer payload) {
        if (!closeQueued && !failed && !ended) {
            byte[] bytes = new byte[payload.remaining()];
            payload.duplicate().get(bytes);
            enqueue(WebSocketFrames.pong(bytes));
            writeWaiting();
        }
    }

    /** The client's close: the end when it answers ours, else our answer and then the end. */
    private void answerClose(CloseFrame close) {
        synchronized (this) {
            clientClosed = true;
            if (closeSent.isDone()) {
                endSoon();
                return;
            }
        }
        int code = close.getCloseCode();
        closeWith(code == CloseFrame.NOCODE ? CloseFrame.NORMAL : code, "");
    }
}
