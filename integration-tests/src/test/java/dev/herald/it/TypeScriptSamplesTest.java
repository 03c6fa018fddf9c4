package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.it.shapes.Shapes.Times;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.EventType;
import dev.herald.runtime.json.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Java codecs write for random values, as TypeScript constants typed by the generated
 * {@code EventMessage}, checked by the real {@code tsc}: any field the Java side writes that the
 * TypeScript types do not describe, or describe with another type, fails. Hand-broken samples show
 * that the check bites.
 */
class TypeScriptSamplesTest {
    /** Outside {@code target/generated-ts}, which the npm test type-checks as a whole. */
    private static final Path SAMPLES = Path.of("target/ts-samples");

    private static final Path TSC = Path.of("node_modules/typescript/bin/tsc");
    private static final long TS = 1_704_508_800_000L;

    private static final EventRegistry REGISTRY = EventRegistry.load();
    private static final EventJson JSON = EventJson.create(REGISTRY);

    @BeforeAll
    static void typescriptIsInstalled() {
        assertThat(TSC)
                .as("TypeScript is installed by the build (npm ci in integration-tests) before the tests run")
                .exists();
    }

    @Test
    void codecOutputForRandomValues_typeChecksAgainstTheGeneratedTypes() throws Exception {
        RandomValues values = new RandomValues(20_260_101, false, true);
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Record value = values.next();
            EventType<?> type = REGISTRY.typeOf(value.getClass());
            String envelope = new String(JSON.encode(value, TS + i), StandardCharsets.UTF_8);
            assertThat(envelope).startsWith("{\"event\":\"" + type.name() + "\"");
            samples.add(envelope);
        }

        TscResult result = tsc("samples.ts", samples);

        assertThat(result.output()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void samplesThatDoNotFitTheTypes_areRejectedByTsc() throws Exception {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        Times times =
                new Times(now, now.atOffset(ZoneOffset.UTC), LocalDate.EPOCH, LocalDateTime.MIN, Duration.ofSeconds(5));
        String right = new String(JSON.encode(times, TS), StandardCharsets.UTF_8);
        List<String> wrong = List.of(
                mutate(right, data -> data.put("instant", 5)), // wrong type
                mutate(right, data -> data.remove("date")), // missing field
                mutate(right, data -> data.put("zone", "UTC")), // a field the type does not have
                right.replace("\"shape.times\"", "\"shape.nothing\"")); // unknown event name

        TscResult result = tsc("wrong_samples.ts", wrong);

        assertThat(result.exitCode()).isNotZero();
        for (int i = 0; i < wrong.size(); i++) {
            // tsc reports each error as file(line,column): one line per sample, from line 3.
            assertThat(result.output()).as("sample " + i).contains("wrong_samples.ts(" + (i + 3) + ",");
        }
    }

    private static String mutate(String envelope, Consumer<ObjectNode> change) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(envelope);
        change.accept((ObjectNode) root.get("data"));
        return mapper.writeValueAsString(root);
    }

    record TscResult(int exitCode, String output) {}

    /**
     * Writes {@code envelopes} as typed constants, one per line from line 3, and runs tsc over them
     * with the project's settings.
     */
    private static TscResult tsc(String fileName, List<String> envelopes) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("// Written by TypeScriptSamplesTest: Java codec output typed by the generated interfaces.");
        lines.add("import type { EventMessage } from \"@/shapes/events\";");
        for (int i = 0; i < envelopes.size(); i++) {
            lines.add("export const sample" + i + ": EventMessage = " + envelopes.get(i) + ";");
        }
        Path dir = SAMPLES;
        Files.createDirectories(dir);
        Files.write(dir.resolve(fileName), lines, StandardCharsets.UTF_8);
        Path config = dir.resolve("tsconfig." + fileName + ".json");
        Files.writeString(
                config,
                "{\"extends\": \"../../tsconfig.json\", \"compilerOptions\": {\"baseUrl\": \"../..\"},"
                        + " \"include\": [\"" + fileName + "\"]}");
        Process tsc = new ProcessBuilder("node", TSC.toString(), "-p", config.toString(), "--pretty", "false")
                .redirectErrorStream(true)
                .start();
        String output = new String(tsc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tsc.waitFor(2, TimeUnit.MINUTES)).as("tsc finished").isTrue();
        return new TscResult(tsc.exitValue(), output.strip());
    }
}
