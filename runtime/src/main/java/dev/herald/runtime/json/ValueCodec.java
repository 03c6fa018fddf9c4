package dev.herald.runtime.json;

import dev.herald.runtime.codec.JsonCodec;
import dev.herald.runtime.codec.JsonReader;
import dev.herald.runtime.codec.JsonWriter;
import java.io.IOException;

/**
 * A codec made of a writer and a reader: the element codecs ({@code Scalars.STRING}, {@code
 * Containers.listOf(..)}, ...) that generated codecs pass for the values of lists, sets, arrays,
 * maps and {@code Optional}s. They are constants or built in the runtime, so generated code holds
 * no lambdas (javac attributes each one speculatively, which made compiling generated code slow).
 */
final class ValueCodec<T> implements JsonCodec<T> {
    private final ValueWriter<? super T> valueWriter;
    private final ValueReader<? extends T> valueReader;

    private ValueCodec(ValueWriter<? super T> valueWriter, ValueReader<? extends T> valueReader) {
        this.valueWriter = valueWriter;
        this.valueReader = valueReader;
    }

    static <T> JsonCodec<T> of(ValueWriter<? super T> writer, ValueReader<? extends T> reader) {
        return new ValueCodec<>(writer, reader);
    }

    @Override
    public void encode(JsonWriter writer, T value) throws IOException {
        valueWriter.write(writer, value);
    }

    @Override
    public T decode(JsonReader reader) throws IOException {
        return valueReader.read(reader);
    }
}
