package dev.herald.runtime.fanout;

/**
 * A snapshot of one admitted connection, for monitoring and tests.
 *
 * @param id the connection's number in this fan-out, from 1
 * @param principal what the authenticator returned
 * @param queuedBytes bytes queued and not yet written, as last measured
 * @param delivered event frames queued for it
 * @param dropped events dropped because it was over its byte budget
 * @param resyncs {@code $resync} frames sent to it
 * @param overBudget whether it is currently dropping events
 */
public record ConnectionStats(
        long id, Object principal, long queuedBytes, long delivered, long dropped, long resyncs, boolean overBudget) {}
