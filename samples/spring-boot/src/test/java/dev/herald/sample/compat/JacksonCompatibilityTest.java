package dev.herald.sample.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.Event;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.json.Jackson;
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
import org.springframework.boot.SpringBootVersion;

/**
 * Herald's runtime and generated codecs with the Jackson that the application's Boot BOM selects
 * (this module runs on Boot 3.5's Jackson 2 and, in samples/spring-boot-4, on Boot 4.0's Jackson 3
 * with no Jackson 2 at all): the codecs write what that Jackson's reference mapper writes and read
 * it back, text outside the Basic Multilingual Plane in values and in map keys (field names)
 * included.
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

    /**
     * Boot 3.5 brings Jackson 2 only, so Herald's JSON runs on it; the Boot 4 sample excludes every
     * Jackson 2 jar (jackson-annotations, which Jackson 3 uses, aside), and Herald runs on Jackson 3.
     */
    @Test
    void herald_runsOnTheJacksonOfTheBootVersion() {
        boolean boot4 = SpringBootVersion.getVersion().startsWith("4.");
        assertThat(Jackson.detected()).isEqualTo(boot4 ? Jackson.V3 : Jackson.V2);
        assertThat(present("com.fasterxml.jackson.core.JsonFactory")).isEqualTo(!boot4);
        assertThat(present("com.fasterxml.jackson.databind.ObjectMapper")).isEqualTo(!boot4);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, JacksonCompatibilityTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static final String EMOJI = "note \uD83D\uDC4D \u00e9\u4e2d \"quoted\" \\ back";

    @Test
    void codecsMatchTheMapper_andRoundTrip_withTheBomsJackson() throws Exception {
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
        System.out.println("Herald's JSON on Jackson " + json.jackson());

        byte[] envelope = json.encode(shapes, 1_704_508_800_000L);
        // Bytes, as the wire has them: Jackson's UTF-8 writer escapes surrogate pairs (\ud83d\udc4d).
        String data = new String(referenceBytes(json.jackson(), shapes), StandardCharsets.UTF_8);

        assertThat(new String(envelope, StandardCharsets.UTF_8))
                .isEqualTo("{\"event\":\"compat.shapes\",\"data\":" + data + ",\"ts\":1704508800000}");
        ReceivedEvent back = json.decode(envelope);
        assertThat(back.event()).isEqualTo(shapes);
        // What other writers send: the same text as raw UTF-8 (a browser's JSON.stringify).
        String raw = new String(envelope, StandardCharsets.UTF_8).replace("\\uD83D\\uDC4D", "\uD83D\uDC4D");
        assertThat(raw).contains("\uD83D\uDC4D");
        assertThat(json.decode(raw).event()).isEqualTo(shapes);
    }

    /**
     * The bytes of the class path's reference mapper. Both are reached by name: these sources
     * compile on Boot 3.5 (no Jackson 3) and on Boot 4 (no Jackson 2).
     */
    private static byte[] referenceBytes(Jackson jackson, Object value) throws Exception {
        String factory = jackson == Jackson.V3 ? "dev.herald.it.Jackson3ReferenceMapper" : "dev.herald.it.ReferenceMapper";
        Object mapper = Class.forName(factory).getMethod("create").invoke(null);
        return (byte[]) mapper.getClass().getMethod("writeValueAsBytes", Object.class).invoke(mapper, value);
    }
}
