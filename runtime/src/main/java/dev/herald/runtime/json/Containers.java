package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.herald.runtime.JsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Lists, sets, arrays (primitive ones too), maps with string or enum keys and {@code Optional}, for
 * generated codecs. A field's container is one call here with its element codec: a constant such
 * as {@code Scalars.STRING}, a generated {@code <Name>JsonCodec.INSTANCE}, or for a container inside
 * a container one of the factories below ({@code listOf(Scalars.STRING)}). Public only for
 * generated code.
 */
public final class Containers {
    private Containers() {}

    // ---- element codecs: containers inside containers ------------------------------------------

    public static final JsonCodec<int[]> INTS = ValueCodec.of(Containers::writeInts, Containers::readInts);
    public static final JsonCodec<long[]> LONGS = ValueCodec.of(Containers::writeLongs, Containers::readLongs);
    public static final JsonCodec<double[]> DOUBLES = ValueCodec.of(Containers::writeDoubles, Containers::readDoubles);
    public static final JsonCodec<short[]> SHORTS = ValueCodec.of(Containers::writeShorts, Containers::readShorts);
    public static final JsonCodec<float[]> FLOATS = ValueCodec.of(Containers::writeFloats, Containers::readFloats);
    public static final JsonCodec<boolean[]> BOOLEANS =
            ValueCodec.of(Containers::writeBooleans, Containers::readBooleans);

    public static <T> JsonCodec<List<T>> listOf(JsonCodec<T> element) {
        return ValueCodec.of((gen, values) -> writeCollection(gen, values, element), p -> readList(p, element));
    }

    public static <T> JsonCodec<Set<T>> setOf(JsonCodec<T> element) {
        return ValueCodec.of((gen, values) -> writeCollection(gen, values, element), p -> readSet(p, element));
    }

    public static <T> JsonCodec<T[]> arrayOf(JsonCodec<T> element, IntFunction<T[]> newArray) {
        return ValueCodec.of((gen, values) -> writeArray(gen, values, element), p -> readArray(p, element, newArray));
    }

    public static <V> JsonCodec<Map<String, V>> stringMapOf(JsonCodec<V> value) {
        return ValueCodec.of((gen, map) -> writeStringMap(gen, map, value), p -> readStringMap(p, value));
    }

    public static <E extends Enum<E>, V> JsonCodec<Map<E, V>> enumMapOf(EnumJsonCodec<E> keys, JsonCodec<V> value) {
        return ValueCodec.of((gen, map) -> writeEnumMap(gen, map, keys, value), p -> readEnumMap(p, keys, value));
    }

    public static <T> JsonCodec<Optional<T>> optionalOf(JsonCodec<T> present) {
        return ValueCodec.of((gen, value) -> writeOptional(gen, value, present), p -> readOptional(p, present));
    }

    // Primitive array elements: JSON null reads as 0 (false), as it does for a primitive field.
    private static final JsonCodec<Integer> INT_OR_ZERO = ValueCodec.of(Scalars::writeIntBox, Scalars::readInt);
    private static final JsonCodec<Long> LONG_OR_ZERO = ValueCodec.of(Scalars::writeLongBox, Scalars::readLong);
    private static final JsonCodec<Double> DOUBLE_OR_ZERO = ValueCodec.of(Scalars::writeDoubleBox, Scalars::readDouble);
    private static final JsonCodec<Short> SHORT_OR_ZERO = ValueCodec.of(Scalars::writeShortBox, Scalars::readShort);
    private static final JsonCodec<Float> FLOAT_OR_ZERO = ValueCodec.of(Scalars::writeFloatBox, Scalars::readFloat);
    private static final JsonCodec<Boolean> BOOLEAN_OR_FALSE =
            ValueCodec.of(Scalars::writeBooleanBox, Scalars::readBoolean);

    // ---- containers --------------------------------------------------------------------------

