package dev.herald.runtime.codec;

import java.io.IOException;

/**
 * Where a {@link JsonCodec} writes: one JSON value after another, on Jackson 2's
 * or Jackson 3's generator, whichever the application has ({@code docs/ARCHITECTURE.md}, "One
 * codec layer, two Jacksons"). The methods are Jackson's own, under the names Jackson 2 gives
 * them; each writes exactly what that Jackson's generator writes. A {@code null} text writes JSON
 * {@code null}.
 *
 * <p>Threading: confined to the thread that writes the document, like the generator under it.
 */
public abstract class JsonWriter {
    protected JsonWriter() {}

    /** Starts an object; {@code value} is the Java value it stands for (Jackson passes it to filters). */
    public abstract void writeStartObject(Object value) throws IOException;

    public abstract void writeEndObject() throws IOException;

    /** Starts an array of {@code size} elements that stands for {@code value}. */
    public abstract void writeStartArray(Object value, int size) throws IOException;

    public abstract void writeEndArray() throws IOException;

    public abstract void writeFieldName(FieldName name) throws IOException;

    public abstract void writeFieldName(String name) throws IOException;

    public abstract void writeString(String text) throws IOException;

    /** Writes the pre-encoded text of {@code text} as a JSON string (an enum constant's name). */
    public abstract void writeString(FieldName text) throws IOException;

    public abstract void writeString(char[] text, int offset, int length) throws IOException;

    public abstract void writeNumber(short value) throws IOException;

    public abstract void writeNumber(int value) throws IOException;

    public abstract void writeNumber(long value) throws IOException;

    public abstract void writeNumber(float value) throws IOException;

    public abstract void writeNumber(double value) throws IOException;

    public abstract void writeBoolean(boolean value) throws IOException;

    public abstract void writeNull() throws IOException;

    /** Writes {@code bytes} as base64 text, as Jackson writes a {@code byte[]}. */
    public abstract void writeBinary(byte[] bytes) throws IOException;

    public abstract void writeArray(int[] values, int offset, int length) throws IOException;

    public abstract void writeArray(long[] values, int offset, int length) throws IOException;

    public abstract void writeArray(double[] values, int offset, int length) throws IOException;
}
