package dev.herald.runtime;

/** A listener's registration. {@link #close()} removes it; closing again does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** Stops delivery to the listener. Idempotent, safe from any thread, even inside a listener. */
    @Override
    void close();
}
