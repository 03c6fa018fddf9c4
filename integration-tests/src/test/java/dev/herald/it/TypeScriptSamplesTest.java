package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.EventType;
import dev.herald.runtime.json.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes what the Java codecs produce for random values as TypeScript constants typed by the
 * generated payload interfaces; the build then runs tsc over them ({@code npm test} in the
 * integration-test phase), so any field the Java side writes and the TypeScript type does not
 * describe, or describes with another type, fails the build.
 */
class TypeScriptSamplesTest {
    private static final Path SAMPLES = Path.of("target/generated-ts/samples.ts");

    @Test
    void writesCodecOutputAsTypedTypeScriptConstants() throws IOException {
        EventRegistry registry = EventRegistry.load();
        EventJson json = EventJson.create(registry);
        RandomValues values = new RandomValues(20_260_101, false, true);
        List<String> lines = new ArrayList<>();
        lines.add("// Written by TypeScriptSamplesTest: Java codec output typed by the generated interfaces.");
        lines.add("import type { EventMessage } from \"@/shapes/events\";");
        lines.add("");
        for (int i = 0; i < 120; i++) {
            Record value = values.next();
            EventType<?> type = registry.typeOf(value.getClass());
            String envelope = new String(json.encode(value, 1_704_508_800_000L + i), StandardCharsets.UTF_8);
            lines.add("export const sample" + i + ": EventMessage = " + envelope + ";");
            assertThat(envelope).startsWith("{\"event\":\"" + type.name() + "\"");
        }
        Files.createDirectories(SAMPLES.getParent());
        Files.write(SAMPLES, lines, StandardCharsets.UTF_8);
    }
}
