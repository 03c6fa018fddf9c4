package dev.herald.runtime.json;

import dev.herald.runtime.EventType;

/**
 * An event read back from its wire envelope.
 *
 * @param type the event's type
 * @param event the decoded record
 * @param ts the envelope's timestamp, epoch milliseconds
 */
public record ReceivedEvent(EventType<?> type, Record event, long ts) {}
