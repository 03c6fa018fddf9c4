package dev.herald.runtime.json;

import dev.herald.runtime.codec.FieldName;
import dev.herald.runtime.codec.JsonCodec;
import dev.herald.runtime.codec.JsonReader;
import dev.herald.runtime.codec.JsonToken;
import dev.herald.runtime.codec.JsonWriter;
import dev.herald.runtime.internal.Texts;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Codec of an enum: each constant as its JSON name ({@code name()} or its {@code @JsonProperty}
 * value), as a value and as a map key. Generated subclasses pass {@code values()} and
 * the names in the same order.
 */
public abstract class EnumJsonCodec<E extends Enum<E>> implements JsonCodec<E> {
    private final Class<E> type;
    private final FieldName[] names;
    private final Map<String, E> byName;

    protected EnumJsonCodec(Class<E> type, E[] constants, String... jsonNames) {
        this.type = type;
        this.names = new FieldName[constants.length];
        this.byName = new HashMap<>();
        for (E constant : constants) {
            names[constant.ordinal()] = FieldName.of(jsonNames[constant.ordinal()]);
            byName.put(jsonNames[constant.ordinal()], constant);
        }
    }

    /** The JSON name of {@code value}. */
    public final String jsonName(E value) {
        return names[value.ordinal()].value();
    }

    /** The constant with JSON name {@code name}; throws {@link EventDecodeException} when none has it. */
    public final E fromJsonName(String name) {
        E value = byName.get(name);
        if (value == null) {
            throw EventDecodeException.of("\"" + Texts.excerpt(name) + "\" is not one of " + byName.keySet() + " ("
                    + type.getSimpleName() + ")");
        }
        return value;
    }

    @Override
    public final void encode(JsonWriter writer, E value) throws IOException {
        if (value == null) {
            writer.writeNull();
        } else {
            writer.writeString(names[value.ordinal()]);
        }
    }

    @Override
    public final E decode(JsonReader reader) throws IOException {
        JsonToken token = reader.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw CodecSupport.mismatch("one of " + byName.keySet(), token);
        }
        return fromJsonName(reader.getText());
    }
}
