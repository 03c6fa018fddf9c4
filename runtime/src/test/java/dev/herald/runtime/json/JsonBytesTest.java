package dev.herald.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
    private final JsonFactory factory = new JsonFactory();

    private String write(String key, int value) {
        return new String(
                JsonBytes.write(factory, gen -> {
                    gen.writeStartObject();
                    gen.writeNumberField(key, value);
                    gen.writeEndObject();
                }),
                StandardCharsets.UTF_8);
    }

    @Test
    void eachCallGivesExactlyItsOwnValue() {
        assertThat(write("a", 1)).isEqualTo("{\"a\":1}");
        assertThat(write("b", 2)).isEqualTo("{\"b\":2}");
        assertThat(write("c".repeat(100_000), 3)).hasSize(100_006);
        assertThat(write("d", 4)).isEqualTo("{\"d\":4}");
    }

    @Test
    void aFailureHalfwayDoesNotLeakIntoTheNextValue() {
        assertThatThrownBy(() -> JsonBytes.write(factory, gen -> {
                    gen.writeStartObject();
                    gen.writeFieldName("half");
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(write("whole", 1)).isEqualTo("{\"whole\":1}");
    }

    @Test
    void aNestedCallOnTheSameThreadGetsItsOwnGenerator() {
        byte[][] inner = new byte[1][];
        byte[] outer = JsonBytes.write(factory, gen -> {
            gen.writeStartArray();
            inner[0] = JsonBytes.write(factory, g -> g.writeString("inner"));
            gen.writeString("outer");
            gen.writeEndArray();
        });

        assertThat(new String(outer, StandardCharsets.UTF_8)).isEqualTo("[\"outer\"]");
        assertThat(new String(inner[0], StandardCharsets.UTF_8)).isEqualTo("\"inner\"");
    }

    @Test
    void threadsDoNotShareGenerators() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    assertThat(write("t" + thread, i)).isEqualTo("{\"t" + thread + "\":" + i + "}");
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }
}
