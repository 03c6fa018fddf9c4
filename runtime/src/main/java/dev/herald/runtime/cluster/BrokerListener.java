package dev.herald.runtime.cluster;

/**
 * The fan-out core's side of a {@link Broker}: what the adapter tells it. Calls come from the
 * adapter's threads, one at a time per broker, in stream order; each returns quickly (it only hands
 * off).
 */
public interface BrokerListener {
    /**
     * The stream can be read (at start, and again after an outage): from now on the core delivers
     * what {@link #received} hands it and publishes its own events without delivering them.
     *
     * @param epoch the stream's numbering: it changes when the broker lost its data; letters,
     *     digits, {@code .}, {@code _} and {@code :}
     * @param afterSeq the seq of the entry just before the next one {@link #received} hands over; the
     *     core knows nothing of the entries up to it
     */
    void streaming(String epoch, long afterSeq);

    /**
     * An entry of the stream, in stream order: any node's, this node's own included (but for those
     * it published as delivered here).
     *
     * @param seq its place in the epoch's numbering, greater than the last one's
     * @param tsMillis when it was appended, for the core's max age
     */
    void received(String epoch, long seq, long tsMillis, byte[] envelope);

    /**
     * Entries may have been lost (a sequence jump, the broker restarted without its data, a node
     * that could not publish, an outage): every client gets {@code $resync}, and a client resuming
     * from before now cannot be served.
     *
     * @param reason what happened, for the log
     */
    void gap(String reason);

    /**
     * The stream cannot be read: until {@link #streaming} again, the core delivers its own events
     * itself, under a numbering of its own.
     *
     * @param reason what happened, for the log
     */
    void unavailable(String reason);

    /** How many of the stream's latest entries the core keeps for resuming: what {@link Broker#start} reads. */
    default int retainedEvents() {
        return 0;
    }
}
