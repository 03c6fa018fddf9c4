package dev.herald.runtime;

import dev.herald.runtime.codec.JsonCodec;
import java.util.Objects;

/**
 * One declared event: its wire name, its record class, the JSON name of its {@code @EventKey}
 * component (or {@code null}) and its generated JSON codec.
 *
 * <p>Instances are created by the generated catalog ({@code Events.FS_CREATED_TYPE}); two types
 * are equal when name and record class are equal.
 *
 * @param <T> the event record
 */
public final class EventType<T extends Record> {
    private final String name;
    private final Class<T> javaType;
    private final String keyField;
    private final JsonCodec<T> codec;

    private EventType(String name, Class<T> javaType, String keyField, JsonCodec<T> codec) {
        this.name = Objects.requireNonNull(name, "name");
        this.javaType = Objects.requireNonNull(javaType, "javaType");
        this.keyField = keyField;
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Creates an event type; called by generated catalogs.
     *
     * @param keyField JSON name of the {@code @EventKey} component, or {@code null} when there is none
     */
    public static <T extends Record> EventType<T> of(
            String name, Class<T> javaType, String keyField, JsonCodec<T> codec) {
        return new EventType<>(name, javaType, keyField, codec);
    }

    /** The wire name, for example {@code fs.created}. */
    public String name() {
        return name;
    }

    /** The part of the name before the first dot, for example {@code fs}. */
    public String group() {
        return name.substring(0, name.indexOf('.'));
    }

    /** The event's record class. */
    public Class<T> javaType() {
        return javaType;
    }

    /** The JSON name of the {@code @EventKey} component, or {@code null} when the event has none. */
    public String keyField() {
        return keyField;
    }

    /** The generated, reflection-free JSON codec for the record. */
    public JsonCodec<T> codec() {
        return codec;
    }

    /** Casts {@code event} to this type's record, failing clearly when it is another class. */
    public T cast(Object event) {
        return javaType.cast(event);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventType<?> other && name.equals(other.name) && javaType == other.javaType;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + javaType.getName() + ")";
    }
}
