package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.herald.runtime.JsonCodec;
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
    private final SerializedString[] names;
    private final Map<String, E> byName;

    protected EnumJsonCodec(Class<E> type, E[] constants, String... jsonNames) {
        this.type = type;
        this.names = new SerializedString[constants.length];
        this.byName = new HashMap<>();
        for (E constant : constants) {
            names[constant.ordinal()] = new SerializedString(jsonNames[constant.ordinal()]);
            byName.put(jsonNames[constant.ordinal()], constant);
        }
    }

    /** The JSON name of {@code value}. */
    public final String jsonName(E value) {
        return names[value.ordinal()].getValue();
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
    public final void encode(JsonGenerator gen, E value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeString(names[value.ordinal()]);
        }
    }

    @Override
    public final E decode(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw CodecSupport.mismatch("one of " + byName.keySet(), token);
        }
        return fromJsonName(parser.getText());
    }
}
