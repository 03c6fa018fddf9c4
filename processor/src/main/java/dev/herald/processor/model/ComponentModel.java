package dev.herald.processor.model;

import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.type.TypeMirror;

/**
 * One record component as JSON sees it.
 *
 * @param element the component, where errors are reported
 * @param name the Java name (accessor and constructor parameter)
 * @param jsonName the JSON field name ({@code @JsonProperty} or the Java name)
 * @param javaType the component's declared type
 * @param type its JSON shape
 * @param ignored {@code @JsonIgnore}: neither written nor read
 * @param nullable {@code Optional} or annotated with an annotation named {@code Nullable}
 * @param key annotated {@code @EventKey}
 * @param doc its {@code @param} text from the record's Javadoc, or empty
 */
public record ComponentModel(
        RecordComponentElement element,
        String name,
        String jsonName,
        TypeMirror javaType,
        TypeRef type,
        boolean ignored,
        boolean nullable,
        boolean key,
        String doc) {}
