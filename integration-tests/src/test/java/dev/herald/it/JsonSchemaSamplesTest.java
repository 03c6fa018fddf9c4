package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.runtime.EventRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes what the reference mapper makes of random shape events, as envelopes, for {@code
 * src/test/ts/asyncapi.test.ts}, which validates each against the JSON Schemas of the generated
 * AsyncAPI document (the npm tests run after these, in the integration-test phase). Typed values,
 * as for the TypeScript samples: no null where the types promise a value, no NaN.
 */
class JsonSchemaSamplesTest {
    static final Path SAMPLES = Path.of("target/json-samples/shapes.json");

    @Test
    void referenceMapperSamplesOfEveryShapeEvent_areWrittenForTheSchemaCheck() throws Exception {
        ObjectMapper reference = ReferenceMapper.create();
        EventRegistry registry = EventRegistry.load();
        RandomValues values = new RandomValues(20_261_127, false, true);
        ArrayNode samples = reference.createArrayNode();
        for (int i = 0; i < 400; i++) {
            Record value = values.next();
            ObjectNode envelope = samples.addObject();
            envelope.put("event", registry.typeOf(value.getClass()).name());
            envelope.set("data", reference.readTree(reference.writeValueAsBytes(value)));
            envelope.put("ts", 1_704_508_800_000L + i);
        }
        Files.createDirectories(SAMPLES.getParent());
        reference.writeValue(SAMPLES.toFile(), samples);

        assertThat(samples).hasSize(400);
        assertThat(samples.findValuesAsText("event")).contains("shape.scalars", "shape.elements", "shape.nested");
    }
}
