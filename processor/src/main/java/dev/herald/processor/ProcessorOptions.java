package dev.herald.processor;

import com.palantir.javapoet.ClassName;
import dev.herald.model.output.OutputSettings;
import dev.herald.processor.diagnostics.HeraldMessage;
import dev.herald.processor.diagnostics.Reporter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The processor's {@code -A} options, checked once. An invalid value is reported and replaced by
 * its default, so that one typo gives one error, not a cascade. What the output looks like is an
 * {@link OutputSettings}, checked by that type as for {@code herald:generate}; only the options that
 * are the processor's own (the catalog, paths relative to nothing) are checked here.
 *
 * @param catalog {@code herald.catalog}, or {@code null} for {@code Events} in the common package
 * @param tsOutputDir {@code herald.ts.outputDir}, an absolute folder, or {@code null}
 * @param asyncApiOutput {@code herald.asyncapi.output}, an absolute file, or {@code null}
 * @param output {@code herald.ts.groupNames}, {@code .react}, {@code .tanstack} and {@code
 *     herald.asyncapi.title}, {@code .version}, {@code .path}
 */
record ProcessorOptions(ClassName catalog, Path tsOutputDir, Path asyncApiOutput, OutputSettings output) {
    static final String CATALOG = "herald.catalog";
    static final String TS_OUTPUT_DIR = "herald.ts.outputDir";
    static final String TS_GROUP_NAMES = "herald.ts.groupNames";
    static final String TS_REACT = "herald.ts.react";
    static final String TS_TANSTACK = "herald.ts.tanstack";
    static final String ASYNCAPI_OUTPUT = "herald.asyncapi.output";
    static final String ASYNCAPI_TITLE = "herald.asyncapi.title";
    static final String ASYNCAPI_VERSION = "herald.asyncapi.version";
    static final String ASYNCAPI_PATH = "herald.asyncapi.path";

    /** Every option the processor reads. */
    static final Set<String> NAMES = Set.of(
            CATALOG,
            TS_OUTPUT_DIR,
            TS_GROUP_NAMES,
            TS_REACT,
            TS_TANSTACK,
            ASYNCAPI_OUTPUT,
            ASYNCAPI_TITLE,
            ASYNCAPI_VERSION,
            ASYNCAPI_PATH);

    static ProcessorOptions read(Map<String, String> options, Reporter reporter) {
        boolean react = flag(TS_REACT, options.get(TS_REACT), true, reporter);
        boolean tanstack = flag(TS_TANSTACK, options.get(TS_TANSTACK), false, reporter);
        Map<String, String> groupNames = groupNames(options.get(TS_GROUP_NAMES), reporter);
        String path = options.get(ASYNCAPI_PATH);
        OutputSettings output = null;
        while (output == null) { // each refused value is reported once and falls back to its default
            try {
                output = new OutputSettings(
                        groupNames, react, tanstack, options.get(ASYNCAPI_TITLE), options.get(ASYNCAPI_VERSION), path);
            } catch (OutputSettings.Invalid invalid) {
                switch (invalid.setting()) {
                    case GROUP_NAMES -> {
                        reportBadGroupNames(options.get(TS_GROUP_NAMES), reporter);
                        groupNames = Map.of();
                    }
                    case TANSTACK -> {
                        reporter.report(
                                HeraldMessage.OPTION_INVALID,
                                TS_TANSTACK,
                                "true",
                                invalid.reason() + ", which herald.ts.react=false turns off");
                        tanstack = false;
                    }
                    case ASYNCAPI_PATH -> {
                        reporter.report(HeraldMessage.OPTION_INVALID, ASYNCAPI_PATH, path, "it " + invalid.reason());
                        path = null;
                    }
                }
            }
        }
        return new ProcessorOptions(
                catalog(options.get(CATALOG), reporter),
                absolutePath(
                        TS_OUTPUT_DIR, options.get(TS_OUTPUT_DIR), "${project.basedir}/web/src/generated", reporter),
                absolutePath(
                        ASYNCAPI_OUTPUT,
                        options.get(ASYNCAPI_OUTPUT),
                        "${project.build.directory}/asyncapi.json",
                        reporter),
                output);
    }

    /** How groups are spelled in hook names. */
    Map<String, String> groupNames() {
        return output.groupNames();
    }

    private static ClassName catalog(String value, Reporter reporter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.strip();
        if (!SourceVersion.isName(name)) {
            reporter.report(
                    HeraldMessage.OPTION_INVALID,
                    CATALOG,
                    value,
                    "expected a qualified class name such as com.example.AppEvents");
            return null;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? ClassName.get("", name) : ClassName.get(name.substring(0, dot), name.substring(dot + 1));
    }

    private static Path absolutePath(String option, String value, String example, Reporter reporter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Path path;
        try {
            path = Path.of(value.strip());
        } catch (RuntimeException e) {
            reporter.report(HeraldMessage.OPTION_INVALID, option, value, e.getMessage());
            return null;
        }
        if (!path.isAbsolute()) {
            reporter.report(
                    HeraldMessage.OPTION_INVALID,
                    option,
                    value,
                    "it must be absolute, because javac's working directory is wherever the build was started;"
                            + " in Maven write " + example);
            return null;
        }
        return path.normalize();
    }

    /** {@code fs=FS,asset=Asset} as pairs; the spellings are {@link OutputSettings}'s to check. */
    private static Map<String, String> groupNames(String value, Reporter reporter) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String group = eq < 0 ? "" : pair.substring(0, eq).strip();
            if (group.isEmpty()) {
                reportBadGroupNames(value, reporter);
                return Map.of();
            }
            names.put(group, pair.substring(eq + 1));
        }
        return Collections.unmodifiableMap(names);
    }

    private static void reportBadGroupNames(String value, Reporter reporter) {
        reporter.report(
                HeraldMessage.OPTION_INVALID,
                TS_GROUP_NAMES,
                value,
                "expected group=Spelling pairs separated by commas, such as fs=FS,asset=Asset");
    }

    private static boolean flag(String name, String value, boolean byDefault, Reporter reporter) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                reporter.report(HeraldMessage.OPTION_INVALID, name, value, "expected true or false");
                yield byDefault;
            }
        };
    }
}
