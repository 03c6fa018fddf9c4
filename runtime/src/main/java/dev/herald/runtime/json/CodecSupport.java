package dev.herald.runtime.json;

import dev.herald.runtime.codec.JsonReader;
import dev.herald.runtime.codec.JsonToken;
import java.io.IOException;

/**
 * The field loop of generated record codecs: the next field by name (in-order fast path), the
 * errors that name the field. The leaves and containers are in {@link Scalars}, {@link TimeValues}
 * and {@link Containers}. Every reader there accepts exactly the JSON the matching writer produces
 * (plus JSON {@code null}) and rejects other JSON with {@link EventDecodeException}; every writer
 * writes what the reference {@code ObjectMapper} writes.
 *
 * <p>Public only for generated code; not an API to call by hand.
 */
public final class CodecSupport {
    private CodecSupport() {}

    // ---- structure -------------------------------------------------------------------------

    /** Returned by {@link #nextField} at the end of the object. */
    public static final int END = -2;

    /** Returned by {@link #nextField} for a field the record does not have. */
    public static final int UNKNOWN = -1;

    /**
     * Moves to the next field's value and returns the field's index in {@code names}, {@link
     * #UNKNOWN} or {@link #END}. Fields usually arrive in the order the codec writes them, so the
     * {@code expected} name is tried first as raw bytes, which skips the name lookup. Its own
     * failures come as {@link EventDecodeException}, naming the field once it is known.
     */
    public static int nextField(JsonReader reader, FieldNames names, int expected) throws EventDecodeException {
        int found = UNKNOWN;
        try {
            if (expected < names.size() && reader.nextFieldName(names.get(expected))) {
                found = expected;
            } else {
                JsonToken token = expected < names.size() ? reader.currentToken() : reader.nextToken();
                if (token == JsonToken.END_OBJECT) {
                    return END;
                }
                if (token != JsonToken.FIELD_NAME) {
                    throw mismatch("a field name", token);
                }
                found = names.indexOf(reader.currentName());
            }
            reader.nextToken();
            return found;
        } catch (IOException | RuntimeException e) {
            throw failure(found != UNKNOWN ? names.name(found) : fieldBeingRead(reader, names, expected), e);
        }
    }

    /**
     * The field whose value failed to parse while {@link #nextField} looked for the next name: a
     * blocking parser reads a name and the token after it in one step, so a malformed value fails
     * before the name is returned. The field the reader stands on is that one, unless it is still
     * the previous field's (the name itself was malformed).
     */
    private static String fieldBeingRead(JsonReader reader, FieldNames names, int expected) {
        try {
            String current = reader.currentName();
            int index = current == null ? UNKNOWN : names.indexOf(current);
            return index != UNKNOWN && index != expected - 1 ? current : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Fails unless the current token starts an object. */
    public static void expectObject(JsonReader reader) {
        JsonToken token = reader.currentToken();
        if (token != JsonToken.START_OBJECT) {
            throw mismatch("an object", token);
        }
    }

    /** Wraps what went wrong reading {@code field} so that the message names it. */
    public static EventDecodeException failure(String field, Exception e) {
        EventDecodeException decode =
                e instanceof EventDecodeException d ? d : EventDecodeException.of(String.valueOf(e.getMessage()), e);
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
            case END_OBJECT -> "}";
            case END_ARRAY -> "]";
            case FIELD_NAME -> "a field name";
            default -> "an unsupported value";
        };
    }
}
