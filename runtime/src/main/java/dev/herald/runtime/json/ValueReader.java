package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Reads one value at the parser's current token; used by generated codecs for collection elements. */
@FunctionalInterface
public interface ValueReader<T> {
    T read(JsonParser parser) throws IOException;
}
