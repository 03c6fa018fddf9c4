package dev.herald.runtime.json;

import dev.herald.runtime.codec.JsonReader;
import dev.herald.runtime.codec.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The Jackson that writes and reads Herald's JSON: Jackson 3 ({@code tools.jackson.core}) when the
 * class path has it, else Jackson 2 ({@code com.fasterxml.jackson.core}); the system property
 * {@code herald.json} ({@code jackson2} or {@code jackson3}) picks one when both are there. Each
 * writes text as its Jackson does by default; the two differ only in how a character outside the
 * BMP is written ({@code docs/ARCHITECTURE.md}, "One codec layer, two Jacksons").
 *
 * <p>Writing and reading whole documents goes through a generator and a parser that each thread
 * keeps and reuses: creating either costs about as much as writing or reading a small event does.
 * The parser is Jackson's blocking UTF-8 one (its in-order field match compares raw bytes), reading
 * document after document from a {@link DocumentStream}; it is replaced after {@link
 * #DOCUMENTS_PER_PARSER} documents, so that the field names it has interned (map keys are user
 * data) stay bounded. Threading: those are thread-confined ({@code ThreadLocal}); a nested call on
 * the same thread, or a failure that may have left one mid-document, gets a fresh one.
 */
abstract class JsonBackend {
    /** Deeper JSON is rejected before it can exhaust the stack. */
    static final int MAX_NESTING_DEPTH = 200;

    /** Where a parser's unparsed bytes go when a document is done with (they are never used). */
    static final OutputStream DISCARD = OutputStream.nullOutputStream();

