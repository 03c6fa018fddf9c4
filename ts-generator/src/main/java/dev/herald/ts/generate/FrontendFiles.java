package dev.herald.ts.generate;

import dev.herald.asyncapi.AsyncApiGenerator;
import dev.herald.model.HeraldModel;
import dev.herald.model.output.GeneratedFile;
import dev.herald.model.output.OutputFolder;
import dev.herald.model.output.OutputSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a frontend gets from one model: the TypeScript folder and the AsyncAPI document, generated
 * once and written to the folders a build names. The one writer of Herald's output: the processor
 * (which also puts them in the class output) and {@code herald:generate} both use it, so one module
 * and several give byte-identical files.
 *
 * @param typeScript the folder's files (see {@link TypeScriptGenerator#generate})
 * @param asyncApi the AsyncAPI document
 */
public record FrontendFiles(List<GeneratedFile> typeScript, String asyncApi) {
    public FrontendFiles {
        typeScript = List.copyOf(typeScript);
    }

    /** Generates both from {@code model}. */
    public static FrontendFiles generate(HeraldModel model, OutputSettings settings) {
        return new FrontendFiles(
                TypeScriptGenerator.generate(model, settings), AsyncApiGenerator.generate(model, settings));
    }

    /**
     * Writes the TypeScript into {@code folder}: only files whose content changed, and the Herald
     * files an option turned off are removed (never a file of the frontend's own).
     */
    public void writeTypeScript(Path folder) throws IOException {
        OutputFolder.replace(folder, typeScript, TypeScriptGenerator.FILE_NAMES);
    }

    /** Writes the AsyncAPI document to {@code file}, unless it holds the same already. */
    public void writeAsyncApi(Path file) throws IOException {
        OutputFolder.writeFile(file, asyncApi);
    }
}
