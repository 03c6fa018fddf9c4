package dev.herald.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.EventType;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds that compile only some files, as an IDE or a hand-run {@code javac} does: real javac runs
 * on real folders, the earlier output on the class path.
 */
class PartialBuildTest {
    @TempDir
    Path dir;

    private Path source(String name, String code) throws IOException {
        Path file = dir.resolve("src/x/" + name + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package x;\n\nimport dev.herald.Event;\n\n" + code);
        return file;
    }

    private Path a() throws IOException {
        return source("A", "@Event(\"x.a\")\npublic record A(String id) {}\n");
    }

    private Path b(String name, String components) throws IOException {
        return source("B", "/** B happened. */\n@Event(\"" + name + "\")\npublic record B(" + components + ") {}\n");
    }

    /** javac with the processor, into {@code out}, with {@code out} on the class path. */
    private void compile(Path... files) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of(
                    "-d", out.toString(),
                    "-cp", out + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                    "-processor", EventProcessor.class.getName());
            boolean ok = javac.getTask(
                            messages, fileManager, null, options, null, fileManager.getJavaFileObjects(files))
                    .call();
            assertThat(ok).as("javac: %s", messages).isTrue();
        }
    }

    private List<String> registeredNames() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {dir.resolve("out").toUri().toURL()}, getClass().getClassLoader())) {
            List<String> names = new ArrayList<>();
            for (EventType<?> type : EventRegistry.load(loader).types()) {
                if (type.name().startsWith("x.")) {
                    names.add(type.name());
                }
            }
            return names;
        }
    }

    private String eventsTs() throws IOException {
        return Files.readString(dir.resolve("out/META-INF/herald/typescript/events.ts"));
    }

    private List<String> serviceFile() throws IOException {
        return Files.readAllLines(dir.resolve("out/META-INF/services/dev.herald.runtime.EventCatalog"));
    }

    @Test
    void compilingOneChangedFile_keepsTheEventsOfTheOthers() throws Exception {
        compile(a(), b("x.b", "String id"));
        assertThat(registeredNames()).containsExactly("x.a", "x.b");

        compile(b("x.b", "String id, int size")); // B changed, A not compiled

        assertThat(registeredNames()).containsExactly("x.a", "x.b");
        assertThat(eventsTs()).contains("\"x.a\"").contains("\"x.b\"").contains("size: number");
        assertThat(serviceFile()).containsExactly("x.Events");
    }

    @Test
    void anEventWhoseSourceAndClassAreDeleted_isDropped() throws Exception {
        compile(a(), b("x.b", "String id"));

        Files.delete(dir.resolve("src/x/A.java"));
        Files.delete(dir.resolve("out/x/A.class"));
        compile(b("x.b", "String id"));

        assertThat(registeredNames()).containsExactly("x.b");
        assertThat(eventsTs()).doesNotContain("\"x.a\"");
    }

    @Test
    void anEventThatLostItsAnnotation_isDropped() throws Exception {
        compile(a(), b("x.b", "String id"));

        Path plainA = source("A", "public record A(String id) {}\n");
        compile(plainA, b("x.b", "String id"));

        assertThat(registeredNames()).containsExactly("x.b");
        assertThat(eventsTs()).doesNotContain("\"x.a\"");
    }

    @Test
    void aRenamedEvent_isListedUnderItsNewNameOnly() throws Exception {
        compile(a(), b("x.b", "String id"));

        compile(b("x.renamed", "String id"));

        assertThat(registeredNames()).containsExactly("x.a", "x.renamed");
        assertThat(eventsTs()).contains("\"x.renamed\"").doesNotContain("\"x.b\"");
        assertThat(serviceFile()).containsExactly("x.Events");
    }
}
