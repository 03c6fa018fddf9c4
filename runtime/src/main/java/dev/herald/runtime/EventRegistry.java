package dev.herald.runtime;

import dev.herald.runtime.codec.JsonCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event type known to this process: the merge of all {@link EventCatalog}s on the class
 * path. Immutable and thread-safe once built.
 */
public final class EventRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(EventRegistry.class);

    private static final String HOW_TO_RUN_THE_PROCESSOR =
            "Put dev.herald:herald-processor on the compiler's processor path (Maven: maven-compiler-plugin"
                    + " <annotationProcessorPaths>, required on JDK 23 and later) and rebuild.";

    static final String NO_CATALOG_WARNING = "No Herald event catalog on the class path: the Herald annotation"
            + " processor did not run, and emitting any event will fail. " + HOW_TO_RUN_THE_PROCESSOR;

    /** Whether {@link #NO_CATALOG_WARNING} was logged; once per process is enough. */
    static final AtomicBoolean warnedNoCatalog = new AtomicBoolean();

    /** An event type with its dense index, which lets {@link EventBus} keep listeners in an array. */
    record Slot(EventType<?> type, int index) {}

    private final Map<String, Slot> byName;
    private final Map<Class<?>, Slot> byClass;
    private final Map<Class<?>, JsonCodec<?>> codecs;
    private final List<EventType<?>> types;

    private EventRegistry(Collection<? extends EventCatalog> catalogs) {
        Map<String, EventType<?>> sorted = new TreeMap<>();
        Map<Class<?>, JsonCodec<?>> allCodecs = new HashMap<>();
        for (EventCatalog catalog : catalogs) {
            for (EventType<?> type : catalog.eventTypes()) {
                EventType<?> previous = sorted.putIfAbsent(type.name(), type);
                if (previous != null && previous.javaType() != type.javaType()) {
                    throw new IllegalStateException("Event name '" + type.name() + "' is claimed by both "
                            + previous.javaType().getName() + " and "
                            + type.javaType().getName()
                            + "; rename one of them (event names must be unique across the class path)");
                }
            }
            allCodecs.putAll(catalog.codecs());
        }
        Map<String, Slot> names = new LinkedHashMap<>();
        Map<Class<?>, Slot> classes = new HashMap<>();
        for (EventType<?> type : sorted.values()) {
            Slot slot = new Slot(type, names.size());
            names.put(type.name(), slot);
            Slot previous = classes.put(type.javaType(), slot);
            if (previous != null) {
                throw new IllegalStateException(type.javaType().getName() + " is declared as two events, '"
                        + previous.type().name() + "' and '" + type.name() + "'");
            }
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byClass = classes;
        this.codecs = Collections.unmodifiableMap(allCodecs);
        this.types = List.copyOf(sorted.values());
    }

    /** Loads every catalog visible to the thread's context class loader (or this class's loader). */
    public static EventRegistry load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : EventRegistry.class.getClassLoader());
    }

    /**
     * Loads every catalog that {@link ServiceLoader} finds through {@code loader}. Finding none
     * logs one warning per process that names the fix: a service built without the processor would
     * otherwise start cleanly and fail only at its first {@code emit()}.
     */
    public static EventRegistry load(ClassLoader loader) {
        List<EventCatalog> catalogs = new ArrayList<>();
        ServiceLoader.load(EventCatalog.class, loader).forEach(catalogs::add);
        if (catalogs.isEmpty() && !warnedNoCatalog.getAndSet(true)) {
            LOG.warn(NO_CATALOG_WARNING);
        }
        return new EventRegistry(catalogs);
    }

    /** A registry of exactly these catalogs, for tests and for applications that wire by hand. */
    public static EventRegistry of(EventCatalog... catalogs) {
        return new EventRegistry(List.of(catalogs));
    }

    /** All event types, sorted by name. */
    public List<EventType<?>> types() {
        return types;
    }

    /** The type named {@code name}, or {@code null} when no catalog declares it. */
    public EventType<?> find(String name) {
        Slot slot = byName.get(name);
        return slot == null ? null : slot.type();
    }

    /** The type of the given record class, or {@code null} when no catalog declares it. */
    public EventType<?> find(Class<?> eventClass) {
        Slot slot = byClass.get(eventClass);
        return slot == null ? null : slot.type();
    }

    /** The type of the given record class; throws when no catalog declares it. */
    @SuppressWarnings("unchecked")
    public <T extends Record> EventType<T> typeOf(Class<T> eventClass) {
        return (EventType<T>) slot(eventClass).type();
    }

    /** The generated codec for an event or payload type, or {@code null} when there is none. */
    @SuppressWarnings("unchecked")
    public <T> JsonCodec<T> codecFor(Class<T> type) {
        return (JsonCodec<T>) codecs.get(type);
    }

    /** Every generated codec of every catalog, keyed by record or enum class. */
    public Map<Class<?>, JsonCodec<?>> codecs() {
        return codecs;
    }

    int size() {
        return byName.size();
    }

    Slot slot(String name) {
        Slot slot = byName.get(name);
        if (slot == null) {
            throw new IllegalArgumentException(
                    "No event named '" + name + "' is declared; known events: " + byName.keySet());
        }
        return slot;
    }

    Slot slot(Class<?> eventClass) {
        Slot slot = byClass.get(eventClass);
        if (slot == null) {
            throw unknownClass(eventClass);
        }
        return slot;
    }

    private static IllegalArgumentException unknownClass(Class<?> eventClass) {
        boolean annotated = eventClass.isAnnotationPresent(dev.herald.Event.class);
        String why = annotated
                ? eventClass.getName() + " is annotated @Event, but no event catalog on the class path declares it: "
                        + "the Herald annotation processor did not run on its module."
                : eventClass.getName() + " is not a known event: annotate the record with @Event(\"group.name\").";
        return new IllegalArgumentException(why + " " + HOW_TO_RUN_THE_PROCESSOR);
    }
}
