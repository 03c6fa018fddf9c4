package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.it.e2e.SeedSamples;
import dev.herald.it.shapes.Shapes;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.json.HeraldJackson3Module;
import dev.herald.runtime.json.Jackson;
import dev.herald.seed.fs.FsCreated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Jackson 3's JsonMapper with Herald's module: the generated codecs write and read event records. */
class HeraldJackson3ModuleTest {
    private final JsonMapper mapper =
            JsonMapper.builder().addModule(new HeraldJackson3Module()).build();

    /**
     * A mapper with Jackson 3's defaults (properties sorted, dates as ISO text but offsets adjusted,
     * surrogate pairs as raw UTF-8...) and the module writes each seed event exactly as the
     * envelope's {@code data}, and reads it back.
     */
    @Test
    void aDefaultJsonMapperWithTheModule_writesTheEnvelopesData_andReadsItBack() {
        EventJson json = EventJson.create(EventRegistry.load(), Jackson.V3);
        for (Record event : SeedSamples.ONE_OF_EACH) {
            byte[] envelope = json.encode(event, 1_704_508_800_000L);
            ObjectNode parsed = (ObjectNode) mapper.readTree(envelope);
            String data = parsed.get("data").toString();

            assertThat(mapper.writeValueAsString(event)).isEqualTo(data);
            assertThat(new String(envelope, StandardCharsets.UTF_8)).contains("\"data\":" + data + ",");
            assertThat(mapper.readValue(data, event.getClass())).isEqualTo(event);
        }
        assertThat(mapper.writeValueAsString(new FsCreated("a", "/p", true)))
                .isEqualTo("{\"AssetID\":\"a\",\"Path\":\"/p\",\"IsDir\":true}");
    }

    @Test
    void payloadTypes_insideTheUsersOwnTypes_useTheGeneratedCodecs() {
        Instant instant = Instant.parse("2026-01-06T02:40:00Z");
        Shapes.Times times = new Shapes.Times(instant, null, null, null, Duration.ofMinutes(90));
        Map<String, Object> wrapper =
                Map.of("point", new Shapes.Point(1, 2), "color", Shapes.Color.GREEN, "times", times);

        assertThat(mapper.writeValueAsString(wrapper))
                .contains("\"color\":\"verde\"")
                .contains("\"point\":{\"x\":1,\"y\":2}")
                .contains("\"times\":{\"instant\":\"2026-01-06T02:40:00Z\",\"offset\":null,\"date\":null,"
                        + "\"local\":null,\"duration\":\"PT1H30M\"}");
        List<Shapes.Point> points = mapper.readValue("[{\"x\":3,\"y\":4}]", new TypeReference<List<Shapes.Point>>() {});
        assertThat(points).isEqualTo(List.of(new Shapes.Point(3, 4)));
    }

    @Test
    void decodeErrors_becomeDatabindExceptions_withTheField() {
        assertThatThrownBy(() -> mapper.readValue("{\"AssetID\":[]}", FsCreated.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("field 'AssetID': expected a string, found an array");
        assertThatThrownBy(() -> mapper.readValue("{\"AssetID\":\"a\",\"IsDir\":tru}", FsCreated.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("field 'IsDir': malformed JSON");
    }
}
