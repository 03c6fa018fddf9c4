package dev.herald.runtime.codec;

/**
 * The kind of token a {@link JsonReader} stands on: the same for Jackson 2 and Jackson 3, whose own
 * token enums differ in package and in one name (Jackson 3 calls a field name a property name).
 */
public enum JsonToken {
    START_OBJECT,
    END_OBJECT,
    START_ARRAY,
    END_ARRAY,
    FIELD_NAME,
    VALUE_STRING,
    VALUE_NUMBER_INT,
    VALUE_NUMBER_FLOAT,
    VALUE_TRUE,
    VALUE_FALSE,
    VALUE_NULL,
    /** Anything else Jackson may report (an embedded object); codecs reject it like a wrong type. */
    OTHER,
    /**
     * Input that is not there yet: what a non-blocking parser an {@code ObjectMapper} passes to a
     * Herald module reports mid-document (Herald's own reading meets the end of input as an error).
     */
    NOT_AVAILABLE
}
