package dev.herald.processor.emit;

import com.palantir.javapoet.ClassName;
import dev.herald.model.ScalarKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime helpers and element codecs that generated codecs name ({@code CodecSupport}, {@code
 * Scalars}, {@code TimeValues}, {@code Containers}). Every name the processor emits comes from here,
 * and {@link #all()} and {@link #constants()} list each one with its type, which {@code
 * SupportCallsTest} holds against the runtime classes: a renamed or retyped helper fails Herald's
 * build, not a user's compilation.
 */
final class SupportCalls {
    /** A static helper: the runtime class that holds it and its name. */
    record Call(ClassName owner, String name) {
        /** {@code Owner.name} as written in {@code source}, ready for its arguments. */
        String in(JavaSource source) {
            return source.name(owner) + "." + name;
        }
    }

    /** A static final element codec: the runtime class that holds it and its name. */
    record Constant(ClassName owner, String name) {
        /** {@code Owner.NAME} as written in {@code source}. */
        String in(JavaSource source) {
            return source.name(owner) + "." + name;
        }
    }

    private static final ClassName FIELDS = JavaTypes.CODEC_SUPPORT;
    private static final ClassName SCALARS = ClassName.get("dev.herald.runtime.json", "Scalars");
    private static final ClassName TIME = ClassName.get("dev.herald.runtime.json", "TimeValues");
    private static final ClassName CONTAINERS = ClassName.get("dev.herald.runtime.json", "Containers");

    static final Call EXPECT_OBJECT = new Call(FIELDS, "expectObject");
    static final Call NEXT_FIELD = new Call(FIELDS, "nextField");
    static final Call FAILURE = new Call(FIELDS, "failure");
    static final Call REJECTED = new Call(FIELDS, "rejected");
    static final Call WRITE_COLLECTION = new Call(CONTAINERS, "writeCollection");
    static final Call WRITE_ARRAY = new Call(CONTAINERS, "writeArray");
    static final Call WRITE_STRING_MAP = new Call(CONTAINERS, "writeStringMap");
    static final Call WRITE_ENUM_MAP = new Call(CONTAINERS, "writeEnumMap");
    static final Call WRITE_OPTIONAL = new Call(CONTAINERS, "writeOptional");
    static final Call READ_LIST = new Call(CONTAINERS, "readList");
    static final Call READ_SET = new Call(CONTAINERS, "readSet");
    static final Call READ_ARRAY = new Call(CONTAINERS, "readArray");
    static final Call READ_STRING_MAP = new Call(CONTAINERS, "readStringMap");
    static final Call READ_ENUM_MAP = new Call(CONTAINERS, "readEnumMap");
    static final Call READ_OPTIONAL = new Call(CONTAINERS, "readOptional");
    static final Call LIST_OF = new Call(CONTAINERS, "listOf");
    static final Call SET_OF = new Call(CONTAINERS, "setOf");
    static final Call ARRAY_OF = new Call(CONTAINERS, "arrayOf");
    static final Call STRING_MAP_OF = new Call(CONTAINERS, "stringMapOf");
    static final Call ENUM_MAP_OF = new Call(CONTAINERS, "enumMapOf");
    static final Call OPTIONAL_OF = new Call(CONTAINERS, "optionalOf");

    /**
     * The helpers for one use of containers: writing a field, reading a field, or building the
     * element codec of a container inside a container. Arrays are read into {@code T[]::new}.
     */
    record ContainerCalls(
            Call list, Call set, Call array, boolean newArray, Call stringMap, Call enumMap, Call optional) {}

    static final ContainerCalls WRITES = new ContainerCalls(
            WRITE_COLLECTION, WRITE_COLLECTION, WRITE_ARRAY, false, WRITE_STRING_MAP, WRITE_ENUM_MAP, WRITE_OPTIONAL);
    static final ContainerCalls READS =
            new ContainerCalls(READ_LIST, READ_SET, READ_ARRAY, true, READ_STRING_MAP, READ_ENUM_MAP, READ_OPTIONAL);
    static final ContainerCalls FACTORIES =
            new ContainerCalls(LIST_OF, SET_OF, ARRAY_OF, true, STRING_MAP_OF, ENUM_MAP_OF, OPTIONAL_OF);

    private static final String PARSER = "dev.herald.runtime.codec.JsonReader";
    private static final String GENERATOR = "dev.herald.runtime.codec.JsonWriter";
    private static final String CODEC = "dev.herald.runtime.codec.JsonCodec";
    private static final String EXCEPTION = "dev.herald.runtime.json.EventDecodeException";

    /** How a scalar kind appears in helper names, and its Java types (primitive null for objects). */
    private record Kind(String suffix, String primitive, String type) {}

