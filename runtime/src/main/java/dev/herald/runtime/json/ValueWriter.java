package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes one value, {@code null} included; used by generated codecs for collection elements. */
@FunctionalInterface
public interface ValueWriter<T> {
    void write(JsonGenerator gen, T value) throws IOException;
}
