package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads one JSON document from UTF-8 bytes with a parser that each thread keeps and feeds document
 * after document (Jackson's non-blocking parser): creating a parser costs about as much as reading
 * a small event does.
 *
 * <p>Because the parser is never told that input ended, a truncated document shows up as {@link
 * JsonToken#NOT_AVAILABLE} (readers report it as the end of input), and a document is accepted
 * only when its root value closed with nothing but white space after it. Any failure, and anything
 * unusual, discards the thread's parser. Threading: thread-confined, like {@link JsonBytes}.
 */
public final class JsonReading {
    /** Reads the document; the parser's first {@code nextToken()} gives its first token. */
    @FunctionalInterface
    public interface Body<T> {
        T read(JsonParser parser) throws IOException;
    }

    private static final ThreadLocal<Slot> SLOTS = new ThreadLocal<>();

    private JsonReading() {}

    public static <T> T read(JsonFactory factory, byte[] json, Body<T> body) throws IOException {
        Slot slot = SLOTS.get();
        if (slot == null || slot.factory != factory || slot.inUse) {
            slot = new Slot(factory);
            Slot current = SLOTS.get();
            if (current == null || !current.inUse) {
                SLOTS.set(slot);
            }
        }
        slot.inUse = true;
        boolean reusable = false;
        try {
            long start = slot.parser.currentLocation().getByteOffset();
            slot.feeder.feedInput(json, 0, json.length);
            T result = body.read(slot.parser);
            if (!slot.parser.getParsingContext().inRoot() || slot.parser.currentToken() == JsonToken.NOT_AVAILABLE) {
                throw EventDecodeException.of("malformed JSON: unexpected end of input");
            }
            int end = (int) (slot.parser.currentLocation().getByteOffset() - start);
            for (int i = Math.max(0, end); i < json.length; i++) {
                byte b = json[i];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    throw EventDecodeException.of("malformed JSON: unexpected content after the value");
                }
            }
            reusable = end == json.length; // trailing white space stays unread: start afresh
            return result;
        } finally {
            slot.inUse = false;
            if (!reusable && SLOTS.get() == slot) {
                SLOTS.remove();
            }
        }
    }

    private static final class Slot {
        final JsonFactory factory;
        final JsonParser parser;
        final ByteArrayFeeder feeder;
        boolean inUse;

        Slot(JsonFactory factory) {
            this.factory = factory;
            try {
                this.parser = factory.createNonBlockingByteArrayParser();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        }
    }
}
