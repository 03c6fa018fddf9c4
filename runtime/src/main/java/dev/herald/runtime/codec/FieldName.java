package dev.herald.runtime.codec;

import java.util.Objects;
import java.util.function.Function;

/**
 * A JSON field name (or an enum constant's JSON text) that generated codecs declare once as a
 * constant. Each JSON backend keeps its own pre-encoded form of it here (Jackson 2's and Jackson
 * 3's {@code SerializedString} are different classes), made the first time that backend writes or
 * matches the name.
 *
 * <p>Threading: shared by all threads. A pre-encoded form may be made twice by two threads at once;
 * both are equal and immutable in what they expose, so either may win.
 */
public final class FieldName {
    /** How many backends may keep a form here: Jackson 2 and Jackson 3. */
    public static final int BACKENDS = 2;

    private final String value;

    // One field per backend, not an array: decoding matches a name per field read, and this is
    // one load fewer on that path.
    private Object form0;
    private Object form1;

    private FieldName(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static FieldName of(String value) {
        return new FieldName(value);
    }

    /** The name as Java text. */
    public String value() {
        return value;
    }

    /**
     * For JSON backends: the form that backend {@code slot} ({@code 0} to {@link #BACKENDS} - 1)
     * keeps of this name, made by {@code encode} on its first use.
     */
    public Object encoded(int slot, Function<String, ?> encode) {
        Object form = slot == 0 ? form0 : form1;
        if (form == null) {
            form = encode.apply(value);
            if (slot == 0) {
                form0 = form;
            } else {
                form1 = form;
            }
        }
        return form;
    }

    @Override
    public String toString() {
        return value;
    }
}