    /** How many documents one thread's parser reads before a fresh one takes over. */
    static final int DOCUMENTS_PER_PARSER = 10_000;

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonWriter writer) throws IOException;
    }

    /**
     * Reads one JSON document, with an argument; the reader's first {@code nextToken()} gives its
     * first token. The argument lets what reads every document (a codec's, an envelope's) be a
     * constant, where a lambda capturing the codec would be made for each document.
     */
    @FunctionalInterface
    interface ReadBody<A, T> {
        T read(JsonReader reader, A argument) throws IOException;
    }

    private final ThreadLocal<DocumentWriter> writers = new ThreadLocal<>();
    private final ThreadLocal<DocumentReader> readers = new ThreadLocal<>();

    static JsonBackend of(Jackson jackson) {
        return jackson == Jackson.V3 ? Jackson3.INSTANCE : Jackson2.INSTANCE;
    }

    /** The backend the class path and {@code herald.json} choose; fails saying what to add when none. */
    static JsonBackend detect() {
        String chosen = System.getProperty("herald.json", "").trim().toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case "jackson2" -> Jackson2.INSTANCE;
            case "jackson3" -> Jackson3.INSTANCE;
            case "" ->
                present("tools.jackson.core.json.JsonFactory")
                        ? Jackson3.INSTANCE
                        : present("com.fasterxml.jackson.core.JsonFactory") ? Jackson2.INSTANCE : none();
            default ->
                throw new IllegalStateException(
                        "herald.json is '" + chosen + "'; use jackson2 or jackson3, or leave it unset");
        };
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, JsonBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static JsonBackend none() {
        throw new IllegalStateException("Herald writes its JSON with Jackson, and the class path has neither"
                + " Jackson 3 (tools.jackson.core:jackson-core) nor Jackson 2 (com.fasterxml.jackson.core:"
                + "jackson-core 2.15 or later); add the one your application uses");
    }

    // Holders, so that a backend's classes load only when it is chosen.
    private static final class Jackson2 {
        static final JsonBackend INSTANCE = announced(new Jackson2Backend());
    }

    private static final class Jackson3 {
        static final JsonBackend INSTANCE = announced(new Jackson3Backend());
    }

    private static JsonBackend announced(JsonBackend backend) {
        LoggerFactory.getLogger(JsonBackend.class).info("Herald's JSON runs on {}", backend.describe());
        return backend;
    }

    abstract Jackson jackson();

    /** Which Jackson, with its version, for logs and errors. */
    abstract String describe();

    abstract DocumentWriter newDocumentWriter();

    abstract DocumentReader newDocumentReader();

    /** The bytes that {@code body} writes, as UTF-8 JSON. */
    final byte[] write(Body body) {
        DocumentWriter slot = acquire(writers, this::newDocumentWriter);
        try {
            body.write(slot.writer());
            slot.flush();
            return slot.out.takeBytes();
        } catch (IOException e) {
            writers.remove();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            writers.remove();
            throw e;
        } finally {
            slot.inUse = false;
        }
    }

    /**
     * Reads one document from UTF-8 bytes. A document is accepted only when its root value closed
     * with nothing but white space after it. Any failure, and anything unusual (white space after
     * the value, a parser that met the end of its input), discards the thread's parser. {@code
     * body} reads with {@code argument}.
     */
    final <A, T> T read(byte[] json, ReadBody<A, T> body, A argument) throws IOException {
        DocumentReader slot = acquire(readers, this::newDocumentReader);
        boolean reusable = false;
        try {
            slot.feed(json);
            T result = body.read(slot.reader(), argument);
            if (!slot.inRoot()) {
                throw EventDecodeException.of("malformed JSON: unexpected end of input");
            }
            int unread = slot.unread();
            for (int i = json.length - unread; i < json.length; i++) {
                byte b = json[i];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    throw EventDecodeException.of("malformed JSON: unexpected content after the value");
                }
            }
            // trailing white space stays unread: start afresh
            reusable = unread == 0 && slot.reusable() && ++slot.documents < DOCUMENTS_PER_PARSER;
            return result;
        } finally {
            slot.inUse = false;
            if (!reusable && readers.get() == slot) {
                readers.remove();
            }
        }
    }

    /**
     * The thread's slot, marked in use; a fresh one, not kept, when the thread's is in use (a nested
     * call). The caller marks it free again.
     */
    private static <S extends Slot> S acquire(ThreadLocal<S> slots, Supplier<S> fresh) {
        S slot = slots.get();
        if (slot == null || slot.inUse) {
            S created = fresh.get();
            if (slot == null) {
                slots.set(created);
            }
            slot = created;
        }
        slot.inUse = true;
        return slot;
    }

    /** What one thread keeps: in use while a document is written or read with it. */
    abstract static class Slot {
        boolean inUse;
    }

    /** A generator over an in-memory buffer, kept by one thread. */
    abstract static class DocumentWriter extends Slot {
        final Buffer out = new Buffer();

        abstract JsonWriter writer();

        abstract void flush() throws IOException;
    }

    /** A parser reading one whole document after another from {@link #input}, kept by one thread. */
    abstract static class DocumentReader extends Slot {
        final DocumentStream input = new DocumentStream();
        int documents;

        /** Hands over the next document; the parser is made on the first, whose first bytes it reads to detect the encoding. */
        final void feed(byte[] json) throws IOException {
            input.next(json);
            if (reader() == null) {
                open();
            }
        }

        /** Makes the parser over {@link #input}. */
        abstract void open() throws IOException;

        /** The parser's reader; {@code null} before the first document. */
        abstract JsonReader reader();

        /**
         * How many bytes of the current document the parser has not consumed: those still in the
         * stream and those it buffered but did not parse. Called once per document, after it.
         */
        final int unread() throws IOException {
            return input.remaining() + releaseBuffered();
        }

        /** The number of bytes the parser has buffered and not parsed, which it may drop. */
        abstract int releaseBuffered() throws IOException;

        /** Whether the parser is back at the root, between documents. */
        abstract boolean inRoot();

        /** Whether the parser can take another document (it has not met the end of its input). */
        final boolean reusable() {
            return !input.ended();
        }
    }

    /**
     * The input of a blocking parser that reads document after document: each is handed over
     * whole, and the parser reads it when it needs bytes. Asked for more than the document holds
     * (a truncated document, a number at the root), it reports the end of input, which ends the
     * parser's life: the slot is then discarded.
     */
    static final class DocumentStream extends java.io.InputStream {
        private byte[] document = new byte[0];
        private int position;
        private boolean ended;

        void next(byte[] json) {
            document = json;
            position = 0;
        }

        boolean ended() {
            return ended;
        }

        int remaining() {
            return document.length - position;
        }

        @Override
        public int read() {
            if (position >= document.length) {
                ended = true;
                return -1;
            }
            return document[position++] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= document.length) {
                ended = true;
                return -1;
            }
            int count = Math.min(length, document.length - position);
            System.arraycopy(document, position, into, offset, count);
            position += count;
            return count;
        }
    }

    /** An unsynchronized byte sink that hands out what it holds and starts over. */
    static final class Buffer extends OutputStream {
        private byte[] bytes = new byte[512];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        byte[] takeBytes() {
            byte[] result = Arrays.copyOf(bytes, size);
            size = 0;
            if (bytes.length > 1 << 16) {
                bytes = new byte[512]; // do not keep a rare large event's buffer forever
            }
            return result;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
