package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Reads one value at the parser's current token: one half of a {@link ValueCodec}. */
@FunctionalInterface
interface ValueReader<T> {
    T read(JsonParser parser) throws IOException;
}
