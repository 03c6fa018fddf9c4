package dev.herald.model;

import java.util.List;

/**
 * An enum, written as the JSON name of a constant.
 *
 * @param javaName its qualified Java name
 * @param name its name in TypeScript and in the JSON Schema
 * @param values the JSON names of its constants, in declaration order
 */
public record EnumDef(String javaName, String packageName, String name, String doc, List<String> values) {
    public EnumDef {
        values = List.copyOf(values);
    }

    /** The same enum without its documentation. */
    public EnumDef withoutDocs() {
        return new EnumDef(javaName, packageName, name, "", values);
    }
}
