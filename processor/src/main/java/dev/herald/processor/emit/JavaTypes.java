package dev.herald.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.herald.model.ScalarKind;
import dev.herald.processor.model.EnumModel;
import dev.herald.processor.model.RecordModel;
import dev.herald.processor.model.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Java type names for the model, and the runtime classes generated code refers to. */
public final class JavaTypes {
    static final String RUNTIME = "dev.herald.runtime";
    static final String JSON = "dev.herald.runtime.json";
    static final ClassName EVENT_TYPE = ClassName.get(RUNTIME, "EventType");
    public static final ClassName EVENT_CATALOG = ClassName.get(RUNTIME, "EventCatalog");
    static final String CODEC = "dev.herald.runtime.codec";
    static final ClassName JSON_CODEC = ClassName.get(CODEC, "JsonCodec");
    static final ClassName ENUM_JSON_CODEC = ClassName.get(JSON, "EnumJsonCodec");
    static final ClassName CODEC_SUPPORT = ClassName.get(JSON, "CodecSupport");
    static final ClassName JSON_WRITER = ClassName.get(CODEC, "JsonWriter");
    static final ClassName JSON_READER = ClassName.get(CODEC, "JsonReader");
    static final ClassName JSON_TOKEN = ClassName.get(CODEC, "JsonToken");
    static final ClassName FIELD_NAME = ClassName.get(CODEC, "FieldName");
    static final ClassName FIELD_NAMES = ClassName.get(JSON, "FieldNames");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final String PROCESSOR = "dev.herald.processor.EventProcessor";

    private JavaTypes() {}

    static ClassName className(RecordModel record) {
        return className(record.packageName(), record.simpleNames());
    }

    static ClassName className(EnumModel model) {
        return className(model.packageName(), model.simpleNames());
    }

    private static ClassName className(String packageName, List<String> simpleNames) {
        return ClassName.get(
                packageName,
                simpleNames.get(0),
                simpleNames.subList(1, simpleNames.size()).toArray(String[]::new));
    }

    /** {@code Outer.Inner} gives {@code Outer_InnerJsonCodec} in the same package. */
    static ClassName codecName(String packageName, List<String> simpleNames) {
        return ClassName.get(packageName, String.join("_", simpleNames) + "JsonCodec");
    }

    public static ClassName codecName(RecordModel record) {
        return codecName(record.packageName(), record.simpleNames());
    }

    public static ClassName codecName(EnumModel model) {
        return codecName(model.packageName(), model.simpleNames());
    }

    /** The Java type of a model type, without type annotations. */
    static TypeName typeName(TypeRef type) {
        if (type instanceof TypeRef.Scalar scalar) {
            return scalar.primitive() ? primitive(scalar.kind()) : boxed(scalar.kind());
        }
        if (type instanceof TypeRef.PrimitiveArray array) {
            return ArrayTypeName.of(primitive(array.element()));
        }
        if (type instanceof TypeRef.Sequence sequence) {
            TypeName element = typeName(sequence.element());
            return switch (sequence.kind()) {
                case LIST -> ParameterizedTypeName.get(ClassName.get(List.class), element);
                case SET -> ParameterizedTypeName.get(ClassName.get(Set.class), element);
                case ARRAY -> ArrayTypeName.of(element);
            };
        }
        if (type instanceof TypeRef.MapRef map) {
            TypeName key = map.enumKey() == null ? ClassName.get(String.class) : className(map.enumKey());
            return ParameterizedTypeName.get(ClassName.get(Map.class), key, typeName(map.value()));
        }
        if (type instanceof TypeRef.OptionalRef optional) {
            return ParameterizedTypeName.get(ClassName.get(Optional.class), typeName(optional.value()));
        }
        if (type instanceof TypeRef.EnumRef enumRef) {
            return className(enumRef.model());
        }
        if (type instanceof TypeRef.RecordRef recordRef) {
            return className(recordRef.model());
        }
        throw new IllegalStateException("no Java type for " + type);
    }

    static TypeName primitive(ScalarKind kind) {
        return switch (kind) {
            case BOOLEAN -> TypeName.BOOLEAN;
            case BYTE -> TypeName.BYTE;
            case SHORT -> TypeName.SHORT;
            case INT -> TypeName.INT;
            case LONG -> TypeName.LONG;
            case FLOAT -> TypeName.FLOAT;
            case DOUBLE -> TypeName.DOUBLE;
            case CHAR -> TypeName.CHAR;
            default -> throw new IllegalStateException(kind + " is not primitive");
        };
    }

    static ClassName boxed(ScalarKind kind) {
        return switch (kind) {
            case BOOLEAN -> ClassName.get(Boolean.class);
            case BYTE -> ClassName.get(Byte.class);
            case SHORT -> ClassName.get(Short.class);
            case INT -> ClassName.get(Integer.class);
            case LONG -> ClassName.get(Long.class);
            case FLOAT -> ClassName.get(Float.class);
            case DOUBLE -> ClassName.get(Double.class);
            case CHAR -> ClassName.get(Character.class);
            case STRING -> ClassName.get(String.class);
            case UUID -> ClassName.get("java.util", "UUID");
            case BIG_DECIMAL -> ClassName.get("java.math", "BigDecimal");
            case BIG_INTEGER -> ClassName.get("java.math", "BigInteger");
            case INSTANT -> ClassName.get("java.time", "Instant");
            case OFFSET_DATE_TIME -> ClassName.get("java.time", "OffsetDateTime");
            case LOCAL_DATE -> ClassName.get("java.time", "LocalDate");
            case LOCAL_DATE_TIME -> ClassName.get("java.time", "LocalDateTime");
            case DURATION -> ClassName.get("java.time", "Duration");
        };
    }
}
