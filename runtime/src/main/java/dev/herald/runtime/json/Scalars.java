package dev.herald.runtime.json;

import dev.herald.runtime.codec.JsonCodec;
import dev.herald.runtime.codec.JsonReader;
import dev.herald.runtime.codec.JsonToken;
import dev.herald.runtime.codec.JsonWriter;
import dev.herald.runtime.internal.Texts;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

/**
 * Booleans, numbers (range-checked), text, chars, big numbers, UUIDs and base64 bytes, for
 * generated codecs. Public only for generated code.
 */
public final class Scalars {
    /** BigInteger and BigDecimal text longer than this is rejected: parsing is quadratic in length. */
    private static final int MAX_BIG_NUMBER_LENGTH = 1000;

    private Scalars() {}

    // ---- element codecs: values inside lists, sets, arrays, maps and Optionals (null allowed) -----

    public static final JsonCodec<String> STRING = ValueCodec.of(JsonWriter::writeString, Scalars::readString);
    public static final JsonCodec<Boolean> BOOLEAN = ValueCodec.of(Scalars::writeBooleanBox, Scalars::readBooleanBox);
    public static final JsonCodec<Byte> BYTE = ValueCodec.of(Scalars::writeIntBox, Scalars::readByteBox);
    public static final JsonCodec<Short> SHORT = ValueCodec.of(Scalars::writeShortBox, Scalars::readShortBox);
    public static final JsonCodec<Integer> INT = ValueCodec.of(Scalars::writeIntBox, Scalars::readIntBox);
    public static final JsonCodec<Long> LONG = ValueCodec.of(Scalars::writeLongBox, Scalars::readLongBox);
    public static final JsonCodec<Float> FLOAT = ValueCodec.of(Scalars::writeFloatBox, Scalars::readFloatBox);
    public static final JsonCodec<Double> DOUBLE = ValueCodec.of(Scalars::writeDoubleBox, Scalars::readDoubleBox);
    public static final JsonCodec<Character> CHAR = ValueCodec.of(Scalars::writeCharBox, Scalars::readCharBox);
    public static final JsonCodec<UUID> UUID = ValueCodec.of(Scalars::writeUuid, Scalars::readUuid);
    public static final JsonCodec<BigDecimal> BIG_DECIMAL =
            ValueCodec.of(Scalars::writeBigDecimal, Scalars::readBigDecimal);
    public static final JsonCodec<BigInteger> BIG_INTEGER =
            ValueCodec.of(Scalars::writeBigInteger, Scalars::readBigInteger);
    /** {@code byte[]} as base64 text, as Jackson writes it. */
    public static final JsonCodec<byte[]> BYTES = ValueCodec.of(Scalars::writeBytes, Scalars::readBytes);
    /** {@code char[]} as one string, as Jackson writes it. */
    public static final JsonCodec<char[]> CHARS = ValueCodec.of(Scalars::writeChars, Scalars::readChars);

    // ---- booleans, numbers, text -----------------------------------------------------------

    public static boolean readBoolean(JsonReader reader) {
        return switch (reader.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw CodecSupport.mismatch("a boolean", reader.currentToken());
        };
    }

    public static Boolean readBooleanBox(JsonReader reader) {
        return reader.currentToken() == JsonToken.VALUE_NULL ? null : readBoolean(reader);
    }

    // The primitive readers take JSON null as 0 and never box: they run for every number read.

