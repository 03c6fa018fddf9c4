package dev.herald.processor;

import com.palantir.javapoet.ClassName;
import dev.herald.asyncapi.AsyncApiGenerator;
import dev.herald.model.Naming;
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
 * its default, so that one typo gives one error, not a cascade.
 *
 * @param catalog {@code herald.catalog}, or {@code null} for {@code Events} in the common package
 * @param tsOutputDir {@code herald.ts.outputDir}, an absolute folder, or {@code null}
 * @param groupNames {@code herald.ts.groupNames}: how a group is spelled in hook names
 * @param react {@code herald.ts.react}: whether to write {@code event_hooks.ts}
 * @param tanstack {@code herald.ts.tanstack}: whether to write {@code event_query.ts} (needs React)
 * @param asyncApiOutput {@code herald.asyncapi.output}, an absolute file, or {@code null}
 * @param asyncApiTitle {@code herald.asyncapi.title}, or {@code null} for the default
 * @param asyncApiVersion {@code herald.asyncapi.version}, default {@code 1.0.0}
 * @param asyncApiPath {@code herald.asyncapi.path}, the endpoint's path, default {@code /api/events/ws}
 */
record ProcessorOptions(
        ClassName catalog,
        Path tsOutputDir,
        Map<String, String> groupNames,
        boolean react,
        boolean tanstack,
        Path asyncApiOutput,
        String asyncApiTitle,
        String asyncApiVersion,
        String asyncApiPath) {
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
        if (tanstack && !react) {
            reporter.report(
                    HeraldMessage.OPTION_INVALID,
                    TS_TANSTACK,
                    "true",
                    "event_query.ts builds on event_hooks.ts, which herald.ts.react=false turns off");
            tanstack = false;
        }
        return new ProcessorOptions(
                catalog(options.get(CATALOG), reporter),
                absolutePath(
                        TS_OUTPUT_DIR, options.get(TS_OUTPUT_DIR), "${project.basedir}/web/src/generated", reporter),
                groupNames(options.get(TS_GROUP_NAMES), reporter),
                react,
                tanstack,
                absolutePath(
                        ASYNCAPI_OUTPUT,
                        options.get(ASYNCAPI_OUTPUT),
                        "${project.build.directory}/asyncapi.json",
                        reporter),
                blankToNull(options.get(ASYNCAPI_TITLE)),
                blankToNull(options.get(ASYNCAPI_VERSION)) == null
                        ? "1.0.0"
                        : options.get(ASYNCAPI_VERSION).strip(),
                endpointPath(options.get(ASYNCAPI_PATH), reporter));
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

    private static String endpointPath(String value, Reporter reporter) {
        String path = blankToNull(value);
        if (path == null) {
            return AsyncApiGenerator.DEFAULT_PATH;
        }
        if (!path.startsWith("/")) {
            reporter.report(HeraldMessage.OPTION_INVALID, ASYNCAPI_PATH, value, "it must start with '/'");
            return AsyncApiGenerator.DEFAULT_PATH;
        }
        return path;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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
            String spelling = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (group.isEmpty() || !Naming.isGroupSpelling(spelling)) {
                reporter.report(
                        HeraldMessage.OPTION_INVALID,
                        TS_GROUP_NAMES,
                        value,
                        "expected group=Spelling pairs separated by commas, such as fs=FS,asset=Asset");
                return Map.of();
            }
            names.put(group, spelling);
        }
        return Collections.unmodifiableMap(names);
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
