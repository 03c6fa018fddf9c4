package dev.herald.runtime.json;

import dev.herald.runtime.codec.JsonWriter;
import java.io.IOException;

/** Writes one value, {@code null} included: one half of a {@link ValueCodec}. */
@FunctionalInterface
interface ValueWriter<T> {
    void write(JsonWriter writer, T value) throws IOException;
}
