package dev.herald.runtime.fanout;

import java.util.concurrent.CompletableFuture;

/**
 * A transport its endpoint drains at stop: the frames queued for the connection first, then the
 * close, so that clients reconnect elsewhere having missed nothing.
 *
 * @param <F> the transport's wire form of one frame
 */
public interface DrainableTransport<F> extends Transport<F> {
    /**
     * Closes with {@code disconnect} after the frames queued so far; the future completes once the
     * close went out. A client that stopped reading may never let it: {@link #close} then ends it.
     */
    CompletableFuture<Void> closeWhenSent(Disconnect disconnect);
}
