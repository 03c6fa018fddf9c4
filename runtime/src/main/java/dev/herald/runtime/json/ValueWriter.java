package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes one value, {@code null} included: one half of a {@link ValueCodec}. */
@FunctionalInterface
interface ValueWriter<T> {
    void write(JsonGenerator gen, T value) throws IOException;
}
