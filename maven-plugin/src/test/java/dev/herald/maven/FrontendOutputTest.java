package dev.herald.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.model.ModelConflictException;
import dev.herald.model.ModelMerge.Sourced;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontendOutputTest {
    private static final Sourced FILES =
            new Sourced("com.acme:files:1.0", ModelFilesTest.model("fs.created", "com.acme.files.FileCreated"));
    private static final Sourced TASKS =
            new Sourced("com.acme:tasks:1.0", ModelFilesTest.model("task.done", "com.acme.tasks.TaskDone"));

    @TempDir
    Path dir;

    private FrontendOutput.Settings settings(Map<String, String> groupNames) {
        return new FrontendOutput.Settings(
                dir.resolve("ts"), groupNames, true, false, dir.resolve("api/asyncapi.json"), null, "1.0.0", "/ws");
    }

    @Test
    void writesTheFolderAndTheDocument_andRewritesOnlyWhatChanged() throws Exception {
        FrontendOutput.write(List.of(FILES, TASKS), settings(Map.of()));
        Path events = dir.resolve("ts/events.ts");
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(events, written);

        FrontendOutput.write(List.of(FILES, TASKS), settings(Map.of()));

        assertThat(Files.getLastModifiedTime(events)).isEqualTo(written);
        assertThat(Files.readString(events)).contains("FS_CREATED").contains("TASK_DONE");
        assertThat(Files.readString(dir.resolve("api/asyncapi.json")))
                .contains("\"title\" : \"com.acme.Events events\"")
                .contains("\"address\" : \"/ws\"");
        assertThat(dir.resolve("ts/event_query.ts")).doesNotExist();

        FrontendOutput.write(List.of(FILES), settings(Map.of()));
        assertThat(Files.readString(events)).contains("FS_CREATED").doesNotContain("TASK_DONE");
    }

    @Test
    void hooksTurnedOff_areRemoved_butAFileOfTheSameNameTheFrontendWroteStays() throws Exception {
        FrontendOutput.write(
                List.of(FILES),
                new FrontendOutput.Settings(dir.resolve("ts"), Map.of(), true, true, null, null, "1.0.0", "/ws"));
        assertThat(dir.resolve("ts/event_query.ts")).exists();
        Path own = Files.writeString(dir.resolve("ts/event_hooks.ts"), "// ours\nexport const x = 1;\n");

        FrontendOutput.write(
                List.of(FILES),
                new FrontendOutput.Settings(dir.resolve("ts"), Map.of(), false, false, null, null, "1.0.0", "/ws"));

        assertThat(dir.resolve("ts/event_query.ts")).doesNotExist();
        assertThat(own).hasContent("// ours\nexport const x = 1;");
        assertThat(dir.resolve("ts/events.ts")).exists();
    }

    @Test
    void badSettings_sayWhatToWriteInstead() {
        Path ts = dir.resolve("ts");
        assertThatThrownBy(() -> new FrontendOutput.Settings(ts, Map.of(), false, true, null, null, "1", "/ws"))
                .hasMessage("tanstack=true needs react=true (event_query.ts builds on event_hooks.ts).");
        assertThatThrownBy(() -> new FrontendOutput.Settings(ts, Map.of(), true, false, null, null, "1", "ws"))
                .hasMessage("asyncapiPath \"ws\" must start with '/'.");
        assertThatThrownBy(
                        () -> new FrontendOutput.Settings(ts, Map.of("fs", "F S"), true, false, null, null, "1", "/"))
                .hasMessage("groupNames spells group \"fs\" as \"F S\"; a spelling is a letter, then letters,"
                        + " digits or '_' (<fs>FS</fs>).");
        assertThat(new FrontendOutput.Settings(ts, Map.of("fs", " FS "), true, false, null, "  ", "1", "/"))
                .extracting(FrontendOutput.Settings::groupNames, FrontendOutput.Settings::asyncApiTitle)
                .containsExactly(Map.of("fs", "FS"), null);
    }

    @Test
    void groupsSpelledAlike_areAConflict() {
        assertThatThrownBy(() -> FrontendOutput.write(List.of(FILES, TASKS), settings(Map.of("fs", "Task"))))
                .isInstanceOf(ModelConflictException.class)
                .hasMessage("Groups \"fs\" and \"task\" both give the hook names useTaskRefresh/useOnTaskChange."
                        + " Spell one differently with groupNames.");
        assertThat(dir.resolve("ts")).doesNotExist();
    }
}
