package dev.herald.runtime.codec;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What a {@link JsonCodec} reads from: the tokens of Jackson 2's or Jackson 3's
 * parser, whichever the application has ({@code docs/ARCHITECTURE.md}, "One codec layer, two
 * Jacksons"). The methods are Jackson's own, under the names Jackson 2 gives them. Malformed JSON
 * comes out of every method as {@code dev.herald.runtime.json.EventDecodeException} ("malformed JSON: ..."), so that codecs
 * handle one exception type whichever Jackson parses.
 *
 * <p>Threading: confined to the thread that reads the document, like the parser under it.
 */
public abstract class JsonReader {
    protected JsonReader() {}

    /** The current token; {@code null} before the first and after the last one. */
    public abstract JsonToken currentToken();

    /** Moves to the next token and returns it; {@code null} at the end of the input. */
    public abstract JsonToken nextToken() throws IOException;

    /**
     * Moves to the next token; true when it is the field {@code name} (matched as pre-encoded
     * bytes, no string made), false for any other token, which is then the current one.
     */
    public abstract boolean nextFieldName(FieldName name) throws IOException;

    /** Moves to the next token; its name when it is a field name, else {@code null}. */
    public abstract String nextFieldName() throws IOException;

    /** The name of the current field, also while on its value. */
    public abstract String currentName() throws IOException;

    /** The text of the current string, or the current token as written (a number's digits). */
    public abstract String getText() throws IOException;

    /** True when the current integer does not fit in a {@code long}. */
    public abstract boolean isBigInteger() throws IOException;

    public abstract long getLongValue() throws IOException;

    public abstract float getFloatValue() throws IOException;

    public abstract double getDoubleValue() throws IOException;

    public abstract BigDecimal getDecimalValue() throws IOException;

    public abstract BigInteger getBigIntegerValue() throws IOException;

    /** The current string read as base64, as Jackson writes a {@code byte[]}. */
    public abstract byte[] getBinaryValue() throws IOException;

    /** On the start of an object or array: moves to its end. On any other token: stays. */
    public abstract void skipChildren() throws IOException;
}
