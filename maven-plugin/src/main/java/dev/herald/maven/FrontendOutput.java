package dev.herald.maven;

import dev.herald.model.HeraldModel;
import dev.herald.model.ModelConflictException;
import dev.herald.model.ModelMerge;
import dev.herald.model.ModelMerge.Sourced;
import dev.herald.model.output.OutputSettings;
import dev.herald.ts.generate.FrontendFiles;
import dev.herald.ts.generate.TypeScriptGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Merges the models and writes what the processor writes for one module, through the same writer
 * ({@link FrontendFiles}): the TypeScript folder and the AsyncAPI document. Only files whose content
 * changed are rewritten.
 */
final class FrontendOutput {
    /**
     * The goal's parameters: where the output goes, and what it looks like as one {@link
     * OutputSettings}, checked by that type. A refused value is an {@link IllegalArgumentException}
     * whose message says, in the goal's parameter names, what to write instead.
     */
    static final class Settings {
        private final Path outputDirectory;
        private final Path asyncApiOutput;
        private final OutputSettings output;

        /**
         * @param asyncApiOutput the document's file, or {@code null} for none
         * @param asyncApiTitle {@code null} (or blank) for the processor's default
         */
        Settings(
                Path outputDirectory,
                Map<String, String> groupNames,
                boolean react,
                boolean tanstack,
                Path asyncApiOutput,
                String asyncApiTitle,
                String asyncApiVersion,
                String asyncApiPath) {
            this.outputDirectory = outputDirectory;
            this.asyncApiOutput = asyncApiOutput;
            try {
                this.output =
                        new OutputSettings(groupNames, react, tanstack, asyncApiTitle, asyncApiVersion, asyncApiPath);
            } catch (OutputSettings.Invalid invalid) {
                throw new IllegalArgumentException(
                        switch (invalid.setting()) {
                            case TANSTACK -> "tanstack=true needs react=true (" + invalid.reason() + ").";
                            case ASYNCAPI_PATH -> "asyncapiPath \"" + invalid.value() + "\" " + invalid.reason() + ".";
                            case GROUP_NAMES ->
                                "groupNames spells group \"" + invalid.key() + "\" as \"" + invalid.value() + "\"; "
                                        + invalid.reason() + " (<fs>FS</fs>).";
                        },
                        invalid);
            }
        }

        Path outputDirectory() {
            return outputDirectory;
        }

        Path asyncApiOutput() {
            return asyncApiOutput;
        }

        OutputSettings output() {
            return output;
        }

        Map<String, String> groupNames() {
            return output.groupNames();
        }

        String asyncApiTitle() {
            return output.asyncApiTitle();
        }
    }

    private FrontendOutput() {}

    /** Writes the output of {@code models} merged, and returns the merged model. */
    static HeraldModel write(List<Sourced> models, Settings settings) throws ModelConflictException, IOException {
        HeraldModel model = ModelMerge.merge(models);
        List<String> hookConflicts = TypeScriptGenerator.hookNameConflicts(model, settings.groupNames());
        if (!hookConflicts.isEmpty()) {
            throw new ModelConflictException(hookConflicts);
        }
        FrontendFiles files = FrontendFiles.generate(model, settings.output());
        files.writeTypeScript(settings.outputDirectory());
        if (settings.asyncApiOutput() != null) {
            files.writeAsyncApi(settings.asyncApiOutput());
        }
        return model;
    }
}
