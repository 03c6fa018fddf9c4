package dev.herald.processor.emit;

import dev.herald.model.EnumDef;
import dev.herald.model.EventDef;
import dev.herald.model.FieldDef;
import dev.herald.model.HeraldModel;
import dev.herald.model.Naming;
import dev.herald.model.RecordDef;
import dev.herald.model.TypeDef;
import dev.herald.processor.model.ComponentModel;
import dev.herald.processor.model.EnumModel;
import dev.herald.processor.model.EventModel;
import dev.herald.processor.model.Reach;
import dev.herald.processor.model.RecordModel;
import dev.herald.processor.model.TypeRef;
import java.util.List;

/**
 * The compiler-bound model turned into the language-neutral one that {@code model.json} holds and
 * every generator reads: elements become Java names, ignored components disappear, Javadoc becomes
 * JSDoc text.
 */
public final class ModelExport {
    private ModelExport() {}

    /** The model of a catalog's events and everything they reach (valid events only). */
    public static HeraldModel of(String catalog, List<EventModel> events, Reach reach) {
        return new HeraldModel(
                catalog,
                events.stream()
                        .map(e -> new EventDef(e.name(), e.record().qualifiedName()))
                        .toList(),
                reach.records().stream().map(ModelExport::record).toList(),
                reach.enums().stream().map(ModelExport::enumDef).toList());
    }

    private static RecordDef record(RecordModel record) {
        List<FieldDef> fields = record.components().stream()
                .filter(c -> !c.ignored())
                .map(ModelExport::field)
                .toList();
        return new RecordDef(
                record.qualifiedName(),
                record.packageName(),
                record.flatName(),
                Naming.docFromJavadoc(record.doc()),
                fields);
    }

    private static FieldDef field(ComponentModel component) {
        return new FieldDef(
                component.name(),
                component.jsonName(),
                type(component.type()),
                component.nullable(),
                component.key(),
                Naming.docFromJavadoc(component.doc()));
    }

    private static EnumDef enumDef(EnumModel model) {
        return new EnumDef(
                model.qualifiedName(),
                model.packageName(),
                model.flatName(),
                Naming.docFromJavadoc(model.doc()),
                model.jsonNames());
    }

    private static TypeDef type(TypeRef type) {
        if (type instanceof TypeRef.Scalar scalar) {
            return new TypeDef.Scalar(scalar.kind());
        }
        if (type instanceof TypeRef.PrimitiveArray array) {
            return new TypeDef.PrimitiveArray(array.element());
        }
        if (type instanceof TypeRef.Sequence sequence) {
            return new TypeDef.Sequence(sequence.kind(), type(sequence.element()));
        }
        if (type instanceof TypeRef.MapRef map) {
            return new TypeDef.MapOf(
                    map.enumKey() == null ? null : map.enumKey().qualifiedName(), type(map.value()));
        }
        if (type instanceof TypeRef.OptionalRef optional) {
            return new TypeDef.OptionalOf(type(optional.value()));
        }
        if (type instanceof TypeRef.EnumRef enumRef) {
            return new TypeDef.EnumRef(enumRef.model().qualifiedName());
        }
        if (type instanceof TypeRef.RecordRef recordRef) {
            return new TypeDef.RecordRef(recordRef.model().qualifiedName());
        }
        throw new IllegalStateException("a valid event has no " + type); // validation rejects the rest
    }
}
