package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.it.shapes.Shapes;
import dev.herald.runtime.json.HeraldModule;
import dev.herald.seed.fs.FsCreated;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeraldModuleTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new HeraldModule());

    @Test
    void seedEvents_roundTripThroughAUsersOwnMapper() throws Exception {
        for (Record event : SeedEventsTest.ONE_OF_EACH) {
            String json = mapper.writeValueAsString(event);
            Object back = mapper.readValue(json, event.getClass());
            assertThat(back).isEqualTo(event);
        }
        assertThat(mapper.writeValueAsString(new FsCreated("a", "/p", true)))
                .isEqualTo("{\"AssetID\":\"a\",\"Path\":\"/p\",\"IsDir\":true}");
    }

    @Test
    void payloadTypes_insideTheUsersOwnTypes_useTheGeneratedCodecs() throws Exception {
        Map<String, Object> wrapper = Map.of("point", new Shapes.Point(1, 2), "color", Shapes.Color.GREEN);

        assertThat(mapper.writeValueAsString(wrapper))
                .contains("\"color\":\"verde\"")
                .contains("\"point\":{\"x\":1,\"y\":2}");
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
