package dev.herald.runtime.fanout;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

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

    /**
     * Drains {@code transports}: each closes with {@code disconnect} after what is queued for it,
     * waiting up to {@code timeout} for the closes; those not done by then (clients that stopped
     * reading) are closed at once. Called by an endpoint's stop, after the core refuses new
     * connections.
     */
    static void drain(Collection<? extends DrainableTransport<?>> transports, Disconnect disconnect, Duration timeout) {
        Map<DrainableTransport<?>, CompletableFuture<Void>> closes = new HashMap<>();
        for (DrainableTransport<?> transport : transports) {
            closes.put(transport, transport.closeWhenSent(disconnect));
        }
        try {
            CompletableFuture.allOf(closes.values().toArray(CompletableFuture[]::new))
                    .get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LoggerFactory.getLogger(DrainableTransport.class)
                    .debug("Not every connection closed within {}", timeout, e);
        }
        closes.forEach((transport, closed) -> {
            if (!closed.isDone()) {
                transport.close(disconnect);
            }
        });
    }
}
