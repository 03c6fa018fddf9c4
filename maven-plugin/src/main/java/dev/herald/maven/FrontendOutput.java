package dev.herald.maven;

import dev.herald.asyncapi.AsyncApiGenerator;
import dev.herald.model.HeraldModel;
import dev.herald.model.ModelConflictException;
import dev.herald.model.ModelMerge;
import dev.herald.model.ModelMerge.Sourced;
import dev.herald.model.Naming;
import dev.herald.model.output.GeneratedFile;
import dev.herald.model.output.OutputFolder;
import dev.herald.ts.generate.TypeScriptGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the models and writes what the processor writes for one module: the TypeScript folder and
 * the AsyncAPI document. Only files whose content changed are rewritten.
 */
final class FrontendOutput {
    /**
     * The goal's parameters, checked: a bad one is an {@link IllegalArgumentException} whose message
     * says what to write instead.
     *
     * @param groupNames group to spelling; spellings are stripped
     * @param asyncApiOutput the document's file, or {@code null} for none
     * @param asyncApiTitle {@code null} (or blank) for the processor's default
     */
    record Settings(
            Path outputDirectory,
            Map<String, String> groupNames,
            boolean react,
            boolean tanstack,
            Path asyncApiOutput,
            String asyncApiTitle,
            String asyncApiVersion,
            String asyncApiPath) {
        Settings {
            if (tanstack && !react) {
                throw new IllegalArgumentException(
                        "tanstack=true needs react=true (event_query.ts builds on" + " event_hooks.ts).");
            }
            if (asyncApiPath == null || !asyncApiPath.startsWith("/")) {
                throw new IllegalArgumentException("asyncapiPath \"" + asyncApiPath + "\" must start with '/'.");
            }
            Map<String, String> spellings = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : groupNames.entrySet()) {
                String spelling =
                        entry.getValue() == null ? "" : entry.getValue().strip();
                if (!Naming.isGroupSpelling(spelling)) {
                    throw new IllegalArgumentException("groupNames spells group \"" + entry.getKey() + "\" as \""
                            + spelling + "\"; a spelling is a letter, then letters, digits or '_' (<fs>FS</fs>).");
                }
                spellings.put(entry.getKey(), spelling);
            }
            groupNames = Collections.unmodifiableMap(spellings);
            asyncApiTitle = asyncApiTitle == null || asyncApiTitle.isBlank() ? null : asyncApiTitle.strip();
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
        List<GeneratedFile> typeScript = TypeScriptGenerator.generate(
                model, new TypeScriptGenerator.Options(settings.groupNames(), settings.react(), settings.tanstack()));
        OutputFolder.replace(settings.outputDirectory(), typeScript, TypeScriptGenerator.FILE_NAMES);
        Path document = settings.asyncApiOutput();
        if (document != null) {
            String text = AsyncApiGenerator.generate(
                    model,
                    new AsyncApiGenerator.Info(
                            settings.asyncApiTitle(), settings.asyncApiVersion(), settings.asyncApiPath()));
            OutputFolder.writeFile(document, text);
        }
        return model;
    }
}
