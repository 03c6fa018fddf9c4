package dev.herald.processor.model;

import dev.herald.model.Naming;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * One {@code @Event} record.
 *
 * @param name the wire name, {@code fs.created}
 * @param record the record and its components
 * @param annotation the {@code @Event} mirror and its value, for errors on the name itself
 */
public record EventModel(String name, RecordModel record, AnnotationMirror annotation, AnnotationValue nameValue) {
    /** The part before the first dot (empty when the name has none, which validation reports). */
    public String group() {
        return Naming.group(name);
    }

    /** The constant in Java and TypeScript: {@code tunnel.statusChanged} gives {@code TUNNEL_STATUS_CHANGED}. */
    public String constantName() {
        return Naming.constantName(name);
    }
}
