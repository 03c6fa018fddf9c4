package dev.herald.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.model.ModelMerge.Sourced;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelMergeTest {
    private static final Sourced FILES = new Sourced("com.acme:files:1.0", Models.files());
    private static final Sourced TASKS = new Sourced("com.acme:tasks:1.0", Models.tasks());

    @Test
    void mergesEventsAndKeepsASharedTypeOnce() throws ModelConflictException {
        HeraldModel merged = ModelMerge.merge(List.of(TASKS, FILES));

        assertThat(merged.events()).extracting(EventDef::name).containsExactly("fs.created", "task.done");
        assertThat(merged.records())
                .extracting(RecordDef::javaName)
                .containsExactly("com.acme.common.Actor", "com.acme.files.FileCreated", "com.acme.tasks.TaskDone");
        assertThat(merged.enums()).containsExactly(Models.STATUS);
        assertThat(merged).isEqualTo(ModelMerge.merge(List.of(FILES, TASKS)));
    }

    @Test
    void theMergedCatalogIsTheOneModuleWouldGet_EventsInTheCommonPackage() throws ModelConflictException {
        assertThat(ModelMerge.merge(List.of(FILES, TASKS)).catalog()).isEqualTo("com.acme.Events");
        assertThat(ModelMerge.merge(List.of(FILES)).catalog()).isEqualTo("com.acme.files.Events");
        Sourced elsewhere = new Sourced("org.other:x:1", Models.single("org.other.Events", "x.y", "org.other.Y"));
        assertThat(ModelMerge.merge(List.of(FILES, elsewhere)).catalog()).isEmpty();
    }

    @Test
    void oneEventNameForTwoRecords_namesBothModulesAndClasses() {
        Sourced other = new Sourced(
                "com.acme:audit:1.0", Models.single("com.acme.audit.Events", "fs.created", "com.acme.audit.Created"));

        assertThatThrownBy(() -> ModelMerge.merge(List.of(FILES, other)))
                .isInstanceOf(ModelConflictException.class)
                .hasMessage("Event name \"fs.created\" is declared by both com.acme.files.FileCreated in"
                        + " com.acme:files:1.0 and com.acme.audit.Created in com.acme:audit:1.0. Give each event its"
                        + " own name.");
    }

    @Test
    void twoTypesWithOneTypeScriptName_namesBoth() {
        Sourced other = new Sourced(
                "com.acme:audit:1.0",
                Models.single("com.acme.audit.Events", "audit.made", "com.acme.audit.FileCreated"));

        assertThatThrownBy(() -> ModelMerge.merge(List.of(FILES, other)))
                .hasMessage("com.acme.files.FileCreated in com.acme:files:1.0 and com.acme.audit.FileCreated in"
                        + " com.acme:audit:1.0 both become the TypeScript type FileCreated. Rename one of them.");
    }

    @Test
    void oneTypeDescribedTwoWays_isAConflict() {
        HeraldModel tasks = Models.tasks();
        EnumDef changed = new EnumDef(
                Models.STATUS.javaName(), "com.acme.common", "Status", "", List.of("queued", "done", "failed"));
        Sourced stale = new Sourced(
                "com.acme:tasks:0.9",
                new HeraldModel(tasks.catalog(), tasks.events(), tasks.records(), List.of(changed)));

        assertThatThrownBy(() -> ModelMerge.merge(List.of(FILES, stale)))
                .hasMessage("com.acme.common.Status is described differently by com.acme:files:1.0 and"
                        + " com.acme:tasks:0.9 (compiled from different versions of it?). Build both against the"
                        + " same version.");
    }

    @Test
    void twoEventNamesWithOneConstant_andAReservedName_areConflicts_allReportedAtOnce() {
        Sourced dashed =
                new Sourced("com.acme:a:1", Models.single("com.acme.a.Events", "fs-x.created", "com.acme.a.Dashed"));
        Sourced dotted =
                new Sourced("com.acme:b:1", Models.single("com.acme.b.Events", "fs.x-created", "com.acme.b.Dotted"));
        Sourced reserved =
                new Sourced("com.acme:c:1", Models.single("com.acme.c.Events", "c.made", "com.acme.c.EventName"));

        assertThatThrownBy(() -> ModelMerge.merge(List.of(dashed, dotted, reserved)))
                .isInstanceOfSatisfying(
                        ModelConflictException.class,
                        e -> assertThat(e.conflicts())
                                .containsExactly(
                                        "com.acme.c.EventName in com.acme:c:1 becomes the TypeScript type EventName, a name"
                                                + " events.ts already uses (its exports, and TypeScript's Record and"
                                                + " Partial). Rename the record or enum.",
                                        "Event names \"fs-x.created\" (com.acme.a.Dashed in com.acme:a:1) and \"fs.x-created\""
                                                + " (com.acme.b.Dotted in com.acme:b:1) both give the constant FS_X_CREATED."
                                                + " Rename one of the events."));
    }

    @Test
    void aTypeReadFromAJar_withoutJavadoc_agreesWithItsSource_andTheDocumentedOneIsKept()
            throws ModelConflictException {
        HeraldModel tasks = Models.tasks();
        Sourced fromJar = new Sourced(
                "com.acme:tasks:1.0",
                new HeraldModel(
                        tasks.catalog(), tasks.events(), tasks.records(), List.of(Models.STATUS.withoutDocs())));

        assertThat(ModelMerge.merge(List.of(fromJar, FILES)).enumDef(Models.STATUS.javaName()))
                .isEqualTo(Models.STATUS);
        assertThat(ModelMerge.merge(List.of(FILES, fromJar)).enumDef(Models.STATUS.javaName()))
                .isEqualTo(Models.STATUS);
    }

    @Test
    void theSameModelTwice_mergesToItself() throws ModelConflictException {
        assertThat(ModelMerge.merge(List.of(FILES, new Sourced("target/classes", Models.files()))))
                .isEqualTo(new HeraldModel(
                        "com.acme.files.Events",
                        Models.files().events(),
                        Models.files().records(),
                        Models.files().enums()));
    }
}
