package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.seed.fs.FsCreated;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TypeScript generated for the seed events (in the {@code herald-seed-events} jar), compared
 * with the reviewed copies in {@code src/test/resources/golden}. After an intended change, run with
 * {@code -Dherald.updateGolden=true} and review the diff.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    /** Where seed-events' build wrote the same files with {@code -Aherald.ts.outputDir}. */
    private static final Path OUTPUT_DIR = Path.of("../seed-events/target/generated-ts");

    private static FileSystem seedJar;
    private static Path seedOutput;

    /** The seed-events jar (or classes folder, in an IDE) as the processor left it. */
    @BeforeAll
    static void openSeedOutput() throws IOException, URISyntaxException {
        Path location = Path.of(FsCreated.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (Files.isDirectory(location)) {
            seedOutput = location;
        } else {
            seedJar = FileSystems.newFileSystem(location);
            seedOutput = seedJar.getPath("/");
        }
    }

    @AfterAll
    static void close() throws IOException {
        if (seedJar != null) {
            seedJar.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"events.ts", "event_hooks.ts"})
    void generatedTypeScriptMatchesTheGoldenFile(String name) throws IOException {
        String generated = generated(name);
        if (Boolean.getBoolean("herald.updateGolden")) {
            Files.writeString(GOLDEN.resolve(name), generated, StandardCharsets.UTF_8);
        }
        assertThat(generated).isEqualTo(Files.readString(GOLDEN.resolve(name), StandardCharsets.UTF_8));
    }

    @Test
    void outputDirHoldsTheSameFiles_andTheRuntime() throws IOException {
        for (String name : new String[] {"events.ts", "event_hooks.ts", "event_client.ts", "async.ts"}) {
            assertThat(Files.readString(OUTPUT_DIR.resolve(name), StandardCharsets.UTF_8))
                    .isEqualTo(generated(name));
        }
    }

    private static String generated(String name) throws IOException {
        return Files.readString(seedOutput.resolve("META-INF/herald/typescript/" + name), StandardCharsets.UTF_8);
    }
}
