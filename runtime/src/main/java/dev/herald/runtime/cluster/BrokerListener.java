package dev.herald.runtime.cluster;

/**
 * The fan-out core's side of a {@link Broker}: what the adapter tells it. Calls may come from the
 * adapter's own threads, one at a time per broker; each returns quickly (it only hands off).
 */
public interface BrokerListener {
    /** An envelope another node emitted, in that node's emit order. */
    void received(byte[] envelope);

    /**
     * Events from other nodes may have been lost (a sequence jump, the broker restarted without its
     * data, a resume point trimmed away, an outage): every local client gets {@code $resync}.
     *
     * @param reason what happened, for the log
     */
    void gap(String reason);
}
