package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.herald.runtime.JsonCodec;
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

    public static final JsonCodec<String> STRING = ValueCodec.of(JsonGenerator::writeString, Scalars::readString);
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

    public static boolean readBoolean(JsonParser parser) {
        Boolean value = readBooleanBox(parser);
        return value != null && value;
    }

    public static Boolean readBooleanBox(JsonParser parser) {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw CodecSupport.mismatch("a boolean", parser.currentToken());
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
            throw CodecSupport.mismatch("an integer", token);
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
            default -> throw CodecSupport.mismatch("a number", token);
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

    public static String readString(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw CodecSupport.mismatch("a string", token);
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
            default -> throw CodecSupport.mismatch("a decimal number as a string", token);
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
            default -> throw CodecSupport.mismatch("an integer as a string", token);
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
            return java.util.UUID.fromString(text); // qualified: the constant UUID hides the type here
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
            throw CodecSupport.mismatch("a base64 string", token);
        }
        return parser.getBinaryValue();
    }

    public static char[] readChars(JsonParser parser) throws IOException {
        String text = readString(parser);
        return text == null ? null : text.toCharArray();
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
}
