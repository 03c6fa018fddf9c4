package dev.herald.model;

/** The JSON shape of a field, per docs/ARCHITECTURE.md (Type mapping). Records and enums are referred to by Java name. */
public sealed interface TypeDef {
    /** A leaf with a fixed JSON form. */
    record Scalar(ScalarKind kind) implements TypeDef {}

    /** {@code byte[]} (a base64 string), {@code char[]} (a string), other primitive arrays (arrays). */
    record PrimitiveArray(ScalarKind element) implements TypeDef {}

    /** A {@code List}, {@code Set} or object array. */
    record Sequence(SequenceKind kind, TypeDef element) implements TypeDef {}

    /** A JSON object: keys are strings ({@code enumKey == null}) or the JSON names of an enum's constants. */
    record MapOf(String enumKey, TypeDef value) implements TypeDef {}

    /** {@code Optional<T>}: the value or {@code null}. */
    record OptionalOf(TypeDef value) implements TypeDef {}

    /** An enum, written as the JSON name of its constant. */
    record EnumRef(String javaName) implements TypeDef {}

    /** A record, written as an object. */
    record RecordRef(String javaName) implements TypeDef {}
}
