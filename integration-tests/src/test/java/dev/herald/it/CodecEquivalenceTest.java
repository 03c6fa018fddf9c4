package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.EventType;
import dev.herald.runtime.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * For random values of every supported shape, a generated codec writes exactly the bytes of the
 * reference mapper and reads them back into an equal record. The seed is printed on failure; run
 * again with {@code -Dherald.seed=N} to reproduce.
 */
class CodecEquivalenceTest {
    private static final int VALUES = Integer.getInteger("herald.values", 12_000);

    private final ObjectMapper reference = ReferenceMapper.create();
    private final JsonMapper jackson3 = Jackson3ReferenceMapper.create();
    private final EventRegistry registry = EventRegistry.load();

    @Test
    void codecsWriteTheReferenceMappersBytes_andReadThemBack() throws IOException {
        Map<String, Integer> perEvent = forRandomValues((value, type, context) -> {
            byte[] expected = reference.writeValueAsBytes(value);
            byte[] actual = encode(type.codec(), value);
            assertThat(new String(actual, StandardCharsets.UTF_8))
                    .as(context)
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(actual).as(context).isEqualTo(expected);

            Object back = decode(type.codec(), actual);
            assertThat(DeepEquals.equal(back, value))
                    .as(context + ": round trip gave " + back)
                    .isTrue();
        });
        assertThat(perEvent).hasSize(8);
    }

    /**
     * Jackson 3's mapper (Spring Boot 4's JSON), configured as {@link Jackson3ReferenceMapper} says,
     * writes the same bytes for every shape and reads Herald's bytes back into an equal record.
     */
    @Test
    void jackson3sMapper_writesTheSameBytes_andReadsThemBack() throws IOException {
        Map<String, Integer> perEvent = forRandomValues((value, type, context) -> {
            byte[] ours = encode(type.codec(), value);
            assertThat(new String(jackson3.writeValueAsBytes(value), StandardCharsets.UTF_8))
                    .as(context)
                    .isEqualTo(new String(ours, StandardCharsets.UTF_8));

            Object back = jackson3.readValue(ours, value.getClass());
            assertThat(DeepEquals.difference(back, value))
                    .as(context + ": what Jackson 3 read back differs")
                    .isNull();
        });
        assertThat(perEvent).hasSize(8);
    }

    /** What a test checks of one random value; {@code context} names the seed, the value and its event. */
    private interface ValueCheck {
        void check(Record value, EventType<?> type, String context) throws IOException;
    }

    /** Runs {@code check} on {@link #VALUES} random values of every shape; how many of each event. */
    private Map<String, Integer> forRandomValues(ValueCheck check) throws IOException {
        long seed = Long.getLong("herald.seed", System.nanoTime());
        RandomValues values = new RandomValues(seed, false);
        Map<String, Integer> perEvent = new TreeMap<>();
        for (int i = 0; i < VALUES; i++) {
            Record value = values.next();
            EventType<?> type = registry.typeOf(value.getClass());
            check.check(value, type, "seed " + seed + ", value " + i + " (" + type.name() + ")");
            perEvent.merge(type.name(), 1, Integer::sum);
        }
        return perEvent;
    }

    @Test
    void loneSurrogates_failTheSameWayAsTheReferenceMapper_orRoundTrip() throws IOException {
        long seed = Long.getLong("herald.seed", System.nanoTime());
        RandomValues values = new RandomValues(seed, true);
        int compared = 0;
        for (int i = 0; i < 2_000; i++) {
            Record value = values.next();
            EventType<?> type = registry.typeOf(value.getClass());
            String context = "seed " + seed + ", value " + i + " (" + type.name() + ")";
            byte[] expected;
            try {
                expected = reference.writeValueAsBytes(value);
            } catch (IOException referenceFailure) {
                Exception ours = null;
                try {
                    encode(type.codec(), value);
                } catch (IOException e) {
                    ours = e;
                }
                assertThat(ours)
                        .as(context + ": the reference failed with " + referenceFailure)
                        .isNotNull();
                continue;
            }
            assertThat(encode(type.codec(), value)).as(context).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isPositive();
    }

    private byte[] encode(JsonCodec<?> codec, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = reference.getFactory().createGenerator(out)) {
            write(codec, gen, value);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> void write(JsonCodec<T> codec, JsonGenerator gen, Object value) throws IOException {
        codec.encode(gen, (T) value);
    }

    private Object decode(JsonCodec<?> codec, byte[] json) throws IOException {
        try (JsonParser parser = reference.getFactory().createParser(json)) {
            parser.nextToken();
            return codec.decode(parser);
        }
    }
}
