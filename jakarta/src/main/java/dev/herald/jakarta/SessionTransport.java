package dev.herald.jakarta;

import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.DrainableTransport;
import dev.herald.runtime.fanout.TextFrame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out core's view of one Jakarta WebSocket session. Sending never blocks the fan-out lane:
 * frames wait in a queue of their own, and one asynchronous send is outstanding at a time, the next
 * one started from the completion of the last ({@link RemoteEndpoint.Async} allows no more). A send
 * is one frame through the Jakarta API, or, on Jetty, every frame that waits, built once and
 * written together through Jetty's core session (see {@link SessionSender}).
 *
 * <p>Threading rules: {@link #send} runs on the connection's fan-out lane and only queues; the
 * sending loop starts on {@code writer} (containers often complete a send inline, writing the
 * socket in the calling thread, so the loop must not run on the lane: one thread would do every
 * session's writes) and goes on from each completion, on a container thread. The queue, the
 * in-flight flag and the byte count are guarded by {@code this}. A completion that arrives inline
 * only records itself, and the sending loop goes on, so a long queue never deepens the stack.
 * {@link #close} may block in the container (a close frame to a client that does not read), so it
 * runs on {@code closer}. At stop, {@link #closeWhenSent} lets the loop send what is queued and
 * close after it, so no close races a send.
 */
final class SessionTransport implements DrainableTransport<TextFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTransport.class);

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final SessionSender sender;
    private final Executor writer;
    private final Executor closer;

    /** Set once admitted; read by the endpoint's close callback. */
    volatile Connection<TextFrame> connection;

    private final ArrayDeque<TextFrame> queue = new ArrayDeque<>();
    /** Bytes handed to this transport and not yet completed by the container. */
    private long queuedBytes;
    /** A send is outstanding. */
    private boolean sending;
    /** The thread inside {@code sendText}, while it is; lets a completion tell it arrived inline. */
    private Thread sendingThread;
    /** The outstanding send completed inline; the sending loop goes on. */
    private boolean completedInline;

    private boolean failed;
    /** Set by {@link #closeWhenSent}: the close that follows the frames queued before it. */
    private Disconnect closing;
    /** Completes once the close has been handed to the container (see {@link #closeWhenSent}). */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    Session session() {
        return session;
    }

    SessionTransport(Session session, Executor writer, Executor closer) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.sender = SessionSender.of(session);
        this.writer = writer;
        this.closer = closer;
    }

    @Override
    public boolean send(List<TextFrame> frames) {
        synchronized (this) {
            if (failed || closing != null || !session.isOpen()) {
                return false;
            }
            for (TextFrame frame : frames) {
                queue.add(frame);
                queuedBytes += frame.bytes();
            }
            if (sending) {
                return true;
            }
            sending = true;
        }
        writer.execute(this::pump);
        return true;
    }

    /**
     * Sends queued frames one at a time until one stays outstanding or the queue is empty; then,
     * after {@link #closeWhenSent}, the close.
     */
    private void pump() {
        while (true) {
            List<TextFrame> next;
            synchronized (this) {
                next = failed ? List.of() : takeQueued();
                if (next.isEmpty()) {
                    sending = false;
                    if (closing != null) {
                        closeAfterSends(closing);
                    }
                    return;
                }
                sendingThread = Thread.currentThread();
                completedInline = false;
            }
            try {
                sender.send(next, result -> completed(next, result));
            } catch (RuntimeException e) {
                completed(next, new SendResult(e));
            }
            synchronized (this) {
                if (sendingThread != Thread.currentThread() || !completedInline) {
                    // The completion came on another thread, which goes on (and may own the loop now).
                    if (sendingThread == Thread.currentThread()) {
                        sendingThread = null;
                    }
                    return;
                }
                sendingThread = null;
            }
        }
    }

    /** The frames of the next send: as many as the sender takes at once. Caller holds this. */
    private List<TextFrame> takeQueued() {
        if (queue.isEmpty()) {
            return List.of();
        }
        if (sender.maxFrames() == 1) {
            return List.of(queue.poll());
        }
        List<TextFrame> frames = new ArrayList<>();
        long bytes = 0;
        while (!queue.isEmpty()
                && frames.size() < sender.maxFrames()
                && (frames.isEmpty() || bytes + queue.peek().bytes() <= SessionSender.MAX_BYTES)) {
            TextFrame frame = queue.poll();
            bytes += frame.bytes();
            frames.add(frame);
        }
        return frames;
    }

    private void completed(List<TextFrame> frames, SendResult result) {
        boolean inline;
        synchronized (this) {
            for (TextFrame frame : frames) {
                queuedBytes -= frame.bytes();
            }
            if (!result.isOK()) {
                failed = true;
                queue.clear();
                queuedBytes = 0;
            }
            inline = sendingThread == Thread.currentThread();
            if (inline) {
                completedInline = true;
            }
        }
        if (!result.isOK()) {
            LOG.debug("Send to session {} failed", session.getId(), result.getException());
        }
        if (!inline) {
            pump(); // on the container's completion thread: handing it back to writer costs more (measured)
        }
    }

    @Override
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** Whether frames are waiting or in flight: such a session is not idle, and a ping would queue. */
    synchronized boolean busy() {
        return sending;
    }

    /** The client showed it is alive (a message, a pong). */
    void seen() {
        Connection<TextFrame> admitted = connection;
        if (admitted != null) {
            admitted.seen();
        }
    }

    /**
     * A ping, unless frames are waiting or in flight (it would only queue behind them). Sent from
     * {@code closer}, not the calling lane: containers send pings blocking (Tomcat up to its
     * blocking-send timeout), and a client whose socket buffer is full would hold the lane.
     */
    @Override
    public void ping() {
        if (busy()) {
            return;
        }
        closer.execute(() -> {
            try {
                remote.sendPing(ByteBuffer.allocate(0));
            } catch (IOException | RuntimeException e) {
                LOG.debug("Ping to session {} failed", session.getId(), e);
            }
        });
    }

    @Override
    public void close(Disconnect disconnect) {
        closer.execute(() -> closeNow(disconnect));
    }

    /**
     * Closes with {@code disconnect} once the frames queued so far have been sent, so that a client
     * that reads gets them and then its close frame; later frames are refused. Containers must not
     * get a close while a send is outstanding: Tomcat then waits for the send only up to its
     * blocking-send timeout and drops the connection without a close frame. The returned future
     * completes once the close was handed to the container; for a client that stopped reading it
     * never does, and the caller closes it with {@link #closeNow} when it has waited long enough.
     */
    @Override
    public CompletableFuture<Void> closeWhenSent(Disconnect disconnect) {
        synchronized (this) {
            if (closing != null) {
                return closed;
            }
            closing = disconnect;
            if (sending && !failed) {
                return closed; // the sending loop closes once the queue is empty
            }
            sending = true; // no loop may start from here on
        }
        closeAfterSends(disconnect);
        return closed;
    }

    /** The close after the last send, on {@code closer}: it may block in the container. */
    private void closeAfterSends(Disconnect disconnect) {
        closer.execute(() -> {
            closeNow(disconnect);
            closed.complete(null);
        });
    }

    void closeNow(Disconnect disconnect) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(disconnect.code()), disconnect.reason()));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing session {} failed", session.getId(), e);
        }
    }
}