    public static <T> void writeCollection(JsonGenerator gen, Collection<T> values, JsonCodec<? super T> element)
            throws IOException {
        if (values == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartArray(values, values.size());
        for (T value : values) {
            element.encode(gen, value);
        }
        gen.writeEndArray();
    }

    public static <T> void writeArray(JsonGenerator gen, T[] values, JsonCodec<? super T> element) throws IOException {
        if (values == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartArray(values, values.length);
        for (T value : values) {
            element.encode(gen, value);
        }
        gen.writeEndArray();
    }

    public static void writeInts(JsonGenerator gen, int[] values) throws IOException {
        if (values == null) {
            gen.writeNull();
        } else {
            gen.writeArray(values, 0, values.length);
        }
    }

    public static void writeLongs(JsonGenerator gen, long[] values) throws IOException {
        if (values == null) {
            gen.writeNull();
        } else {
            gen.writeArray(values, 0, values.length);
        }
    }

    public static void writeDoubles(JsonGenerator gen, double[] values) throws IOException {
        if (values == null) {
            gen.writeNull();
        } else {
            gen.writeArray(values, 0, values.length);
        }
    }

    public static void writeShorts(JsonGenerator gen, short[] values) throws IOException {
        if (values == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartArray(values, values.length);
        for (short value : values) {
            gen.writeNumber(value);
        }
        gen.writeEndArray();
    }

    public static void writeFloats(JsonGenerator gen, float[] values) throws IOException {
        if (values == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartArray(values, values.length);
        for (float value : values) {
            gen.writeNumber(value);
        }
        gen.writeEndArray();
    }

    public static void writeBooleans(JsonGenerator gen, boolean[] values) throws IOException {
        if (values == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartArray(values, values.length);
        for (boolean value : values) {
            gen.writeBoolean(value);
        }
        gen.writeEndArray();
    }

    public static <V> void writeStringMap(JsonGenerator gen, Map<String, V> map, JsonCodec<? super V> value)
            throws IOException {
        if (map == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject(map);
        for (Map.Entry<String, V> entry : map.entrySet()) {
            gen.writeFieldName(entry.getKey());
            value.encode(gen, entry.getValue());
        }
        gen.writeEndObject();
    }

    public static <E extends Enum<E>, V> void writeEnumMap(
            JsonGenerator gen, Map<E, V> map, EnumJsonCodec<E> keys, JsonCodec<? super V> value) throws IOException {
        if (map == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject(map);
        for (Map.Entry<E, V> entry : map.entrySet()) {
            gen.writeFieldName(keys.jsonName(entry.getKey()));
            value.encode(gen, entry.getValue());
        }
        gen.writeEndObject();
    }

    public static <T> void writeOptional(JsonGenerator gen, Optional<T> value, JsonCodec<? super T> present)
            throws IOException {
        if (value == null || value.isEmpty()) {
            gen.writeNull();
        } else {
            present.encode(gen, value.get());
        }
    }

    public static <T> List<T> readList(JsonParser parser, JsonCodec<? extends T> element) throws IOException {
        return readElements(parser, element, new ArrayList<>());
    }

    public static <T> Set<T> readSet(JsonParser parser, JsonCodec<? extends T> element) throws IOException {
        return readElements(parser, element, new LinkedHashSet<>());
    }

    public static <T> T[] readArray(JsonParser parser, JsonCodec<? extends T> element, IntFunction<T[]> newArray)
            throws IOException {
        List<T> list = readElements(parser, element, new ArrayList<>());
        return list == null ? null : list.toArray(newArray.apply(list.size()));
    }

    private static <T, C extends Collection<T>> C readElements(
            JsonParser parser, JsonCodec<? extends T> element, C into) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw CodecSupport.mismatch("an array", token);
        }
        int index = 0;
        try {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                into.add(element.decode(parser));
                index++;
            }
        } catch (EventDecodeException e) {
            throw e.atIndex(index);
        }
        return into;
    }

    public static int[] readInts(JsonParser parser) throws IOException {
        List<Integer> list = readList(parser, INT_OR_ZERO);
        return list == null ? null : list.stream().mapToInt(Integer::intValue).toArray();
    }

    public static long[] readLongs(JsonParser parser) throws IOException {
        List<Long> list = readList(parser, LONG_OR_ZERO);
        return list == null ? null : list.stream().mapToLong(Long::longValue).toArray();
    }

    public static double[] readDoubles(JsonParser parser) throws IOException {
        List<Double> list = readList(parser, DOUBLE_OR_ZERO);
        return list == null
                ? null
                : list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static short[] readShorts(JsonParser parser) throws IOException {
        List<Short> list = readList(parser, SHORT_OR_ZERO);
        if (list == null) {
            return null;
        }
        short[] values = new short[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        return values;
    }

    public static float[] readFloats(JsonParser parser) throws IOException {
        List<Float> list = readList(parser, FLOAT_OR_ZERO);
        if (list == null) {
            return null;
        }
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        return values;
    }

    public static boolean[] readBooleans(JsonParser parser) throws IOException {
        List<Boolean> list = readList(parser, BOOLEAN_OR_FALSE);
        if (list == null) {
            return null;
        }
        boolean[] values = new boolean[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        return values;
    }

    public static <V> Map<String, V> readStringMap(JsonParser parser, JsonCodec<? extends V> value) throws IOException {
        return readMap(parser, name -> name, value);
    }

    public static <E extends Enum<E>, V> Map<E, V> readEnumMap(
            JsonParser parser, EnumJsonCodec<E> keys, JsonCodec<? extends V> value) throws IOException {
        return readMap(parser, keys::fromJsonName, value);
    }

    private interface KeyReader<K> {
        K read(String name);
    }

    private static <K, V> Map<K, V> readMap(JsonParser parser, KeyReader<K> keys, JsonCodec<? extends V> value)
            throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw CodecSupport.mismatch("an object", token);
        }
        Map<K, V> map = new LinkedHashMap<>();
        String name = null;
        try {
            for (name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                K key = keys.read(name);
                parser.nextToken();
                map.put(key, value.decode(parser));
            }
        } catch (EventDecodeException e) {
            throw e.inField(name);
        }
        return map;
    }

    public static <T> Optional<T> readOptional(JsonParser parser, JsonCodec<? extends T> present) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        return Optional.ofNullable(present.decode(parser));
    }
}