    private static final Map<ScalarKind, Kind> KINDS = new EnumMap<>(Map.ofEntries(
            Map.entry(ScalarKind.BOOLEAN, new Kind("Boolean", "boolean", "java.lang.Boolean")),
            Map.entry(ScalarKind.BYTE, new Kind("Byte", "byte", "java.lang.Byte")),
            Map.entry(ScalarKind.SHORT, new Kind("Short", "short", "java.lang.Short")),
            Map.entry(ScalarKind.INT, new Kind("Int", "int", "java.lang.Integer")),
            Map.entry(ScalarKind.LONG, new Kind("Long", "long", "java.lang.Long")),
            Map.entry(ScalarKind.FLOAT, new Kind("Float", "float", "java.lang.Float")),
            Map.entry(ScalarKind.DOUBLE, new Kind("Double", "double", "java.lang.Double")),
            Map.entry(ScalarKind.CHAR, new Kind("Char", "char", "java.lang.Character")),
            Map.entry(ScalarKind.STRING, new Kind("String", null, "java.lang.String")),
            Map.entry(ScalarKind.UUID, new Kind("Uuid", null, "java.util.UUID")),
            Map.entry(ScalarKind.BIG_DECIMAL, new Kind("BigDecimal", null, "java.math.BigDecimal")),
            Map.entry(ScalarKind.BIG_INTEGER, new Kind("BigInteger", null, "java.math.BigInteger")),
            Map.entry(ScalarKind.INSTANT, new Kind("Instant", null, "java.time.Instant")),
            Map.entry(ScalarKind.OFFSET_DATE_TIME, new Kind("OffsetDateTime", null, "java.time.OffsetDateTime")),
            Map.entry(ScalarKind.LOCAL_DATE, new Kind("LocalDate", null, "java.time.LocalDate")),
            Map.entry(ScalarKind.LOCAL_DATE_TIME, new Kind("LocalDateTime", null, "java.time.LocalDateTime")),
            Map.entry(ScalarKind.DURATION, new Kind("Duration", null, "java.time.Duration"))));

    /** A static helper, its types as {@link Class#getTypeName} spells them, erased. */
    record Signature(Call call, String returns, List<String> parameters) {}

    /** An element codec constant and its generic type as {@link java.lang.reflect.Type#getTypeName} spells it. */
    record ConstantSignature(Constant constant, String type) {}

    private SupportCalls() {}

    /** Whether a boxed value of this kind is read through its own {@code …Box} helper (it may be null). */
    static boolean boxedRead(ScalarKind kind) {
        return kind.isNumber() || kind == ScalarKind.BOOLEAN || kind == ScalarKind.CHAR;
    }

    /** {@code readInt}, {@code readIntBox}, {@code readUuid}, … */
    static Call readScalar(ScalarKind kind, boolean box) {
        return new Call(ownerOf(kind), "read" + KINDS.get(kind).suffix() + (box ? "Box" : ""));
    }

    /** A possibly null boxed number, boolean or char: {@code writeLongBox}, {@code writeIntBox} for byte too. */
    static Call writeBox(ScalarKind kind) {
        return new Call(
                SCALARS,
                kind == ScalarKind.BYTE
                        ? "writeIntBox"
                        : "write" + KINDS.get(kind).suffix() + "Box");
    }

    /** A value the generator has no method of its own for: {@code writeUuid}, {@code writeChar}, … */
    static Call writeValue(ScalarKind kind) {
        return new Call(ownerOf(kind), "write" + KINDS.get(kind).suffix());
    }

    private static ClassName ownerOf(ScalarKind kind) {
        return switch (kind) {
            case INSTANT, OFFSET_DATE_TIME, LOCAL_DATE, LOCAL_DATE_TIME, DURATION -> TIME;
            default -> SCALARS;
        };
    }

    /**
     * The element codec of a scalar inside a container: {@code Scalars.STRING}, {@code
     * TimeValues.INSTANT}, … named as the kind; boxes, since an element may be null.
     */
    static Constant scalarCodec(ScalarKind kind) {
        return new Constant(ownerOf(kind), kind.name());
    }

    /** The element codec of a primitive array inside a container: {@code Containers.INTS}, {@code Scalars.BYTES}, … */
    static Constant primitiveArrayCodec(ScalarKind element) {
        return switch (element) {
            case BYTE -> new Constant(SCALARS, "BYTES");
            case CHAR -> new Constant(SCALARS, "CHARS");
            default -> new Constant(CONTAINERS, element.name() + "S");
        };
    }

