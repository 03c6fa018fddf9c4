package dev.herald.model;

import java.util.List;

/**
 * A record written as a JSON object: an event's payload or a type a payload reaches.
 *
 * @param javaName its qualified Java name, which identifies it across modules
 * @param packageName its Java package
 * @param name its name in TypeScript and in the JSON Schema: the simple names from the outermost
 *     type down, joined ({@code OuterNode})
 * @param doc its documentation, or empty
 */
public record RecordDef(String javaName, String packageName, String name, String doc, List<FieldDef> fields) {
    public RecordDef {
        fields = List.copyOf(fields);
    }

    /** The same record without its and its fields' documentation. */
    public RecordDef withoutDocs() {
        return new RecordDef(
                javaName,
                packageName,
                name,
                "",
                fields.stream()
                        .map(f -> new FieldDef(f.name(), f.jsonName(), f.type(), f.nullable(), f.key(), ""))
                        .toList());
    }

    /** The field marked {@code @EventKey}, or {@code null}. */
    public FieldDef key() {
        return fields.stream().filter(FieldDef::key).findFirst().orElse(null);
    }
}
