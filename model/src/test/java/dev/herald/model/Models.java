package dev.herald.model;

import java.util.List;

/** Small models for the tests: a files module, a tasks module and a common type both reach. */
final class Models {
    static final EnumDef STATUS = new EnumDef(
            "com.acme.common.Status", "com.acme.common", "Status", "How far it got.", List.of("queued", "done"));
    static final RecordDef ACTOR = new RecordDef(
            "com.acme.common.Actor",
            "com.acme.common",
            "Actor",
            "",
            List.of(new FieldDef("id", "id", new TypeDef.Scalar(ScalarKind.UUID), false, false, "")));

    private Models() {}

    static HeraldModel files() {
        RecordDef created = new RecordDef(
                "com.acme.files.FileCreated",
                "com.acme.files",
                "FileCreated",
                "A file was created.",
                List.of(
                        new FieldDef(
                                "path", "path", new TypeDef.Scalar(ScalarKind.STRING), false, true, "Where, `/a`."),
                        new FieldDef("by", "by", new TypeDef.RecordRef(ACTOR.javaName()), false, false, ""),
                        new FieldDef(
                                "sizes",
                                "sizes",
                                new TypeDef.MapOf(
                                        STATUS.javaName(),
                                        new TypeDef.Sequence(
                                                SequenceKind.SET,
                                                new TypeDef.OptionalOf(new TypeDef.Scalar(ScalarKind.BIG_DECIMAL)))),
                                false,
                                false,
                                ""),
                        new FieldDef("bytes", "raw", new TypeDef.PrimitiveArray(ScalarKind.BYTE), true, false, ""),
                        new FieldDef(
                                "tags",
                                "tags",
                                new TypeDef.Sequence(
                                        SequenceKind.ARRAY,
                                        new TypeDef.MapOf(null, new TypeDef.Scalar(ScalarKind.INT))),
                                false,
                                false,
                                "")));
        return new HeraldModel(
                "com.acme.files.Events",
                List.of(new EventDef("fs.created", created.javaName())),
                List.of(created, ACTOR),
                List.of(STATUS));
    }

    static HeraldModel tasks() {
        RecordDef done = new RecordDef(
                "com.acme.tasks.TaskDone",
                "com.acme.tasks",
                "TaskDone",
                "",
                List.of(
                        new FieldDef("taskId", "taskId", new TypeDef.Scalar(ScalarKind.LONG), false, true, ""),
                        new FieldDef("status", "status", new TypeDef.EnumRef(STATUS.javaName()), false, false, ""),
                        new FieldDef("by", "by", new TypeDef.RecordRef(ACTOR.javaName()), false, false, "")));
        return new HeraldModel(
                "com.acme.tasks.Events",
                List.of(new EventDef("task.done", done.javaName())),
                List.of(done, ACTOR),
                List.of(STATUS));
    }

    /** A payload record of one event with one string field. */
    static HeraldModel single(String catalog, String event, String javaName) {
        int dot = javaName.lastIndexOf('.');
        RecordDef record = new RecordDef(
                javaName,
                javaName.substring(0, dot),
                javaName.substring(dot + 1),
                "",
                List.of(new FieldDef("id", "id", new TypeDef.Scalar(ScalarKind.STRING), false, false, "")));
        return new HeraldModel(catalog, List.of(new EventDef(event, javaName)), List.of(record), List.of());
    }
}
