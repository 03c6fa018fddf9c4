package dev.herald.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the real Maven builds of the projects in {@code src/it} left in {@code target/it}: the
 * invoker plugin ran them (offline, against the local repository) just before these tests.
 */
class GenerateGoalIT {
    private static final Path IT = Path.of("target/it");

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> stream = Files.list(folder)) {
            return stream.map(Path::getFileName).sorted().toList();
        }
    }

    @Test
    void twoEventModules_giveOneFolder_byteForByteWhatOneModuleWithAllTheEventsGets() throws IOException {
        Path project = IT.resolve("multi-module");
        Path merged = project.resolve("web/src/generated");
        Path single = project.resolve("single/target/typescript");

        assertThat(files(merged))
                .map(Path::toString)
                .containsExactly(
                        "async.ts",
                        "event.ts",
                        "event_client.ts",
                        "event_hooks.ts",
                        "event_query.ts",
                        "event_stream.ts",
                        "events.ts",
                        "lifecycle.ts");
        assertThat(files(merged)).isEqualTo(files(single));
        for (Path name : files(single)) {
            assertThat(read(merged.resolve(name))).as(name.toString()).isEqualTo(read(single.resolve(name)));
        }
        assertThat(read(project.resolve("web/target/asyncapi.json")))
                .isEqualTo(read(project.resolve("single/target/asyncapi.json")))
                .contains("\"title\" : \"com.acme.Events events\"");

        String events = read(merged.resolve("events.ts"));
        assertThat(events)
                .contains("FS_CREATED: \"fs.created\",")
                .contains("TASK_DONE: \"task.done\",")
                .contains("export interface Actor {") // from the common jar, reached by both modules
                .contains("/** A file was created; fetch `/files/{path}`. */");
        assertThat(read(merged.resolve("event_hooks.ts")))
                .contains("export function useFSRefresh<T>(")
                .contains("export function useOnTaskChange(taskId: number,");
    }

    @Test
    void tscStrictAcceptsAUsageFileWithHooksOfBothModules_andRejectsItsMistakes() throws Exception {
        Path web = IT.resolve("multi-module/web");
        Process tsc = new ProcessBuilder(
                        Path.of("node_modules/.bin/tsc").toAbsolutePath().toString(),
                        "-p",
                        web.resolve("tsconfig.json").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(tsc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tsc.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(output).isEmpty();
        assertThat(tsc.exitValue()).isZero();
        assertThat(read(web.resolve("src/usage.ts"))).contains("@ts-expect-error"); // unused ones fail tsc
    }

    @Test
    void oneEventNameInTwoModules_failsTheBuild_namingBothModulesAndClasses() throws IOException {
        String log = read(IT.resolve("collision/build.log"));

        assertThat(log)
                .contains("Herald cannot merge the events of ")
                .contains("Event name \"fs.created\" is declared by both com.acme.files.FileCreated in"
                        + " com.acme:files:1.0 and com.acme.audit.FileCreated in com.acme:audit:1.0")
                .contains("com.acme.files.FileCreated in com.acme:files:1.0 and com.acme.audit.FileCreated in"
                        + " com.acme:audit:1.0 both become the TypeScript type FileCreated")
                .contains("BUILD FAILURE");
        assertThat(IT.resolve("collision/web/src/generated")).doesNotExist();
    }

    @Test
    void aModuleRemovedFromTheDependencies_dropsItsEventsFromTheSameFolder() throws IOException {
        Path web = IT.resolve("module-removed/web");
        String log = read(IT.resolve("module-removed/build.log"));

        assertThat(log.indexOf("Herald: 2 events from com.acme:files:1.0, com.acme:tasks:1.0 -> "))
                .isNotNegative()
                .isLessThan(log.indexOf("Herald: 1 events from com.acme:files:1.0 -> "));
        assertThat(read(web.resolve("src/generated/events.ts")))
                .contains("FS_CREATED: \"fs.created\",")
                .doesNotContain("task.done")
                .doesNotContain("TaskDone");
        assertThat(read(web.resolve("src/generated/event_hooks.ts"))).doesNotContain("useTaskRefresh");
        assertThat(read(web.resolve("target/asyncapi.json"))).doesNotContain("task.done");
    }

    @Test
    void aModuleAddedToTheDependencies_addsItsEventsToTheSameFolder() throws IOException {
        Path web = IT.resolve("module-added/web");
        String log = read(IT.resolve("module-added/build.log"));

        assertThat(log.indexOf("Herald: 1 events from com.acme:files:1.0 -> "))
                .isNotNegative()
                .isLessThan(log.indexOf("Herald: 2 events from com.acme:files:1.0, com.acme:tasks:1.0 -> "));
        assertThat(read(web.resolve("src/generated/events.ts")))
                .contains("FS_CREATED: \"fs.created\",")
                .contains("TASK_DONE: \"task.done\",");
        assertThat(read(web.resolve("src/generated/event_hooks.ts"))).contains("useTaskRefresh");
        assertThat(read(web.resolve("target/asyncapi.json"))).contains("task.done");
    }

    @Test
    void corruptAndNewerModels_failNamingTheJar() throws IOException {
        String log = read(IT.resolve("bad-model/build.log"));

        assertThat(log)
                .containsPattern("broken-1\\.0\\.jar!/META-INF/herald/model\\.json \\(com\\.acme:broken:1\\.0, \\S+\\)"
                        + " is not valid JSON \\(it may be truncated or corrupt\\)")
                .containsPattern("newer-1\\.0\\.jar!/META-INF/herald/model\\.json \\(com\\.acme:newer:1\\.0, \\S+\\)"
                        + " has modelVersion 2, newer than this Herald");
    }
}
