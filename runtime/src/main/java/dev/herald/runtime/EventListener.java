package dev.herald.runtime;

/** Receives events by name or all events, with their type: {@code (type, event) -> ...}. */
@FunctionalInterface
public interface EventListener {
    /**
     * Called synchronously on the emitting thread.
     *
     * @param type the event's type; {@code type.cast(event)} gives the typed record
     * @param event the event record
     */
    void onEvent(EventType<?> type, Object event);
}
