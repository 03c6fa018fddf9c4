package dev.herald.runtime.json;

import dev.herald.runtime.codec.JsonCodec;
import dev.herald.runtime.codec.JsonReader;
import dev.herald.runtime.codec.JsonToken;
import dev.herald.runtime.codec.JsonWriter;
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
        return ValueCodec.of((writer, values) -> writeCollection(writer, values, element), p -> readList(p, element));
    }

    public static <T> JsonCodec<Set<T>> setOf(JsonCodec<T> element) {
        return ValueCodec.of((writer, values) -> writeCollection(writer, values, element), p -> readSet(p, element));
    }

    public static <T> JsonCodec<T[]> arrayOf(JsonCodec<T> element, IntFunction<T[]> newArray) {
        return ValueCodec.of(
                (writer, values) -> writeArray(writer, values, element), p -> readArray(p, element, newArray));
    }

    public static <V> JsonCodec<Map<String, V>> stringMapOf(JsonCodec<V> value) {
        return ValueCodec.of((writer, map) -> writeStringMap(writer, map, value), p -> readStringMap(p, value));
    }

    public static <E extends Enum<E>, V> JsonCodec<Map<E, V>> enumMapOf(EnumJsonCodec<E> keys, JsonCodec<V> value) {
        return ValueCodec.of((writer, map) -> writeEnumMap(writer, map, keys, value), p -> readEnumMap(p, keys, value));
    }

    public static <T> JsonCodec<Optional<T>> optionalOf(JsonCodec<T> present) {
        return ValueCodec.of((writer, value) -> writeOptional(writer, value, present), p -> readOptional(p, present));
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

    public static <T> void writeCollection(JsonWriter writer, Collection<T> values, JsonCodec<? super T> element)
            throws IOException {
        if (values == null) {
            writer.writeNull();
            return;
        }
        writer.writeStartArray(values, values.size());
        for (T value : values) {
            element.encode(writer, value);
        }
        writer.writeEndArray();
    }

    public static <T> void writeArray(JsonWriter writer, T[] values, JsonCodec<? super T> element) throws IOException {
        if (values == null) {
            writer.writeNull();
            return;
        }
        writer.writeStartArray(values, values.length);
        for (T value : values) {
            element.encode(writer, value);
        }
        writer.writeEndArray();
    }

    public static void writeInts(JsonWriter writer, int[] values) throws IOException {
        if (values == null) {
            writer.writeNull();
        } else {
            writer.writeArray(values, 0, values.length);
        }
    }

    public static void writeLongs(JsonWriter writer, long[] values) throws IOException {
        if (values == null) {
            writer.writeNull();
        } else {
            writer.writeArray(values, 0, values.length);
        }
    }

    public static void writeDoubles(JsonWriter writer, double[] values) throws IOException {
        if (values == null) {
            writer.writeNull();
        } else {
            writer.writeArray(values, 0, values.length);
        }
    }

    public static void writeShorts(JsonWriter writer, short[] values) throws IOException {
        if (values == null) {
            writer.writeNull();
            return;
        }
        writer.writeStartArray(values, values.length);
        for (short value : values) {
            writer.writeNumber(value);
        }
        writer.writeEndArray();
    }

    public static void writeFloats(JsonWriter writer, float[] values) throws IOException {
        if (values == null) {
            writer.writeNull();
            return;
        }
        writer.writeStartArray(values, values.length);
        for (float value : values) {
            writer.writeNumber(value);
        }
        writer.writeEndArray();
    }

    public static void writeBooleans(JsonWriter writer, boolean[] values) throws IOException {
        if (values == null) {
            writer.writeNull();
            return;
        }
        writer.writeStartArray(values, values.length);
        for (boolean value : values) {
            writer.writeBoolean(value);
        }
        writer.writeEndArray();
    }

    public static <V> void writeStringMap(JsonWriter writer, Map<String, V> map, JsonCodec<? super V> value)
            throws IOException {
        if (map == null) {
            writer.writeNull();
            return;
        }
        writer.writeStartObject(map);
        for (Map.Entry<String, V> entry : map.entrySet()) {
            writer.writeFieldName(entry.getKey());
            value.encode(writer, entry.getValue());
        }
        writer.writeEndObject();
    }

    public static <E extends Enum<E>, V> void writeEnumMap(
            JsonWriter writer, Map<E, V> map, EnumJsonCodec<E> keys, JsonCodec<? super V> value) throws IOException {
        if (map == null) {
            writer.writeNull();
            return;
        }
        writer.writeStartObject(map);
        for (Map.Entry<E, V> entry : map.entrySet()) {
            writer.writeFieldName(keys.jsonName(entry.getKey()));
            value.encode(writer, entry.getValue());
        }
        writer.writeEndObject();
    }

    public static <T> void writeOptional(JsonWriter writer, Optional<T> value, JsonCodec<? super T> present)
            throws IOException {
        if (value == null || value.isEmpty()) {
            writer.writeNull();
        } else {
            present.encode(writer, value.get());
        }
    }

    public static <T> List<T> readList(JsonReader reader, JsonCodec<? extends T> element) throws IOException {
        return readElements(reader, element, new ArrayList<>());
    }

    public static <T> Set<T> readSet(JsonReader reader, JsonCodec<? extends T> element) throws IOException {
        return readElements(reader, element, new LinkedHashSet<>());
    }

    public static <T> T[] readArray(JsonReader reader, JsonCodec<? extends T> element, IntFunction<T[]> newArray)
            throws IOException {
        List<T> list = readElements(reader, element, new ArrayList<>());
        return list == null ? null : list.toArray(newArray.apply(list.size()));
    }

    private static <T, C extends Collection<T>> C readElements(
            JsonReader reader, JsonCodec<? extends T> element, C into) throws IOException {
        JsonToken token = reader.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw CodecSupport.mismatch("an array", token);
        }
        int index = 0;
        try {
            while (reader.nextToken() != JsonToken.END_ARRAY) {
                into.add(element.decode(reader));
                index++;
            }
        } catch (EventDecodeException e) {
            throw e.atIndex(index);
        }
        return into;
    }

    public static int[] readInts(JsonReader reader) throws IOException {
        List<Integer> list = readList(reader, INT_OR_ZERO);
        return list == null ? null : list.stream().mapToInt(Integer::intValue).toArray();
    }

    public static long[] readLongs(JsonReader reader) throws IOException {
        List<Long> list = readList(reader, LONG_OR_ZERO);
        return list == null ? null : list.stream().mapToLong(Long::longValue).toArray();
    }

    public static double[] readDoubles(JsonReader reader) throws IOException {
        List<Double> list = readList(reader, DOUBLE_OR_ZERO);
        return list == null
                ? null
                : list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static short[] readShorts(JsonReader reader) throws IOException {
        List<Short> list = readList(reader, SHORT_OR_ZERO);
        if (list == null) {
            return null;
        }
        short[] values = new short[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        return values;
    }

    public static float[] readFloats(JsonReader reader) throws IOException {
        List<Float> list = readList(reader, FLOAT_OR_ZERO);
        if (list == null) {
            return null;
        }
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        return values;
    }

    public static boolean[] readBooleans(JsonReader reader) throws IOException {
        List<Boolean> list = readList(reader, BOOLEAN_OR_FALSE);
        if (list == null) {
            return null;
        }
        boolean[] values = new boolean[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        return values;
    }

    public static <V> Map<String, V> readStringMap(JsonReader reader, JsonCodec<? extends V> value) throws IOException {
        return readMap(reader, name -> name, value);
    }

    public static <E extends Enum<E>, V> Map<E, V> readEnumMap(
            JsonReader reader, EnumJsonCodec<E> keys, JsonCodec<? extends V> value) throws IOException {
        return readMap(reader, keys::fromJsonName, value);
    }

    private interface KeyReader<K> {
        K read(String name);
    }

    private static <K, V> Map<K, V> readMap(JsonReader reader, KeyReader<K> keys, JsonCodec<? extends V> value)
            throws IOException {
        JsonToken token = reader.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw CodecSupport.mismatch("an object", token);
        }
        Map<K, V> map = new LinkedHashMap<>();
        String name = null;
        try {
            for (name = reader.nextFieldName(); name != null; name = reader.nextFieldName()) {
                K key = keys.read(name);
                reader.nextToken();
                map.put(key, value.decode(reader));
            }
        } catch (EventDecodeException e) {
            throw e.inField(name);
        }
        return map;
    }

    public static <T> Optional<T> readOptional(JsonReader reader, JsonCodec<? extends T> present) throws IOException {
        if (reader.currentToken() == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        return Optional.ofNullable(present.decode(reader));
    }
}
