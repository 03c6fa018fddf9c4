package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Writes one JSON value to a fresh {@code byte[]} through a generator that each thread keeps and
 * reuses: creating a generator (context, buffers) costs more than writing a small event does.
 *
 * <p>Threading: the generator is thread-confined (a {@code ThreadLocal}); a nested call on the same
 * thread, or a failure that may have left the generator mid-value, gets a fresh one.
 */
public final class JsonBytes {
    /** Writes one JSON value. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator gen) throws IOException;
    }

    private static final ThreadLocal<Slot> SLOTS = new ThreadLocal<>();

    private JsonBytes() {}

    /** The bytes that {@code body} writes, as UTF-8 JSON from {@code factory}'s generator. */
    public static byte[] write(JsonFactory factory, Body body) {
        Slot slot = SLOTS.get();
        if (slot == null || slot.factory != factory || slot.inUse) {
            slot = new Slot(factory);
            if (SLOTS.get() == null || !SLOTS.get().inUse) {
                SLOTS.set(slot);
            }
        }
        slot.inUse = true;
        try {
            body.write(slot.gen);
            slot.gen.flush();
            return slot.out.takeBytes();
        } catch (IOException e) {
            SLOTS.remove();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            SLOTS.remove();
            throw e;
        } finally {
            slot.inUse = false;
        }
    }

    private static final class Slot {
        final JsonFactory factory;
        final Buffer out = new Buffer();
        final JsonGenerator gen;
        boolean inUse;

        Slot(JsonFactory factory) {
            this.factory = factory;
            try {
                this.gen = factory.createGenerator(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gen.setRootValueSeparator(null); // one value after another, nothing between
        }
    }

    /** An unsynchronized byte sink that hands out what it holds and starts over. */
    private static final class Buffer extends OutputStream {
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
