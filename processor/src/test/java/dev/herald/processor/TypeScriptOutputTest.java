package dev.herald.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.herald.processor.Sources.compile;
import static dev.herald.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypeScriptOutputTest {
    private static JavaFileObject event(String className, String name, String components) {
        return source(
                "com.example." + className,
                "package com.example;",
                "import dev.herald.Event;",
                "import dev.herald.EventKey;",
                "@Event(\"" + name + "\")",
                "public record " + className + "(" + components + ") {}");
    }

    private static String generated(Compilation compilation, String file) throws IOException {
        return compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/herald/typescript/" + file)
                .orElseThrow()
                .getCharContent(true)
                .toString();
    }

    @Test
    void writesTheFourFilesAsResources() throws IOException {
        Compilation compilation = compile(event("Made", "doc.made", "@EventKey String docId"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generated(compilation, "events.ts")).contains("DOC_MADE: \"doc.made\",");
        assertThat(generated(compilation, "event_hooks.ts"))
                .contains("export function useDocRefresh<T>(\n  docId: string,")
                .contains(
                        "export function useOnDocChange(docId: string, onChange: () => void, delayMs?: number): void {");
        assertThat(generated(compilation, "event_client.ts")).contains("export class EventClient");
        assertThat(generated(compilation, "async.ts"))
                .startsWith("// Herald ")
                .contains("export class RefreshController");
    }

    @Test
    void keyParameterExistsOnlyWhenEveryEventOfTheGroupHasTheSameKey() throws IOException {
        Compilation compilation = compile(
                event("A", "mixed.a", "@EventKey String docId"),
                event("B", "mixed.b", "String other"),
                event("C", "same.c", "@EventKey long id"),
                event("D", "same.d", "@EventKey Long id, String extra"));

        String hooks = generated(compilation, "event_hooks.ts");
        assertThat(hooks)
                .contains("export function useOnMixedChange(onChange: () => void, delayMs?: number): void {")
                .contains("export function useOnSameChange(id: number, onChange: () => void, delayMs?: number): void {")
                .contains("useOnGroupChange(\"same\", onChange, delayMs, \"id\", id);");
    }

    @Test
    void groupNamesOptionSpellsTheHooks() throws IOException {
        Compilation compilation = compile(
                List.of("-Aherald.ts.groupNames=fs=FS, my-group=Mine"),
                event("A", "fs.a", "@EventKey String assetId"),
                event("B", "my-group.b", "String x"),
                event("C", "other_group.c", "String x"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generated(compilation, "event_hooks.ts"))
                .contains("export function useFSRefresh<T>(")
                .contains("export function useOnMineChange(")
                .contains("export function useOtherGroupRefresh<T>(");
        assertThat(generated(compilation, "events.ts")).contains("\"my-group\": [\"my-group.b\"],");
    }

    @Test
    void reactOff_writesNoHooks() {
        Compilation compilation = compile(List.of("-Aherald.ts.react=false"), event("A", "x.a", "String id"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedFiles().stream().map(JavaFileObject::getName))
                .anyMatch(name -> name.endsWith("events.ts"))
                .noneMatch(name -> name.endsWith("event_hooks.ts"));
    }

    @Test
    void groupsSpelledAlike_areAnError() {
        JavaFileObject dash = event("A", "my-group.a", "String id");
        JavaFileObject underscore = event("B", "my_group.b", "String id");
        Compilation compilation = compile(dash, underscore);

        assertThat(compilation)
                .hadErrorContaining(
                        "Groups \"my-group\" and \"my_group\" both give the hook names useMyGroupRefresh/useOnMyGroupChange")
                .inFile(underscore)
                .onLineContaining("@Event(");
    }

    @Test
    void payloadNamedLikeAnExportOfEventsTs_isAnError() {
        JavaFileObject payload = source(
                "com.example.EventMessage", "package com.example;", "public record EventMessage(String text) {}");
        JavaFileObject event = event("Sent", "chat.sent", "EventMessage message");
        Compilation compilation = compile(payload, event);

        assertThat(compilation)
                .hadErrorContaining(
                        "com.example.EventMessage becomes the TypeScript type EventMessage, a name events.ts already exports")
                .inFile(payload)
                .onLineContaining("public record EventMessage");
    }

    @Test
    void outputDir_isCreated_andOnlyChangedFilesAreRewritten(@TempDir Path temp) throws IOException {
        Path folder = temp.resolve("web/src/generated");
        List<String> option = List.of("-Aherald.ts.outputDir=" + folder);
        assertThat(compile(option, event("A", "x.a", "String id"))).succeededWithoutWarnings();
        assertThat(folder.resolve("events.ts")).exists();
        assertThat(folder.resolve("event_hooks.ts")).exists();
        assertThat(folder.resolve("event_client.ts")).exists();
        assertThat(folder.resolve("async.ts")).exists();
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        for (String name : List.of("events.ts", "event_hooks.ts", "async.ts")) {
            Files.setLastModifiedTime(folder.resolve(name), old);
        }

        assertThat(compile(option, event("A", "x.a", "String id, int added"))).succeededWithoutWarnings();

        assertThat(Files.getLastModifiedTime(folder.resolve("events.ts"))).isNotEqualTo(old);
        assertThat(Files.readString(folder.resolve("events.ts"))).contains("readonly added: number;");
        assertThat(Files.getLastModifiedTime(folder.resolve("event_hooks.ts"))).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(folder.resolve("async.ts"))).isEqualTo(old);
    }
}
