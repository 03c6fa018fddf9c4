package dev.herald.maven;

import dev.herald.ts.generate.AsyncApiGenerator;
import dev.herald.ts.generate.GeneratedFile;
import dev.herald.ts.generate.OutputFolder;
import dev.herald.ts.generate.TypeScriptGenerator;
import dev.herald.ts.model.HeraldModel;
import dev.herald.ts.model.ModelConflictException;
import dev.herald.ts.model.ModelMerge;
import dev.herald.ts.model.ModelMerge.Sourced;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Merges the models and writes what the processor writes for one module: the TypeScript folder and
 * the AsyncAPI document. Only files whose content changed are rewritten.
 */
final class FrontendOutput {
    /**
     * @param asyncApiOutput the document's file, or {@code null} for none
     * @param asyncApiTitle {@code null} for the processor's default
     */
    record Settings(
            Path outputDirectory,
            Map<String, String> groupNames,
            boolean react,
            boolean tanstack,
            Path asyncApiOutput,
            String asyncApiTitle,
            String asyncApiVersion,
            String asyncApiPath) {}

    private FrontendOutput() {}

    /** Writes the output of {@code models} merged, and returns the merged model. */
    static HeraldModel write(List<Sourced> models, Settings settings) throws ModelConflictException, IOException {
        HeraldModel model = ModelMerge.merge(models);
        List<String> hookConflicts = TypeScriptGenerator.hookNameConflicts(model, settings.groupNames());
        if (!hookConflicts.isEmpty()) {
            throw new ModelConflictException(hookConflicts);
        }
        List<GeneratedFile> typeScript = TypeScriptGenerator.generate(
                model, new TypeScriptGenerator.Options(settings.groupNames(), settings.react(), settings.tanstack()));
        OutputFolder.write(settings.outputDirectory(), typeScript);
        OutputFolder.removeStale(settings.outputDirectory(), TypeScriptGenerator.FILE_NAMES, typeScript);
        Path document = settings.asyncApiOutput();
        if (document != null) {
            String text = AsyncApiGenerator.generate(
                    model,
                    new AsyncApiGenerator.Info(
                            settings.asyncApiTitle(), settings.asyncApiVersion(), settings.asyncApiPath()));
            OutputFolder.write(
                    document.toAbsolutePath().getParent(),
                    List.of(new GeneratedFile(document.getFileName().toString(), text)));
        }
        return model;
    }
}
