package dev.herald.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The direction of the runtime's package dependencies, as {@code package-info.java} states it: every
 * reference to another Herald runtime package, imported or written out in full, must be one the
 * package's rule allows, and a new package fails this test until it has a rule.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/herald/runtime");

    /** A reference to a runtime package: {@code dev.herald.runtime.fanout.FanOut}, or to the root's {@code dev.herald.runtime.EventBus}. */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.herald\\.runtime\\.(?:([a-z]\\w*)\\.)?[A-Z]");

    /** Libraries no runtime package may use: transport engines live in modules of their own. */
    private static final List<String> ENGINES = List.of("org.java_websocket", "jakarta.websocket", "jakarta.servlet");

    /** For each package ("" is {@code dev.herald.runtime}), the runtime packages it may use besides itself. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "", Set.of("codec", "internal"),
            "codec", Set.of(),
            "json", Set.of("", "codec", "internal"),
            "fanout", Set.of("", "codec", "json", "cluster", "internal"),
            "cluster", Set.of(),
            "internal", Set.of());

    @Test
    void packagesDependOnEachOtherInOneDirection_andOnNoTransportEngine() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add("package '" + pkg + "' has no rule here: add one as its package-info says");
                    continue;
                }
                String code = withoutCommentsAndPackageLine(Files.readString(file));
                Matcher references = REFERENCE.matcher(code);
                while (references.find()) {
                    String used = references.group(1) == null ? "" : references.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used)) {
                        violations.add(SOURCES.relativize(file) + " uses dev.herald.runtime." + used);
                    }
                }
                for (String engine : ENGINES) {
                    if (code.contains(engine + ".")) {
                        violations.add(SOURCES.relativize(file) + " uses " + engine);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void aFullyQualifiedReference_isCaughtLikeAnImport() {
        Matcher matcher = REFERENCE.matcher("return new dev.herald.runtime.fanout.FanOut<>(json, settings, f);");
        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group(1)).isEqualTo("fanout");
        Matcher root = REFERENCE.matcher("dev.herald.runtime.EventBus bus;");
        assertThat(root.find()).isTrue();
        assertThat(root.group(1)).isNull();
    }

    /** The code: a Javadoc link is documentation, not a dependency. */
    private static String withoutCommentsAndPackageLine(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("(?m)^\\s*//.*$", "")
                .replaceFirst("(?m)^package [\\w.]+;", "");
    }
}
