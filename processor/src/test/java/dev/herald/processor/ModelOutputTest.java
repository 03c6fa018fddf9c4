package dev.herald.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.herald.processor.Sources.compile;
import static dev.herald.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.herald.asyncapi.AsyncApiGenerator;
import dev.herald.model.EventDef;
import dev.herald.model.HeraldModel;
import dev.herald.model.InvalidModelException;
import dev.herald.model.ModelJson;
import dev.herald.model.ModelMerge;
import dev.herald.model.ModelMerge.Sourced;
import dev.herald.model.TypeDef;
import dev.herald.model.output.GeneratedFile;
import dev.herald.model.output.OutputSettings;
import dev.herald.ts.generate.TypeScriptGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * {@code META-INF/herald/model.json} from real javac runs, and the promise it carries: the models of
 * two modules, merged, give byte for byte the TypeScript and AsyncAPI of one module with all their
 * events.
 */
class ModelOutputTest {
    private static final List<String> OPTIONS =
            List.of("-Aherald.ts.tanstack=true", "-Aherald.ts.groupNames=fs=FS", "-Aherald.asyncapi.version=2.1.0");

    private static final JavaFileObject COMMON = source(
            "com.acme.common.Common",
            "package com.acme.common;",
            "public final class Common {",
            "  public @interface Nullable {}",
            "  /** Who did it. */",
            "  public record Actor(String id, @Nullable String name) {}",
            "  /** How far a task got. */",
            "  public enum Status { QUEUED, @com.fasterxml.jackson.annotation.JsonProperty(\"ok\") DONE }",
            "}");
    private static final JavaFileObject FILES = source(
            "com.acme.files.FileCreated",
            "package com.acme.files;",
            "import com.acme.common.Common.*;",
            "import dev.herald.*;",
            "import java.util.*;",
            "/**",
            " * A file was created; fetch {@code /files/{path}}.",
            " *",
            " * @param path Where.",
            " */",
            "@Event(\"fs.created\")",
            "public record FileCreated(@EventKey String path, Actor by, Map<Status, List<Long>> sizes,"
                    + " Optional<byte[]> head) {}");
    private static final JavaFileObject FILES_2 = source(
            "com.acme.files.FileDeleted",
            "package com.acme.files;",
            "import dev.herald.*;",
            "@Event(\"fs.deleted\")",
            "public record FileDeleted(@EventKey String path, @com.fasterxml.jackson.annotation.JsonIgnore int x) {}");
    private static final JavaFileObject TASKS = source(
            "com.acme.tasks.TaskDone",
            "package com.acme.tasks;",
            "import com.acme.common.Common.*;",
            "import dev.herald.*;",
            "/** A task ended. */",
            "@Event(\"task.done\")",
            "public record TaskDone(@EventKey long taskId, Status status, Actor by, java.time.Instant at) {}");

    private static String generated(Compilation compilation, String path) throws IOException {
        return compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, path)
                .orElseThrow(() -> new AssertionError("not generated: " + path))
                .getCharContent(true)
                .toString();
    }

    private static HeraldModel model(Compilation compilation) throws IOException, InvalidModelException {
        return ModelJson.read(generated(compilation, HeraldModel.PATH), "model.json");
    }

    @Test
    void modelJsonHoldsTheEventsAndWhatTheyReach_documented() throws Exception {
        Compilation files = compile(OPTIONS, COMMON, FILES, FILES_2);
        assertThat(files).succeededWithoutWarnings();

        HeraldModel model = model(files);
        assertThat(model.catalog()).isEqualTo("com.acme.files.Events");
        assertThat(model.events())
                .containsExactly(
                        new EventDef("fs.created", "com.acme.files.FileCreated"),
                        new EventDef("fs.deleted", "com.acme.files.FileDeleted"));
        assertThat(model.record("com.acme.files.FileCreated").doc())
                .isEqualTo("A file was created; fetch `/files/{path}`.");
        assertThat(model.record("com.acme.files.FileCreated").key().doc()).isEqualTo("Where.");
        assertThat(model.record("com.acme.files.FileCreated").fields().get(3).type())
                .isEqualTo(new TypeDef.OptionalOf(new TypeDef.PrimitiveArray(dev.herald.model.ScalarKind.BYTE)));
        assertThat(model.record("com.acme.files.FileDeleted").fields()).hasSize(1); // @JsonIgnore is no field
        assertThat(model.record("com.acme.common.Common.Actor").name()).isEqualTo("CommonActor");
        assertThat(model.record("com.acme.common.Common.Actor").fields().get(1).nullable())
                .isTrue();
        assertThat(model.enumDef("com.acme.common.Common.Status").values()).containsExactly("QUEUED", "ok");
    }

    @Test
    void twoModulesMerged_giveTheBytesOfOneModuleWithAllTheirEvents() throws Exception {
        Compilation files = compile(OPTIONS, COMMON, FILES, FILES_2);
        Compilation tasks = compile(OPTIONS, COMMON, TASKS);
        Compilation together = compile(OPTIONS, COMMON, FILES, FILES_2, TASKS);
        assertThat(together).succeededWithoutWarnings();

        HeraldModel merged =
                ModelMerge.merge(List.of(new Sourced("tasks", model(tasks)), new Sourced("files", model(files))));

        assertThat(ModelJson.write(merged)).isEqualTo(generated(together, HeraldModel.PATH));
        OutputSettings settings = new OutputSettings(Map.of("fs", "FS"), true, true, null, "2.1.0", null);
        List<GeneratedFile> typeScript = TypeScriptGenerator.generate(merged, settings);
        assertThat(typeScript)
                .extracting(GeneratedFile::fileName)
                .containsExactly(
                        "events.ts",
                        "event_hooks.ts",
                        "event_query.ts",
                        "lifecycle.ts",
                        "event.ts",
                        "async.ts",
                        "event_client.ts",
                        "event_stream.ts");
        for (GeneratedFile file : typeScript) {
            assertThat(file.content())
                    .as(file.fileName())
                    .isEqualTo(generated(together, "META-INF/herald/typescript/" + file.fileName()));
        }
        assertThat(AsyncApiGenerator.generate(merged, settings)).isEqualTo(generated(together, AsyncApiGenerator.PATH));
        assertThat(generated(together, "META-INF/herald/typescript/events.ts"))
                .contains("FS_CREATED: \"fs.created\",")
                .contains("TASK_DONE: \"task.done\",");
    }
}
