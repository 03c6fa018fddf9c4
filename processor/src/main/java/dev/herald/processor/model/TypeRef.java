package dev.herald.processor.model;

import dev.herald.model.ScalarKind;
import dev.herald.model.SequenceKind;

/**
 * The JSON-relevant shape of a component type, as docs/ARCHITECTURE.md (Type mapping) maps it. Extraction builds
 * it for every component; {@link Unsupported} and {@link Missing} carry what went wrong so that
 * validation can report it on the component.
 */
public sealed interface TypeRef {
    /** A leaf with a fixed JSON form. {@code primitive} distinguishes {@code int} from {@code Integer}. */
    record Scalar(ScalarKind kind, boolean primitive) implements TypeRef {}

    /** {@code byte[]} (base64 string) and friends: primitive arrays. */
    record PrimitiveArray(ScalarKind element) implements TypeRef {}

    /** A {@code List}, {@code Set} or object array of {@code element}. */
    record Sequence(SequenceKind kind, TypeRef element) implements TypeRef {}

    /** A {@code Map} whose keys are strings ({@code enumKey == null}) or the constants of an enum. */
    record MapRef(EnumModel enumKey, TypeRef value) implements TypeRef {}

    /** {@code Optional<T>}: the value or {@code null}. */
    record OptionalRef(TypeRef value) implements TypeRef {}

    /** An enum, written as its constant names. */
    record EnumRef(EnumModel model) implements TypeRef {}

    /** A record, written as an object by its own codec. */
    record RecordRef(RecordModel model) implements TypeRef {}

    /** A type the type mapping does not cover; {@code problem} says why, {@code type} is as written. */
    record Unsupported(String type, String problem) implements TypeRef {}

    /** A type javac could not resolve yet (another processor may still generate it). */
    record Missing(String type) implements TypeRef {}
}
