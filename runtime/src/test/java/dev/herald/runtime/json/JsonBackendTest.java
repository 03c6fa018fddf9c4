package dev.herald.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.runtime.codec.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both Jacksons: the thread's reused generator and parser, and the same bytes from each. */
class JsonBackendTest {
    private static String write(JsonBackend backend, String key, int value) {
        return text(backend.write(writer -> {
            writer.writeStartObject(null);
            writer.writeFieldName(key);
            writer.writeNumber(value);
            writer.writeEndObject();
        }));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Reads {@code {"<key>":<int>}} back as its number. */
    private static long read(JsonBackend backend, String json) throws IOException {
        return backend.read(
                json.getBytes(StandardCharsets.UTF_8),
                (reader, none) -> {
                    reader.nextToken();
                    CodecSupport.expectObject(reader);
                    reader.nextFieldName();
                    reader.nextToken();
                    long value = Scalars.readLong(reader);
                    if (reader.nextToken() != JsonToken.END_OBJECT) {
                        throw new AssertionError("expected the end of the object");
                    }
                    return value;
                },
                null);
    }

    @ParameterizedTest
    @EnumSource(Jackson.class)
    void eachCallGivesExactlyItsOwnValue(Jackson jackson) {
        JsonBackend backend = JsonBackend.of(jackson);
        assertThat(write(backend, "a", 1)).isEqualTo("{\"a\":1}");
        assertThat(write(backend, "b", 2)).isEqualTo("{\"b\":2}");
        assertThat(write(backend, "c".repeat(100_000), 3)).hasSize(100_006);
        assertThat(write(backend, "d", 4)).isEqualTo("{\"d\":4}");
    }

    @ParameterizedTest
    @EnumSource(Jackson.class)
    void aFailureHalfwayDoesNotLeakIntoTheNextValue(Jackson jackson) {
        JsonBackend backend = JsonBackend.of(jackson);
        assertThatThrownBy(() -> backend.write(writer -> {
                    writer.writeStartObject(null);
                    writer.writeFieldName("half");
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(write(backend, "whole", 1)).isEqualTo("{\"whole\":1}");
    }

    @ParameterizedTest
    @EnumSource(Jackson.class)
    void aNestedCallOnTheSameThreadGetsItsOwnGeneratorAndParser(Jackson jackson) throws Exception {
        JsonBackend backend = JsonBackend.of(jackson);
        byte[][] inner = new byte[1][];
        byte[] outer = backend.write(writer -> {
            writer.writeStartArray(null, 1);
            inner[0] = backend.write(w -> w.writeString("inner"));
            writer.writeString("outer");
            writer.writeEndArray();
        });
        assertThat(text(outer)).isEqualTo("[\"outer\"]");
        assertThat(text(inner[0])).isEqualTo("\"inner\"");

        long[] nested = new long[1];
        long value = backend.read(
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                (reader, none) -> {
                    nested[0] = read(backend, "{\"b\":2}");
                    reader.nextToken();
                    reader.nextFieldName();
                    reader.nextToken();
                    long a = Scalars.readLong(reader);
                    reader.nextToken();
                    return a;
                },
                null);
        assertThat(value).isEqualTo(1);
        assertThat(nested[0]).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Jackson.class)
    void aDocumentIsReadWholeOrRejected_andTheNextOneStillReads(Jackson jackson) throws Exception {
        JsonBackend backend = JsonBackend.of(jackson);
        assertThat(read(backend, "{\"a\":1}")).isEqualTo(1);
        assertThatThrownBy(() -> read(backend, "{\"a\":2"))
                .isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("end of input");
        assertThat(read(backend, "{\"a\":3}")).isEqualTo(3);
        assertThatThrownBy(() -> read(backend, "{\"a\":4} {}"))
                .isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("unexpected content after the value");
        assertThatThrownBy(() -> read(backend, "{\"a\":tru}"))
                .isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("malformed JSON");
        assertThat(read(backend, "{\"a\":5}\n")).isEqualTo(5);
        assertThat(read(backend, "{\"a\":6}")).isEqualTo(6);
    }

    @ParameterizedTest
    @EnumSource(Jackson.class)
    void whatFollowsADocumentLargerThanTheParsersBufferIsCheckedToo(Jackson jackson) throws Exception {
        JsonBackend backend = JsonBackend.of(jackson);
        String large = "{\"a\":7" + " ".repeat(20_000) + "}";
        assertThat(read(backend, large + " ".repeat(20_000))).isEqualTo(7);
        assertThatThrownBy(() -> read(backend, large + " ".repeat(20_000) + "x"))
                .isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("unexpected content after the value");
        assertThatThrownBy(() -> read(backend, large + "x" + " ".repeat(20_000)))
                .isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("unexpected content after the value");
        assertThat(read(backend, "{\"a\":8}")).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(Jackson.class)
    void nestingBeyondTheLimitIsRejected(Jackson jackson) {
        JsonBackend backend = JsonBackend.of(jackson);
        String deep = "[".repeat(JsonBackend.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonBackend.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> backend.read(
                        deep.getBytes(StandardCharsets.UTF_8),
                        (reader, none) -> {
                            JsonToken token;
                            do {
                                token = reader.nextToken();
                            } while (token != null && token != JsonToken.NOT_AVAILABLE);
                            return null;
                        },
                        null))
                .isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("nesting depth");
    }

    @ParameterizedTest
    @EnumSource(Jackson.class)
    void threadsDoNotShareGeneratorsOrParsers(Jackson jackson) throws Exception {
        JsonBackend backend = JsonBackend.of(jackson);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        String json = write(backend, "t" + thread, i);
                        assertThat(json).isEqualTo("{\"t" + thread + "\":" + i + "}");
                        assertThat(read(backend, json)).isEqualTo(i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each backend writes text as its Jackson's generator does by default, so that an application's
     * mapper with Herald's module writes the wire's bytes: the two differ only in a character
     * outside the BMP (Jackson 2 escapes its surrogate pair, Jackson 3 writes its UTF-8 bytes).
     */
    @ParameterizedTest
    @EnumSource(Jackson.class)
    void textIsWrittenAsItsJacksonWritesIt(Jackson jackson) {
        JsonBackend backend = JsonBackend.of(jackson);
        String written = text(backend.write(writer -> {
            writer.writeStartArray(null, 4);
            writer.writeString("smile \uD83D\uDE00 tab\t quote\" slash/ nul\u0000 caf\u00e9");
            writer.writeNumber(Double.NaN);
            writer.writeNumber(0.1f);
            writer.writeBinary(new byte[] {1, 2, 3, (byte) 0xff});
            writer.writeEndArray();
        }));
        String smile = jackson == Jackson.V2 ? "\\uD83D\\uDE00" : "\uD83D\uDE00";
        assertThat(written)
                .isEqualTo("[\"smile " + smile
                        + " tab\\t quote\\\" slash/ nul\\u0000 caf\u00e9\",\"NaN\",0.1,\"AQID/w==\"]");
    }

    @ParameterizedTest
    @EnumSource(Jackson.class)
    void theSystemPropertyPicksTheJackson(Jackson jackson) {
        String before = System.getProperty("herald.json");
        try {
            System.setProperty("herald.json", jackson == Jackson.V2 ? "jackson2" : "Jackson3");
            assertThat(Jackson.detected()).isEqualTo(jackson);
            System.setProperty("herald.json", "gson");
            assertThatThrownBy(Jackson::detected).hasMessageContaining("use jackson2 or jackson3");
            System.clearProperty("herald.json");
            assertThat(Jackson.detected()).isEqualTo(Jackson.V3); // both on this class path: Jackson 3 first
        } finally {
            if (before == null) {
                System.clearProperty("herald.json");
            } else {
                System.setProperty("herald.json", before);
            }
        }
    }
}
