package dev.herald.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast paths give exactly what {@link DateTimeFormatter#ISO_INSTANT} gives. */
class IsoInstantTest {
    @Test
    void format_matchesTheFormatter_forRandomInstantsOfEveryRange() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long seconds = switch (i % 3) {
                case 0 -> random.nextLong() % 400_000_000_000L; // far past and future
                case 1 -> random.nextLong() % 253_402_300_800L;
                default -> 1_704_508_800L + random.nextInt(1_000_000);
            };
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String expected = DateTimeFormatter.ISO_INSTANT.format(instant);

            assertThat(IsoInstant.format(instant)).isEqualTo(expected);
            assertThat(IsoInstant.parse(expected)).isEqualTo(instant);
        }
    }

    @Test
    void parse_agreesWithTheFormatter_onOddInputs_valueOrFailure() {
        for (String text : List.of(
                "2024-01-06T00:00:00Z",
                "2024-01-06t00:00:00z",
                "2024-01-06T00:00:00.1Z",
                "2024-01-06T00:00:00.123456789Z",
                "2024-01-06T23:59:60Z",
                "2024-01-06T24:00:00Z",
                "2024-01-06T00:00:00.Z",
                "2024-01-06T00:00:00+01:00",
                "+10000-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "2024-02-30T00:00:00Z",
                "2024-13-01T00:00:00Z",
                "2024-01-06T00:00:00.1234567890Z",
                "2024-01-06 00:00:00Z",
                "yesterday")) {
            Object expected;
            try {
                expected = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
            } catch (RuntimeException e) {
                expected = e.getClass();
            }
            Object actual;
            try {
                actual = IsoInstant.parse(text);
            } catch (RuntimeException e) {
                actual = e.getClass();
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
    }
}
