package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.it.e2e.SeedSamples;
import dev.herald.it.shapes.Shapes;
import dev.herald.runtime.json.HeraldModule;
import dev.herald.seed.fs.FsCreated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeraldModuleTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new HeraldModule());

    /**
     * A bare mapper knows neither {@code java.time} nor {@code Optional}; with the module alone it
     * writes every seed event exactly as the reference mapper (with those modules) does, because the
     * generated codecs do the writing.
     */
    @Test
    void aBareMapperWithTheModule_writesAndReadsSeedEventsAsTheReferenceMapper_usingTheGeneratedCodecs()
            throws Exception {
        ObjectMapper reference = ReferenceMapper.create();
        ObjectMapper bare = new ObjectMapper();
        int bareFailures = 0;
        for (Record event : SeedSamples.ONE_OF_EACH) {
            String expected = reference.writeValueAsString(event);

            assertThat(mapper.writeValueAsString(event)).isEqualTo(expected);
            assertThat(mapper.readValue(expected, event.getClass())).isEqualTo(event);
            try {
                if (!bare.writeValueAsString(event).equals(expected)) {
                    bareFailures++;
                }
            } catch (JsonMappingException e) {
                bareFailures++;
            }
        }
        assertThat(bareFailures)
                .as("seed events a bare mapper cannot write as the wire does")
                .isPositive();
        assertThat(mapper.writeValueAsString(new FsCreated("a", "/p", true)))
                .isEqualTo("{\"AssetID\":\"a\",\"Path\":\"/p\",\"IsDir\":true}");
    }

    @Test
    void payloadTypes_insideTheUsersOwnTypes_useTheGeneratedCodecs() throws Exception {
        Instant instant = Instant.parse("2026-01-06T02:40:00Z");
        Shapes.Times times = new Shapes.Times(instant, null, null, null, Duration.ofMinutes(90));
        Map<String, Object> wrapper =
                Map.of("point", new Shapes.Point(1, 2), "color", Shapes.Color.GREEN, "times", times);

        assertThat(mapper.writeValueAsString(wrapper))
                .contains("\"color\":\"verde\"")
                .contains("\"point\":{\"x\":1,\"y\":2}")
                // ISO strings, as the wire has them, though this mapper has no JavaTimeModule
                .contains("\"times\":{\"instant\":\"2026-01-06T02:40:00Z\",\"offset\":null,\"date\":null,"
                        + "\"local\":null,\"duration\":\"PT1H30M\"}");
        List<Shapes.Point> points = mapper.readValue(
                "[{\"x\":3,\"y\":4}]", mapper.getTypeFactory().constructCollectionType(List.class, Shapes.Point.class));
        assertThat(points).isEqualTo(List.of(new Shapes.Point(3, 4)));
    }

    @Test
    void decodeErrors_becomeJacksonMappingExceptions_withTheField() {
        assertThatThrownBy(() -> mapper.readValue("{\"AssetID\":[]}", FsCreated.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("field 'AssetID': expected a string, found an array");
    }
}
