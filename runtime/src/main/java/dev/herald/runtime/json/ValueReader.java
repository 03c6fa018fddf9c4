package dev.herald.runtime.json;

import dev.herald.runtime.codec.JsonReader;
import java.io.IOException;

/** Reads one value at the reader's current token: one half of a {@link ValueCodec}. */
@FunctionalInterface
interface ValueReader<T> {
    T read(JsonReader reader) throws IOException;
}
