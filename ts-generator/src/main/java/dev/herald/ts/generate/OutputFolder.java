package dev.herald.ts.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * Writes generated files into a folder outside the class output: a frontend's TypeScript folder
 * ({@code herald.ts.outputDir}), the AsyncAPI document's place ({@code herald.asyncapi.output}).
 */
public final class OutputFolder {
    private OutputFolder() {}

    /**
     * Creates the folder if needed and rewrites only the files whose content changed, so that a
     * frontend dev server (or a catalog watching the document) does not reload for nothing.
     */
    public static void write(Path folder, List<GeneratedFile> outputs) throws IOException {
        Files.createDirectories(folder);
        for (GeneratedFile output : outputs) {
            Path file = folder.resolve(output.fileName());
            byte[] content = output.content().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
                continue;
            }
            Path temporary = Files.createTempFile(folder, "." + output.fileName(), ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
