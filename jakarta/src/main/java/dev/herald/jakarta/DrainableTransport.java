package dev.herald.jakarta;

import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.Transport;
import java.util.concurrent.CompletableFuture;

/** A transport the endpoint drains at stop: its queued frames first, then the close. */
interface DrainableTransport extends Transport<TextFrame> {
    /**
     * Closes with {@code disconnect} after the frames queued so far; the future completes once the
     * close went out. A client that stopped reading may never let it: {@link #close} then ends it.
     */
    CompletableFuture<Void> closeWhenSent(Disconnect disconnect);
}