    public static int readInt(JsonReader reader) throws IOException {
        return isNull(reader) ? 0 : (int) integral(reader, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    public static Integer readIntBox(JsonReader reader) throws IOException {
        return isNull(reader) ? null : readInt(reader);
    }

    public static long readLong(JsonReader reader) throws IOException {
        return isNull(reader) ? 0L : integral(reader, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    public static Long readLongBox(JsonReader reader) throws IOException {
        return isNull(reader) ? null : readLong(reader);
    }

    public static short readShort(JsonReader reader) throws IOException {
        return isNull(reader) ? 0 : (short) integral(reader, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    public static Short readShortBox(JsonReader reader) throws IOException {
        return isNull(reader) ? null : readShort(reader);
    }

    public static byte readByte(JsonReader reader) throws IOException {
        return isNull(reader) ? 0 : (byte) integral(reader, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    public static Byte readByteBox(JsonReader reader) throws IOException {
        return isNull(reader) ? null : readByte(reader);
    }

    private static boolean isNull(JsonReader reader) {
        return reader.currentToken() == JsonToken.VALUE_NULL;
    }

    /** The current integer, which must lie in {@code [min, max]}; not called on JSON null. */
    private static long integral(JsonReader reader, long min, long max, String javaType) throws IOException {
        JsonToken token = reader.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw CodecSupport.mismatch("an integer", token);
        }
        if (reader.isBigInteger()) {
            throw outOfRange(reader, javaType);
        }
        long value = reader.getLongValue();
        if (value < min || value > max) {
            throw outOfRange(reader, javaType);
        }
        return value;
    }

    private static EventDecodeException outOfRange(JsonReader reader, String javaType) throws IOException {
        return EventDecodeException.of("number " + reader.getText() + " is out of range for " + javaType);
    }

    public static double readDouble(JsonReader reader) throws IOException {
        Double value = readDoubleBox(reader);
        return value == null ? 0d : value;
    }

    public static Double readDoubleBox(JsonReader reader) throws IOException {
        JsonToken token = reader.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                double value = reader.getDoubleValue();
                if (Double.isInfinite(value)) {
                    throw outOfRange(reader, "double");
                }
                yield value;
            }
            case VALUE_STRING -> nonFinite(reader.getText());
            default -> throw CodecSupport.mismatch("a number", token);
        };
    }

    public static float readFloat(JsonReader reader) throws IOException {
        Float value = readFloatBox(reader);
        return value == null ? 0f : value;
    }

    public static Float readFloatBox(JsonReader reader) throws IOException {
        JsonToken token = reader.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                float value = reader.getFloatValue();
                if (Float.isInfinite(value)) {
                    throw outOfRange(reader, "float");
                }
                yield value;
            }
            case VALUE_STRING -> (float) nonFinite(reader.getText());
            default -> throw CodecSupport.mismatch("a number", token);
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

    public static String readString(JsonReader reader) throws IOException {
        JsonToken token = reader.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return reader.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw CodecSupport.mismatch("a string", token);
    }

    public static char readChar(JsonReader reader) throws IOException {
        Character value = readCharBox(reader);
        return value == null ? '\0' : value;
    }

    public static Character readCharBox(JsonReader reader) throws IOException {
        String text = readString(reader);
        if (text == null) {
            return null;
        }
        if (text.length() != 1) {
            throw EventDecodeException.of("expected a single character, found a string of length " + text.length());
        }
        return text.charAt(0);
    }

    public static BigDecimal readBigDecimal(JsonReader reader) throws IOException {
        JsonToken token = reader.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> reader.getDecimalValue();
            case VALUE_STRING -> {
                String text = bigNumberText(reader);
                try {
                    yield new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not a decimal number");
                }
            }
            default -> throw CodecSupport.mismatch("a decimal number as a string", token);
        };
    }

    public static BigInteger readBigInteger(JsonReader reader) throws IOException {
        JsonToken token = reader.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> reader.getBigIntegerValue();
            case VALUE_STRING -> {
                String text = bigNumberText(reader);
                try {
                    yield new BigInteger(text);
                } catch (NumberFormatException e) {
                    throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not an integer");
                }
            }
            default -> throw CodecSupport.mismatch("an integer as a string", token);
        };
    }

    private static String bigNumberText(JsonReader reader) throws IOException {
        String text = reader.getText();
        if (text.length() > MAX_BIG_NUMBER_LENGTH) {
            throw EventDecodeException.of("number text longer than " + MAX_BIG_NUMBER_LENGTH + " characters");
        }
        return text;
    }

    public static UUID readUuid(JsonReader reader) throws IOException {
        String text = readString(reader);
        if (text == null) {
            return null;
        }
        // UUID.fromString accepts short forms such as "1-1-1-1-1"; only the canonical form round-trips.
        if (text.length() != 36) {
            throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not a UUID");
        }
        try {
            return java.util.UUID.fromString(text); // qualified: the constant UUID hides the type here
        } catch (IllegalArgumentException e) {
            throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not a UUID");
        }
    }

    public static byte[] readBytes(JsonReader reader) throws IOException {
        JsonToken token = reader.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw CodecSupport.mismatch("a base64 string", token);
        }
        return reader.getBinaryValue();
    }

    public static char[] readChars(JsonReader reader) throws IOException {
        String text = readString(reader);
        return text == null ? null : text.toCharArray();
    }

    // ---- boxed and other leaves --------------------------------------------------------------

    public static void writeBooleanBox(JsonWriter writer, Boolean value) throws IOException {
        if (value == null) {
            writer.writeNull();
        } else {
            writer.writeBoolean(value);
        }
    }

    public static void writeIntBox(JsonWriter writer, Number value) throws IOException {
        if (value == null) {
            writer.writeNull();
        } else {
            writer.writeNumber(value.intValue());
        }
    }

    public static void writeShortBox(JsonWriter writer, Short value) throws IOException {
        if (value == null) {
            writer.writeNull();
        } else {
            writer.writeNumber(value.shortValue());
        }
    }

    public static void writeLongBox(JsonWriter writer, Long value) throws IOException {
        if (value == null) {
            writer.writeNull();
        } else {
            writer.writeNumber(value.longValue());
        }
    }

    public static void writeFloatBox(JsonWriter writer, Float value) throws IOException {
        if (value == null) {
            writer.writeNull();
        } else {
            writer.writeNumber(value.floatValue());
        }
    }

    public static void writeDoubleBox(JsonWriter writer, Double value) throws IOException {
        if (value == null) {
            writer.writeNull();
        } else {
            writer.writeNumber(value.doubleValue());
        }
    }

    public static void writeChar(JsonWriter writer, char value) throws IOException {
        writer.writeString(String.valueOf(value));
    }

    public static void writeCharBox(JsonWriter writer, Character value) throws IOException {
        writer.writeString(value == null ? null : value.toString());
    }

    public static void writeBigDecimal(JsonWriter writer, BigDecimal value) throws IOException {
        writer.writeString(value == null ? null : value.toString());
    }

    public static void writeBigInteger(JsonWriter writer, BigInteger value) throws IOException {
        writer.writeString(value == null ? null : value.toString());
    }

    public static void writeUuid(JsonWriter writer, UUID value) throws IOException {
        writer.writeString(value == null ? null : value.toString());
    }

    public static void writeBytes(JsonWriter writer, byte[] value) throws IOException {
        if (value == null) {
            writer.writeNull();
        } else {
            writer.writeBinary(value);
        }
    }

    public static void writeChars(JsonWriter writer, char[] value) throws IOException {
        if (value == null) {
            writer.writeNull();
        } else {
            writer.writeString(value, 0, value.length);
        }
    }
}
