package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
 * generated codecs; the element codec is passed in. Public only for generated code.
 */
public final class Containers {
    private Containers() {}

    // ---- containers --------------------------------------------------------------------------

    public static <T> void writeCollection(JsonGenerator gen, Collection<T> values, ValueWriter<? super T> element)
            throws IOException {
        if (values == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartArray(values, values.size());
        for (T value : values) {
            element.write(gen, value);
        }
        gen.writeEndArray();
    }

    public static <T> void writeArray(JsonGenerator gen, T[] values, ValueWriter<? super T> element)
            throws IOException {
        if (values == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartArray(values, values.length);
        for (T value : values) {
            element.write(gen, value);
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

    public static <V> void writeStringMap(JsonGenerator gen, Map<String, V> map, ValueWriter<? super V> value)
            throws IOException {
        if (map == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject(map);
        for (Map.Entry<String, V> entry : map.entrySet()) {
            gen.writeFieldName(entry.getKey());
            value.write(gen, entry.getValue());
        }
        gen.writeEndObject();
    }

    public static <E extends Enum<E>, V> void writeEnumMap(
            JsonGenerator gen, Map<E, V> map, EnumJsonCodec<E> keys, ValueWriter<? super V> value) throws IOException {
        if (map == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject(map);
        for (Map.Entry<E, V> entry : map.entrySet()) {
            gen.writeFieldName(keys.jsonName(entry.getKey()));
            value.write(gen, entry.getValue());
        }
        gen.writeEndObject();
    }

    public static <T> void writeOptional(JsonGenerator gen, Optional<T> value, ValueWriter<? super T> present)
            throws IOException {
        if (value == null || value.isEmpty()) {
            gen.writeNull();
        } else {
            present.write(gen, value.get());
        }
    }

    public static <T> List<T> readList(JsonParser parser, ValueReader<? extends T> element) throws IOException {
        return readElements(parser, element, new ArrayList<>());
    }

    public static <T> Set<T> readSet(JsonParser parser, ValueReader<? extends T> element) throws IOException {
        return readElements(parser, element, new LinkedHashSet<>());
    }

    public static <T> T[] readArray(JsonParser parser, ValueReader<? extends T> element, IntFunction<T[]> newArray)
            throws IOException {
        List<T> list = readElements(parser, element, new ArrayList<>());
        return list == null ? null : list.toArray(newArray.apply(list.size()));
    }

    private static <T, C extends Collection<T>> C readElements(
            JsonParser parser, ValueReader<? extends T> element, C into) throws IOException {
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
                into.add(element.read(parser));
                index++;
            }
        } catch (EventDecodeException e) {
            throw e.atIndex(index);
        }
        return into;
    }

    public static int[] readInts(JsonParser parser) throws IOException {
        List<Integer> list = readList(parser, Scalars::readInt);
        return list == null ? null : list.stream().mapToInt(Integer::intValue).toArray();
    }

    public static long[] readLongs(JsonParser parser) throws IOException {
        List<Long> list = readList(parser, Scalars::readLong);
        return list == null ? null : list.stream().mapToLong(Long::longValue).toArray();
    }

    public static double[] readDoubles(JsonParser parser) throws IOException {
        List<Double> list = readList(parser, Scalars::readDouble);
        return list == null
                ? null
                : list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static short[] readShorts(JsonParser parser) throws IOException {
        List<Short> list = readList(parser, Scalars::readShort);
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
        List<Float> list = readList(parser, Scalars::readFloat);
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
        List<Boolean> list = readList(parser, Scalars::readBoolean);
        if (list == null) {
            return null;
        }
        boolean[] values = new boolean[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        return values;
    }

    public static <V> Map<String, V> readStringMap(JsonParser parser, ValueReader<? extends V> value)
            throws IOException {
        return readMap(parser, name -> name, value);
    }

    public static <E extends Enum<E>, V> Map<E, V> readEnumMap(
            JsonParser parser, EnumJsonCodec<E> keys, ValueReader<? extends V> value) throws IOException {
        return readMap(parser, keys::fromJsonName, value);
    }

    private interface KeyReader<K> {
        K read(String name);
    }

    private static <K, V> Map<K, V> readMap(JsonParser parser, KeyReader<K> keys, ValueReader<? extends V> value)
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
                map.put(key, value.read(parser));
            }
        } catch (EventDecodeException e) {
            throw e.inField(name);
        }
        return map;
    }

    public static <T> Optional<T> readOptional(JsonParser parser, ValueReader<? extends T> present) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        return Optional.ofNullable(present.read(parser));
    }
}
