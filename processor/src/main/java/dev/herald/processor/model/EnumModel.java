package dev.herald.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * An enum reached from an event, with the JSON name of each constant in declaration order.
 *
 * @param simpleNames its simple name and those of enclosing types, outermost first
 */
public record EnumModel(
        TypeElement element,
        List<String> simpleNames,
        String packageName,
        String doc,
        List<String> constants,
        List<String> jsonNames) {

    public String qualifiedName() {
        return element.getQualifiedName().toString();
    }

    /** The name in TypeScript and of its codec's prefix: {@code OuterStatus}. */
    public String flatName() {
        return String.join("", simpleNames);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumModel other && element.equals(other.element);
    }

    @Override
    public int hashCode() {
        return element.hashCode();
    }
}
