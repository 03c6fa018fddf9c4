package dev.herald.sample.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.PackageVersion;
import dev.herald.Event;
import dev.herald.it.ReferenceMapper;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.json.ReceivedEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Herald's runtime and generated codecs with the Jackson 2 that the application's Boot BOM selects
 * (this module runs on Boot 3.5's and, in samples/spring-boot-4, on Boot 4.0's): the codecs write
 * what Jackson's own mapper writes and read it back, text outside the Basic Multilingual Plane in
 * values and in map keys (field names) included.
 */
class JacksonCompatibilityTest {
    public enum Mood {
        CALM,
        BUSY
    }

    /** One of each kind of component the codecs treat differently. */
    @Event("compat.shapes")
    public record Shapes(
            String text,
            Map<String, Integer> counts,
            List<String> tags,
            Instant at,
            LocalDate day,
            Duration took,
            BigDecimal amount,
            Optional<String> maybe,
            Mood mood,
            long big,
            double ratio) {}

    private static final String EMOJI = "note \uD83D\uDC4D \u00e9\u4e2d \"quoted\" \\ back";

    @Test
    void codecsMatchTheMapper_andRoundTrip_withTheBomsJackson() throws Exception {
        System.out.println("jackson-core " + PackageVersion.VERSION);
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(EMOJI, 1);
        counts.put("plain", 2);
        Shapes shapes = new Shapes(
                EMOJI,
                counts,
                List.of("a", EMOJI),
                Instant.parse("2026-11-27T10:15:30.123456789Z"),
                LocalDate.of(2026, 11, 27),
                Duration.ofMillis(1500),
                new BigDecimal("12345678901234567890.125"),
                Optional.of(EMOJI),
                Mood.BUSY,
                Long.MAX_VALUE,
                0.1);
        EventJson json = EventJson.create(EventRegistry.load());

        byte[] envelope = json.encode(shapes, 1_704_508_800_000L);
        // Bytes, as the wire has them: Jackson's UTF-8 writer escapes surrogate pairs (\ud83d\udc4d).
        String data = new String(ReferenceMapper.create().writeValueAsBytes(shapes), StandardCharsets.UTF_8);

        assertThat(new String(envelope, StandardCharsets.UTF_8))
                .isEqualTo("{\"event\":\"compat.shapes\",\"data\":" + data + ",\"ts\":1704508800000}");
        ReceivedEvent back = json.decode(envelope);
        assertThat(back.event()).isEqualTo(shapes);
        // What other writers send: the same text as raw UTF-8 (a browser's JSON.stringify).
        String raw = new String(envelope, StandardCharsets.UTF_8).replace("\\uD83D\\uDC4D", "\uD83D\uDC4D");
        assertThat(raw).contains("\uD83D\uDC4D");
        assertThat(json.decode(raw).event()).isEqualTo(shapes);
    }
}
