package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.EventType;
import dev.herald.runtime.codec.JsonCodec;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.json.Jackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * For random values of every supported shape, a generated codec writes exactly the bytes of the
 * reference mapper and reads them back into an equal record, on Jackson 2 (against {@link
 * ReferenceMapper}) and on Jackson 3 (against {@link Jackson3ReferenceMapper}). The seed is printed
 * on failure; run again with {@code -Dherald.seed=N} to reproduce.
 */
class CodecEquivalenceTest {
    private static final int VALUES = Integer.getInteger("herald.values", 12_000);

    private final ObjectMapper reference = ReferenceMapper.create();
    private final JsonMapper jackson3 = Jackson3ReferenceMapper.create();
    private final EventRegistry registry = EventRegistry.load();

    /** The reference mapper of {@code jackson}: the bytes Herald's codecs must write on it. */
    private byte[] referenceBytes(Jackson jackson, Object value) throws IOException {
        return jackson == Jackson.V2 ? reference.writeValueAsBytes(value) : jackson3.writeValueAsBytes(value);
    }

    @ParameterizedTest
    @EnumSource(Jackson.class)
    void codecsWriteTheReferenceMappersBytes_andReadThemBack(Jackson jackson) throws IOException {
        EventJson json = EventJson.create(registry, jackson);
        Map<String, Integer> perEvent = forRandomValues((value, type, context) -> {
            byte[] expected = referenceBytes(jackson, value);
            byte[] actual = encode(json, type.codec(), value);
            assertThat(new String(actual, StandardCharsets.UTF_8))
                    .as(context)
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(actual).as(context).isEqualTo(expected);

            Object back = json.decodeValue(type.codec(), actual);
            assertThat(DeepEquals.difference(back, value))
                    .as(context + ": what the codec read back differs")
                    .isNull();
        });
        assertThat(perEvent).hasSize(8);
    }

    /**
     * Jackson 3's mapper (Spring Boot 4's JSON), configured as {@link Jackson3ReferenceMapper} says,
     * reads Herald's bytes back into an equal record.
     */
    @Test
    void jackson3sMapper_readsHeraldsBytesBack() throws IOException {
        EventJson json = EventJson.create(registry, Jackson.V3);
        Map<String, Integer> perEvent = forRandomValues((value, type, context) -> {
            Object back = jackson3.readValue(encode(json, type.codec(), value), value.getClass());
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

    @ParameterizedTest
    @EnumSource(Jackson.class)
    void loneSurrogates_failTheSameWayAsTheReferenceMapper_orRoundTrip(Jackson jackson) throws IOException {
        EventJson json = EventJson.create(registry, jackson);
        long seed = Long.getLong("herald.seed", System.nanoTime());
        RandomValues values = new RandomValues(seed, true);
        int compared = 0;
        for (int i = 0; i < 2_000; i++) {
            Record value = values.next();
            EventType<?> type = registry.typeOf(value.getClass());
            String context = "seed " + seed + ", value " + i + " (" + type.name() + ")";
            byte[] expected;
            try {
                expected = referenceBytes(jackson, value);
            } catch (IOException | JacksonException referenceFailure) {
                Exception ours = null;
                try {
                    encode(json, type.codec(), value);
                } catch (UncheckedIOException | JacksonException e) {
                    ours = e;
                }
                assertThat(ours)
                        .as(context + ": the reference failed with " + referenceFailure)
                        .isNotNull();
                continue;
            }
            assertThat(encode(json, type.codec(), value)).as(context).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isPositive();
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(EventJson json, JsonCodec<T> codec, Object value) {
        return json.encodeValue(codec, (T) value);
    }
}