    /** {@code byte[]} is base64 and {@code char[]} text, as Jackson writes them; others are arrays. */
    static Call primitiveArray(String verb, ScalarKind element) {
        return switch (element) {
            case BYTE -> new Call(SCALARS, verb + "Bytes");
            case CHAR -> new Call(SCALARS, verb + "Chars");
            default -> new Call(CONTAINERS, verb + KINDS.get(element).suffix() + "s");
        };
    }

    /** Every helper the processor can name, with the signature the generated call needs. */
    static List<Signature> all() {
        List<Signature> all = new ArrayList<>();
        KINDS.forEach((kind, types) -> {
            all.add(new Signature(
                    readScalar(kind, false),
                    types.primitive() != null ? types.primitive() : types.type(),
                    List.of(PARSER)));
            if (boxedRead(kind)) {
                all.add(new Signature(readScalar(kind, true), types.type(), List.of(PARSER)));
                String boxParameter =
                        kind == ScalarKind.BYTE || kind == ScalarKind.INT ? "java.lang.Number" : types.type();
                all.add(new Signature(writeBox(kind), "void", List.of(GENERATOR, boxParameter)));
            } else if (kind != ScalarKind.STRING) {
                all.add(new Signature(writeValue(kind), "void", List.of(GENERATOR, types.type())));
            }
            if (types.primitive() != null) {
                String array = types.primitive() + "[]";
                all.add(new Signature(primitiveArray("read", kind), array, List.of(PARSER)));
                all.add(new Signature(primitiveArray("write", kind), "void", List.of(GENERATOR, array)));
            }
        });
        all.add(new Signature(writeValue(ScalarKind.CHAR), "void", List.of(GENERATOR, "char")));
        all.add(new Signature(EXPECT_OBJECT, "void", List.of(PARSER)));
        all.add(new Signature(NEXT_FIELD, "int", List.of(PARSER, "dev.herald.runtime.json.FieldNames", "int")));
        all.add(new Signature(FAILURE, EXCEPTION, List.of("java.lang.String", "java.lang.Exception")));
        all.add(new Signature(REJECTED, EXCEPTION, List.of("java.lang.Class", "java.lang.RuntimeException")));
        all.add(new Signature(WRITE_COLLECTION, "void", List.of(GENERATOR, "java.util.Collection", CODEC)));
        all.add(new Signature(WRITE_ARRAY, "void", List.of(GENERATOR, "java.lang.Object[]", CODEC)));
        all.add(new Signature(WRITE_STRING_MAP, "void", List.of(GENERATOR, "java.util.Map", CODEC)));
        all.add(new Signature(
                WRITE_ENUM_MAP,
                "void",
                List.of(GENERATOR, "java.util.Map", "dev.herald.runtime.json.EnumJsonCodec", CODEC)));
        all.add(new Signature(WRITE_OPTIONAL, "void", List.of(GENERATOR, "java.util.Optional", CODEC)));
        all.add(new Signature(READ_LIST, "java.util.List", List.of(PARSER, CODEC)));
        all.add(new Signature(READ_SET, "java.util.Set", List.of(PARSER, CODEC)));
        all.add(new Signature(
                READ_ARRAY, "java.lang.Object[]", List.of(PARSER, CODEC, "java.util.function.IntFunction")));
        all.add(new Signature(READ_STRING_MAP, "java.util.Map", List.of(PARSER, CODEC)));
        all.add(new Signature(
                READ_ENUM_MAP, "java.util.Map", List.of(PARSER, "dev.herald.runtime.json.EnumJsonCodec", CODEC)));
        all.add(new Signature(READ_OPTIONAL, "java.util.Optional", List.of(PARSER, CODEC)));
        all.add(new Signature(LIST_OF, CODEC, List.of(CODEC)));
        all.add(new Signature(SET_OF, CODEC, List.of(CODEC)));
        all.add(new Signature(ARRAY_OF, CODEC, List.of(CODEC, "java.util.function.IntFunction")));
        all.add(new Signature(STRING_MAP_OF, CODEC, List.of(CODEC)));
        all.add(new Signature(ENUM_MAP_OF, CODEC, List.of("dev.herald.runtime.json.EnumJsonCodec", CODEC)));
        all.add(new Signature(OPTIONAL_OF, CODEC, List.of(CODEC)));
        return all;
    }

    /** Every element codec constant the processor can name, with its type. */
    static List<ConstantSignature> constants() {
        List<ConstantSignature> all = new ArrayList<>();
        KINDS.forEach((kind, types) -> {
            all.add(new ConstantSignature(scalarCodec(kind), CODEC + "<" + types.type() + ">"));
            if (types.primitive() != null) {
                all.add(new ConstantSignature(primitiveArrayCodec(kind), CODEC + "<" + types.primitive() + "[]>"));
            }
        });
        return all;
    }
}
