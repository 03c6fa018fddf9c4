package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.herald.runtime.internal.Texts;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Reading and writing of the leaf and container types that generated codecs share. Every reader
 * accepts exactly the JSON the matching writer produces (plus JSON {@code null}), rejects other JSON
 * types with {@link EventDecodeException}, and checks numeric ranges; every writer writes what the
 * reference {@code ObjectMapper} of DESIGN.md section 4 writes.
 *
 * <p>Public only for generated code; not an API to call by hand.
 */
public final class CodecSupport {
    /** BigInteger and BigDecimal text longer than this is rejected: parsing is quadratic in length. */
    private static final int MAX_BIG_NUMBER_LENGTH = 1000;

    private CodecSupport() {}

    // ---- structure -------------------------------------------------------------------------

    /** Returned by {@link #nextField} at the end of the object. */
    public static final int END = -2;

    /** Returned by {@link #nextField} for a field the record does not have. */
    public static final int UNKNOWN = -1;

    /**
     * Moves to the next field's value and returns the field's index in {@code names}, {@link
     * #UNKNOWN} or {@link #END}. Fields usually arrive in the order the codec writes them, so the
     * {@code expected} name is tried first as raw bytes, which skips the name lookup.
     */
    public static int nextField(JsonParser parser, FieldNames names, int expected) throws IOException {
        int found;
        if (expected < names.size() && parser.nextFieldName(names.get(expected))) {
            found = expected;
        } else {
            JsonToken token = expected < names.size() ? parser.currentToken() : parser.nextToken();
            if (token == JsonToken.END_OBJECT) {
                return END;
            }
            if (token != JsonToken.FIELD_NAME) {
                throw mismatch("a field name", token);
            }
            found = names.indexOf(parser.currentName());
        }
        parser.nextToken();
        return found;
    }

