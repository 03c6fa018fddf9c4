package dev.herald.runtime.json;

import dev.herald.runtime.codec.FieldName;
import java.util.HashMap;
import java.util.Map;

/**
 * A generated codec's JSON field names, in the order it writes them: pre-encoded for writing and
 * for the in-order fast path of {@link CodecSupport#nextField}, and looked up by name for fields
 * that arrive out of order. Immutable; shared by all threads.
 */
public final class FieldNames {
    private final FieldName[] names;
    private final Map<String, Integer> indexes;

    public FieldNames(FieldName... names) {
        this.names = names.clone();
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            indexes.put(names[i].value(), i);
        }
        this.indexes = Map.copyOf(indexes);
    }

    /** The index of {@code name}, or {@link CodecSupport#UNKNOWN}. */
    public int indexOf(String name) {
        Integer index = indexes.get(name);
        return index == null ? CodecSupport.UNKNOWN : index;
    }

    FieldName get(int index) {
        return names[index];
    }

    int size() {
        return names.length;
    }

    /** The name of field {@code index}, or {@code null} for {@link CodecSupport#UNKNOWN}. */
    public String name(int index) {
        return index >= 0 ? names[index].value() : null;
    }
}
