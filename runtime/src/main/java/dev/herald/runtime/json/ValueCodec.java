package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.herald.runtime.JsonCodec;
import java.io.IOException;

/**
 * A codec made of a writer and a reader: the element codecs ({@code Scalars.STRING}, {@code
 * Containers.listOf(..)}, ...) that generated codecs pass for the values of lists, sets, arrays,
 * maps and {@code Optional}s. They are constants or built in the runtime, so generated code holds
 * no lambdas (javac attributes each one speculatively, which made compiling generated code slow).
 */
final class ValueCodec<T> implements JsonCodec<T> {
    private final ValueWriter<? super T> writer;
    private final ValueReader<? extends T> reader;

    private ValueCodec(ValueWriter<? super T> writer, ValueReader<? extends T> reader) {
        this.writer = writer;
        this.reader = reader;
    }

    static <T> JsonCodec<T> of(ValueWriter<? super T> writer, ValueReader<? extends T> reader) {
        return new ValueCodec<>(writer, reader);
    }

    @Override
    public void encode(JsonGenerator gen, T value) throws IOException {
        writer.write(gen, value);
    }

    @Override
    public T decode(JsonParser parser) throws IOException {
        return reader.read(parser);
    }
}