    /** Fails unless the current token starts an object. */
    public static void expectObject(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT) {
            throw mismatch("an object", token);
        }
    }

    /** Wraps what went wrong reading {@code field} so that the message names it. */
    public static EventDecodeException failure(String field, Exception e) {
        EventDecodeException decode = e instanceof EventDecodeException d
                ? d
                : e instanceof JsonProcessingException json
                        ? EventDecodeException.of(json.getOriginalMessage(), json)
                        : EventDecodeException.of(String.valueOf(e.getMessage()), e);
        return decode.inField(field);
    }

    /** Wraps an exception thrown by a record's constructor while decoding it. */
    public static EventDecodeException rejected(Class<?> type, RuntimeException e) {
        return EventDecodeException.of(type.getSimpleName() + " rejected the decoded values: " + e, e);
    }

    static EventDecodeException mismatch(String expected, JsonToken found) {
        return EventDecodeException.of("expected " + expected + ", found " + describe(found));
    }

    private static String describe(JsonToken token) {
        if (token == null || token == JsonToken.NOT_AVAILABLE) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    // ---- booleans, numbers, text -----------------------------------------------------------

    public static boolean readBoolean(JsonParser parser) {
        Boolean value = readBooleanBox(parser);
        return value != null && value;
    }

    public static Boolean readBooleanBox(JsonParser parser) {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw mismatch("a boolean", parser.currentToken());
        };
    }

    public static int readInt(JsonParser parser) throws IOException {
        Long value = readIntegral(parser, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
        return value == null ? 0 : value.intValue();
    }

    public static Integer readIntBox(JsonParser parser) throws IOException {
        Long value = readIntegral(parser, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
        return value == null ? null : value.intValue();
    }

    public static long readLong(JsonParser parser) throws IOException {
        Long value = readIntegral(parser, Long.MIN_VALUE, Long.MAX_VALUE, "long");
        return value == null ? 0L : value;
    }

    public static Long readLongBox(JsonParser parser) throws IOException {
        return readIntegral(parser, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    public static short readShort(JsonParser parser) throws IOException {
        Long value = readIntegral(parser, Short.MIN_VALUE, Short.MAX_VALUE, "short");
        return value == null ? 0 : value.shortValue();
    }

    public static Short readShortBox(JsonParser parser) throws IOException {
        Long value = readIntegral(parser, Short.MIN_VALUE, Short.MAX_VALUE, "short");
        return value == null ? null : value.shortValue();
    }

    public static byte readByte(JsonParser parser) throws IOException {
        Long value = readIntegral(parser, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
        return value == null ? 0 : value.byteValue();
    }

    public static Byte readByteBox(JsonParser parser) throws IOException {
        Long value = readIntegral(parser, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
        return value == null ? null : value.byteValue();
    }

    private static Long readIntegral(JsonParser parser, long min, long max, String javaType) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw mismatch("an integer", token);
        }
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.BIG_INTEGER) {
            throw outOfRange(parser, javaType);
        }
        long value = parser.getLongValue();
        if (value < min || value > max) {
            throw outOfRange(parser, javaType);
        }
        return value;
    }

    private static EventDecodeException outOfRange(JsonParser parser, String javaType) throws IOException {
        return EventDecodeException.of("number " + parser.getText() + " is out of range for " + javaType);
    }

    public static double readDouble(JsonParser parser) throws IOException {
        Double value = readDoubleBox(parser);
        return value == null ? 0d : value;
    }

    public static Double readDoubleBox(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                double value = parser.getDoubleValue();
                if (Double.isInfinite(value)) {
                    throw outOfRange(parser, "double");
                }
                yield value;
            }
            case VALUE_STRING -> nonFinite(parser.getText());
            default -> throw mismatch("a number", token);
        };
    }

    public static float readFloat(JsonParser parser) throws IOException {
        Float value = readFloatBox(parser);
        return value == null ? 0f : value;
    }

    public static Float readFloatBox(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                float value = parser.getFloatValue();
                if (Float.isInfinite(value)) {
                    throw outOfRange(parser, "float");
                }
                yield value;
            }
            case VALUE_STRING -> (float) nonFinite(parser.getText());
            default -> throw mismatch("a number", token);
        };
    }

    /** Jackson writes NaN and infinities as strings; accept exactly those back. */
    private static double nonFinite(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default ->
                throw EventDecodeException.of("expected a number, found the string \"" + Texts.excerpt(text) + "\"");
        };
    }

    public static String readString(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw mismatch("a string", token);
    }

    public static char readChar(JsonParser parser) throws IOException {
        Character value = readCharBox(parser);
        return value == null ? '\0' : value;
    }

    public static Character readCharBox(JsonParser parser) throws IOException {
        String text = readString(parser);
        if (text == null) {
            return null;
        }
        if (text.length() != 1) {
            throw EventDecodeException.of("expected a single character, found a string of length " + text.length());
        }
        return text.charAt(0);
    }

    public static BigDecimal readBigDecimal(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_STRING -> {
                String text = bigNumberText(parser);
                try {
                    yield new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not a decimal number");
                }
            }
            default -> throw mismatch("a decimal number as a string", token);
        };
    }

    public static BigInteger readBigInteger(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> parser.getBigIntegerValue();
            case VALUE_STRING -> {
                String text = bigNumberText(parser);
                try {
                    yield new BigInteger(text);
                } catch (NumberFormatException e) {
                    throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not an integer");
                }
            }
            default -> throw mismatch("an integer as a string", token);
        };
    }

    private static String bigNumberText(JsonParser parser) throws IOException {
        String text = parser.getText();
        if (text.length() > MAX_BIG_NUMBER_LENGTH) {
            throw EventDecodeException.of("number text longer than " + MAX_BIG_NUMBER_LENGTH + " characters");
        }
        return text;
    }

    public static UUID readUuid(JsonParser parser) throws IOException {
        String text = readString(parser);
        if (text == null) {
            return null;
        }
        // UUID.fromString accepts short forms such as "1-1-1-1-1"; only the canonical form round-trips.
        if (text.length() != 36) {
            throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not a UUID");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not a UUID");
        }
    }

    public static byte[] readBytes(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw mismatch("a base64 string", token);
        }
        return parser.getBinaryValue();
    }

    public static char[] readChars(JsonParser parser) throws IOException {
        String text = readString(parser);
        return text == null ? null : text.toCharArray();
    }

    // ---- java.time -------------------------------------------------------------------------

    public static Instant readInstant(JsonParser parser) throws IOException {
        String text = readString(parser);
        if (text == null) {
            return null;
        }
        try {
            return IsoInstant.parse(text);
        } catch (RuntimeException e) {
            throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not an ISO-8601 instant");
        }
    }

    public static OffsetDateTime readOffsetDateTime(JsonParser parser) throws IOException {
        return readTime(
                parser,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME,
                OffsetDateTime::from,
                "an ISO-8601 date-time with offset");
    }

    public static LocalDate readLocalDate(JsonParser parser) throws IOException {
        return readTime(parser, DateTimeFormatter.ISO_LOCAL_DATE, LocalDate::from, "an ISO-8601 date");
    }

    public static LocalDateTime readLocalDateTime(JsonParser parser) throws IOException {
        return readTime(
                parser, DateTimeFormatter.ISO_LOCAL_DATE_TIME, LocalDateTime::from, "an ISO-8601 local date-time");
    }

    public static Duration readDuration(JsonParser parser) throws IOException {
        String text = readString(parser);
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not an ISO-8601 duration");
        }
    }

    private static <T> T readTime(JsonParser parser, DateTimeFormatter format, TemporalQuery<T> query, String what)
            throws IOException {
        String text = readString(parser);
        if (text == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = format.parse(text);
            return query.queryFrom(parsed);
        } catch (RuntimeException e) {
            throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not " + what);
        }
    }

    public static void writeInstant(JsonGenerator gen, Instant value) throws IOException {
        gen.writeString(value == null ? null : IsoInstant.format(value));
    }

    public static void writeOffsetDateTime(JsonGenerator gen, OffsetDateTime value) throws IOException {
        gen.writeString(value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }

    public static void writeLocalDate(JsonGenerator gen, LocalDate value) throws IOException {
        gen.writeString(value == null ? null : DateTimeFormatter.ISO_LOCAL_DATE.format(value));
    }

    public static void writeLocalDateTime(JsonGenerator gen, LocalDateTime value) throws IOException {
        gen.writeString(value == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value));
    }

    public static void writeDuration(JsonGenerator gen, Duration value) throws IOException {
        gen.writeString(value == null ? null : value.toString());
    }

    // ---- boxed and other leaves --------------------------------------------------------------

    public static void writeBooleanBox(JsonGenerator gen, Boolean value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeBoolean(value);
        }
    }

    public static void writeIntBox(JsonGenerator gen, Number value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value.intValue());
        }
    }

    public static void writeShortBox(JsonGenerator gen, Short value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value.shortValue());
        }
    }

    public static void writeLongBox(JsonGenerator gen, Long value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value.longValue());
        }
    }

    public static void writeFloatBox(JsonGenerator gen, Float value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value.floatValue());
        }
    }

    public static void writeDoubleBox(JsonGenerator gen, Double value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value.doubleValue());
        }
    }

    public static void writeChar(JsonGenerator gen, char value) throws IOException {
        gen.writeString(String.valueOf(value));
    }

    public static void writeCharBox(JsonGenerator gen, Character value) throws IOException {
        gen.writeString(value == null ? null : value.toString());
    }

    public static void writeBigDecimal(JsonGenerator gen, BigDecimal value) throws IOException {
        gen.writeString(value == null ? null : value.toString());
    }

    public static void writeBigInteger(JsonGenerator gen, BigInteger value) throws IOException {
        gen.writeString(value == null ? null : value.toString());
    }

    public static void writeUuid(JsonGenerator gen, UUID value) throws IOException {
        gen.writeString(value == null ? null : value.toString());
    }

    public static void writeBytes(JsonGenerator gen, byte[] value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeBinary(value);
        }
    }

    public static void writeChars(JsonGenerator gen, char[] value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeString(value, 0, value.length);
        }
    }

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
            throw mismatch("an array", token);
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
        List<Integer> list = readList(parser, CodecSupport::readInt);
        return list == null ? null : list.stream().mapToInt(Integer::intValue).toArray();
    }

    public static long[] readLongs(JsonParser parser) throws IOException {
        List<Long> list = readList(parser, CodecSupport::readLong);
        return list == null ? null : list.stream().mapToLong(Long::longValue).toArray();
    }

    public static double[] readDoubles(JsonParser parser) throws IOException {
        List<Double> list = readList(parser, CodecSupport::readDouble);
        return list == null
                ? null
                : list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static short[] readShorts(JsonParser parser) throws IOException {
        List<Short> list = readList(parser, CodecSupport::readShort);
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
        List<Float> list = readList(parser, CodecSupport::readFloat);
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
        List<Boolean> list = readList(parser, CodecSupport::readBoolean);
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
            throw mismatch("an object", token);
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
