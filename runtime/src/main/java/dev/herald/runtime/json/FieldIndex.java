package dev.herald.runtime.json;

/** A generated codec's map from JSON field name to component index, {@code -1} for unknown names. */
@FunctionalInterface
public interface FieldIndex {
    int of(String name);
}
