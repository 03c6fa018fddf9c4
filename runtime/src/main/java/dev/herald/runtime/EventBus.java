package dev.herald.runtime;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process, synchronous delivery of typed events.
 *
 * <p>Delivery rules:
 *
 * <ul>
 *   <li>Listeners run on the emitting thread, in subscription order; listeners for the event's type
 *       (by class or by name) run before {@link #onAny} listeners.
 *   <li>A listener that throws is logged; the others still run and {@link #emit} returns normally.
 *   <li>An {@link #emit} from inside a listener is queued and delivered once the current event has
 *       reached every listener (as VS Code's emitter delivery queue does), so every listener sees
 *       events in the same order.
 *   <li>Subscribing or unsubscribing at any time, from any thread, even inside a listener, is safe.
 *       A listener added during an emit first sees the next event; a listener closed during an emit is
 *       not called again, not even for the event being delivered.
 * </ul>
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final Listener[] NONE = new Listener[0];

    private final EventRegistry registry;

    /*
     * Concurrency: listener lists are copy-on-write arrays, replaced with a CAS loop by subscribe and
     * unsubscribe; emit reads a snapshot without locking. `closed` on each listener makes a removal
     * visible to an emit that already holds an older snapshot.
     */
    private final AtomicReferenceArray<Listener[]> byType;
    private final AtomicReference<Listener[]> any = new AtomicReference<>(NONE);

    /** Per thread: whether this thread is delivering, and what listeners emitted meanwhile. */
    private final ThreadLocal<Delivery> delivery = ThreadLocal.withInitial(Delivery::new);

    private EventBus(EventRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.byType = new AtomicReferenceArray<>(registry.size());
        for (int i = 0; i < registry.size(); i++) {
            byType.set(i, NONE);
        }
    }

    /** A bus over every event catalog on the class path ({@link EventRegistry#load()}). */
    public static EventBus create() {
        return new EventBus(EventRegistry.load());
    }

    /** A bus over the given registry. */
    public static EventBus create(EventRegistry registry) {
        return new EventBus(registry);
    }

    /** The registry this bus resolves event classes and names with. */
    public EventRegistry registry() {
        return registry;
    }

    /**
     * Calls {@code listener} with every event of the given record class.
     *
     * @throws IllegalArgumentException when no catalog declares {@code eventClass}
     */
    public <T extends Record> Subscription on(Class<T> eventClass, Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        EventRegistry.Slot slot = registry.slot(eventClass);
        return addTyped(slot.index(), new Listener() {
            @Override
            void deliver(EventType<?> type, Object event) {
                listener.accept(eventClass.cast(event));
            }

            @Override
            public String toString() {
                return listener.toString();
            }
        });
    }

    /**
     * Calls {@code listener} with every event of the given name.
     *
     * @throws IllegalArgumentException when no catalog declares {@code eventName}
     */
    public Subscription on(String eventName, EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        EventRegistry.Slot slot = registry.slot(eventName);
        return addTyped(slot.index(), new UntypedListener(listener));
    }

    /** Calls {@code listener} with every event, after the listeners of that event's type. */
    public Subscription onAny(EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        Listener entry = new UntypedListener(listener);
        any.updateAndGet(current -> append(current, entry));
        return () -> {
            entry.closed = true;
            any.updateAndGet(current -> remove(current, entry));
        };
    }

    /**
     * Delivers {@code event} to its listeners on this thread and returns when all have run (or, when
     * called from inside a listener, once the event is queued behind the current one).
     *
     * @throws IllegalArgumentException when no catalog declares the event's class: the processor did
     *     not run for it
     */
    public void emit(Record event) {
        Objects.requireNonNull(event, "event");
        EventRegistry.Slot slot = registry.slot(event.getClass());
        Delivery current = delivery.get();
        if (current.active) {
            current.pending.add(slot);
            current.pending.add(event);
            return;
        }
        current.active = true;
        try {
            deliver(slot, event);
            while (!current.pending.isEmpty()) {
                EventRegistry.Slot next = (EventRegistry.Slot) current.pending.poll();
                deliver(next, current.pending.poll());
            }
        } finally {
            current.pending.clear();
            current.active = false;
        }
    }

    private void deliver(EventRegistry.Slot slot, Object event) {
        EventType<?> type = slot.type();
        for (Listener listener : byType.get(slot.index())) {
            invoke(listener, type, event);
        }
        for (Listener listener : any.get()) {
            invoke(listener, type, event);
        }
    }

    private static void invoke(Listener listener, EventType<?> type, Object event) {
        if (listener.closed) {
            return;
        }
        try {
            listener.deliver(type, event);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.error("Listener {} failed on event {}", listener, type.name(), e);
        }
    }

    private Subscription addTyped(int index, Listener entry) {
        byType.getAndUpdate(index, current -> append(current, entry));
        return () -> {
            entry.closed = true;
            byType.getAndUpdate(index, current -> remove(current, entry));
        };
    }

    private static Listener[] append(Listener[] current, Listener entry) {
        Listener[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = entry;
        return next;
    }

    private static Listener[] remove(Listener[] current, Listener entry) {
        for (int i = 0; i < current.length; i++) {
            if (current[i] == entry) {
                if (current.length == 1) {
                    return NONE;
                }
                Listener[] next = new Listener[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                return next;
            }
        }
        return current; // already removed: close() is idempotent
    }

    /** A registered listener; {@code closed} is set before it leaves the array. */
    private abstract static class Listener {
        volatile boolean closed;

        abstract void deliver(EventType<?> type, Object event);
    }

    private static final class UntypedListener extends Listener {
        private final EventListener listener;

        UntypedListener(EventListener listener) {
            this.listener = listener;
        }

        @Override
        void deliver(EventType<?> type, Object event) {
            listener.onEvent(type, event);
        }

        @Override
        public String toString() {
            return listener.toString();
        }
    }

    /** Thread-confined; alternating slot and event entries keep nested emits allocation-light. */
    private static final class Delivery {
        boolean active;
        final ArrayDeque<Object> pending = new ArrayDeque<>();
    }
}
