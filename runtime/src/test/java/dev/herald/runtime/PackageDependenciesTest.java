package dev.herald.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The direction of the runtime's package dependencies, as {@code package-info.java} states it. */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/herald/runtime");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);

    /** For each package, the imports it must not have. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "",
                    List.of(
                            "dev.herald.runtime.json.",
                            "dev.herald.runtime.fanout.",
                            "dev.herald.runtime.ws.",
                            "org.java_websocket."),
            "json", List.of("dev.herald.runtime.fanout.", "dev.herald.runtime.ws.", "org.java_websocket."),
            "fanout", List.of("dev.herald.runtime.ws.", "org.java_websocket."),
            "internal", List.of("dev.herald."),
            "cluster", List.of("dev.herald."));

    @Test
    void packagesDependOnEachOtherInOneDirection() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            Path dir = rule.getKey().isEmpty() ? SOURCES : SOURCES.resolve(rule.getKey());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher imports = IMPORT.matcher(Files.readString(file));
                    while (imports.find()) {
                        String imported = imports.group(1);
                        boolean ownHelpers = imported.startsWith("dev.herald.runtime.internal.")
                                || imported.startsWith("dev.herald.runtime.cluster.")
                                        && rule.getKey().equals("cluster");
                        if (!ownHelpers && rule.getValue().stream().anyMatch(imported::startsWith)) {
                            violations.add(SOURCES.relativize(file) + " imports " + imported);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
