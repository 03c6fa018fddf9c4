package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TypeScript generated for the seed events, compared with the reviewed copies in {@code
 * src/test/resources/golden}. After an intended change, run with {@code -Dherald.updateGolden=true}
 * and review the diff.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"events.ts", "event_hooks.ts"})
    void generatedTypeScriptMatchesTheGoldenFile(String name) throws IOException {
        String generated = resource("META-INF/herald/typescript/" + name);
        if (Boolean.getBoolean("herald.updateGolden")) {
            Files.writeString(GOLDEN.resolve(name), generated, StandardCharsets.UTF_8);
        }
        assertThat(generated).isEqualTo(Files.readString(GOLDEN.resolve(name), StandardCharsets.UTF_8));
    }

    @Test
    void outputDirHoldsTheSameFiles_andTheRuntime() throws IOException {
        Path folder = Path.of("target/generated-ts/seed");
        for (String name : new String[] {"events.ts", "event_hooks.ts", "event_client.ts", "async.ts"}) {
            assertThat(Files.readString(folder.resolve(name), StandardCharsets.UTF_8))
                    .isEqualTo(resource("META-INF/herald/typescript/" + name));
        }
    }

    /** From the main output: the test classes hold the shapes' TypeScript under the same path. */
    private static String resource(String path) throws IOException {
        return Files.readString(Path.of("target/classes").resolve(path), StandardCharsets.UTF_8);
    }
}
