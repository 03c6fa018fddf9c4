package dev.herald.runtime.fanout;

import java.util.List;

/**
 * One client connection as the fan-out core sees it: write-only. A transport adapter
 * (Java-WebSocket, Jakarta WebSocket, later SSE) implements it per connection, keeps what it reads
 * to itself, and tells the core when the client showed it is alive ({@link FanOut.Connection#seen}).
 *
 * <p>The core calls these methods from the connection's fan-out lane (one thread per lane, see
 * {@link FanOut}), except {@link #close}, which {@link FanOut.Ticket#open} may call on the adapter's
 * thread to refuse a connection. Liveness is the core's: its sweep pings each connection every
 * ping interval and closes one silent for the idle timeout with {@link Disconnect#IDLE}; a transport
 * only says how it pings.
 *
 * @param <F> the transport's wire form of one frame (see {@link WireFormat}), built once per event
 *     and shared by every connection
 */
public interface Transport<F> {
    /**
     * Queues frames, in order, as one write where the transport can; returns false when the
     * connection is gone. Must not block. The list is the core's and reused after the call: copy
     * what you keep.
     */
    boolean send(List<F> frames);

    /** Bytes queued for this connection and not yet written to the socket. */
    long queuedBytes();

    /**
     * Asks the client for a sign of life (a WebSocket ping; a transport whose clients cannot answer
     * writes something harmless instead). Must not block. A transport may skip it while frames are
     * waiting, which a ping would only queue behind.
     */
    void ping();

    /**
     * The longest this transport may go without {@link #ping}, whatever the endpoint's ping
     * interval: an event stream's heartbeat must come more often than the idle timeouts of proxies
     * and containers (often 30 s). Default: no bound of its own.
     */
    default long maxPingIntervalNanos() {
        return Long.MAX_VALUE;
    }

    /**
     * Closes the connection with the disconnect's close code and reason. A client that does not
     * answer the close is dropped by the transport after a short grace time.
     */
    void close(Disconnect disconnect);
}
