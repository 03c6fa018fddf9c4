package dev.herald.processor.model;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A record that is written as a JSON object: an event or a payload type an event reaches.
 * Components are filled in after creation so that a record can reach itself (A contains B contains
 * A).
 *
 * @param element the record
 * @param simpleNames its simple name and those of enclosing types, outermost first ({@code [Outer,
 *     Node]})
 * @param packageName its package
 * @param doc its Javadoc description, or empty
 */
public record RecordModel(
        TypeElement element,
        List<String> simpleNames,
        String packageName,
        String doc,
        List<ComponentModel> components) {
    public RecordModel(TypeElement element, List<String> simpleNames, String packageName, String doc) {
        this(element, List.copyOf(simpleNames), packageName, doc, new ArrayList<>());
    }

    public String qualifiedName() {
        return element.getQualifiedName().toString();
    }

    /** The name of the record in TypeScript and of its codec's prefix: {@code OuterNode}. */
    public String flatName() {
        return String.join("", simpleNames);
    }

    /** The component marked {@code @EventKey}, or {@code null}. */
    public ComponentModel key() {
        return components.stream().filter(ComponentModel::key).findFirst().orElse(null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordModel other && element.equals(other.element);
    }

    @Override
    public int hashCode() {
        return element.hashCode();
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
