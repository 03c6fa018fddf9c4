package dev.herald.processor.model;

import dev.herald.model.ScalarKind;
import dev.herald.model.SequenceKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads {@code @Event} records into the model: names, components, JSON names, Javadoc and the JSON
 * shape of every component type, following records and enums as far as they reach. Reports
 * nothing: whatever does not fit is recorded in the model for validation to report.
 */
public final class ModelExtractor {
    static final String EVENT = "dev.herald.Event";
    static final String EVENT_KEY = "dev.herald.EventKey";
    public static final String JSON_PROPERTY = "com.fasterxml.jackson.annotation.JsonProperty";
    public static final String JSON_IGNORE = "com.fasterxml.jackson.annotation.JsonIgnore";
    public static final String JSON_GETTER = "com.fasterxml.jackson.annotation.JsonGetter";

    private final Elements elements;
    private final Types types;
    /** Every record and enum read in this round, by qualified name. */
    private final Map<String, RecordModel> records = new HashMap<>();

    private final Map<String, EnumModel> enums = new HashMap<>();

    public ModelExtractor(ProcessingEnvironment env) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
    }

    /** Reads an {@code @Event} record; the caller has checked that {@code element} is a record. */
    public EventModel readEvent(TypeElement element) {
        AnnotationMirror annotation = findAnnotation(element, EVENT).orElseThrow();
        AnnotationValue nameValue = annotationValue(annotation, "value");
        String name = nameValue == null ? "" : String.valueOf(nameValue.getValue());
        return new EventModel(name, readRecord(element), annotation, nameValue);
    }

    /**
     * Forgets what earlier rounds read: elements are looked up afresh each round, and a type that was
     * missing then may exist now.
     */
    public void startRound() {
        records.clear();
        enums.clear();
    }

    private RecordModel readRecord(TypeElement element) {
        String qualifiedName = element.getQualifiedName().toString();
        RecordModel existing = records.get(qualifiedName);
        if (existing != null) {
            return existing; // also ends cycles: A -> B -> A
        }
        Javadoc javadoc = Javadoc.parse(elements.getDocComment(element));
        RecordModel model = new RecordModel(element, simpleNames(element), packageOf(element), javadoc.description());
        records.put(qualifiedName, model);
        for (RecordComponentElement component : element.getRecordComponents()) {
            model.components().add(readComponent(component, javadoc));
        }
        return model;
    }

    private ComponentModel readComponent(RecordComponentElement component, Javadoc recordDoc) {
        List<AnnotationMirror> annotations = annotationsOf(component);
        String name = component.getSimpleName().toString();
        String jsonName = jsonName(annotations, name);
        boolean ignored = annotations.stream()
                .filter(a -> isAnnotation(a, JSON_IGNORE))
                .anyMatch(a -> {
                    AnnotationValue value = annotationValue(a, "value");
                    return value == null || Boolean.TRUE.equals(value.getValue());
                });
        boolean key = annotations.stream().anyMatch(a -> isAnnotation(a, EVENT_KEY));
        TypeMirror type = component.asType();
        TypeRef ref = map(type);
        boolean nullable = ref instanceof TypeRef.OptionalRef
                || annotations.stream().anyMatch(ModelExtractor::isNullable)
                || type.getAnnotationMirrors().stream().anyMatch(ModelExtractor::isNullable);
        return new ComponentModel(component, name, jsonName, type, ref, ignored, nullable, key, recordDoc.param(name));
    }

    /** The JSON shape of {@code type}. */
    private TypeRef map(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN:
                return new TypeRef.Scalar(ScalarKind.BOOLEAN, true);
            case BYTE:
                return new TypeRef.Scalar(ScalarKind.BYTE, true);
            case SHORT:
                return new TypeRef.Scalar(ScalarKind.SHORT, true);
            case INT:
                return new TypeRef.Scalar(ScalarKind.INT, true);
            case LONG:
                return new TypeRef.Scalar(ScalarKind.LONG, true);
            case FLOAT:
                return new TypeRef.Scalar(ScalarKind.FLOAT, true);
            case DOUBLE:
                return new TypeRef.Scalar(ScalarKind.DOUBLE, true);
            case CHAR:
                return new TypeRef.Scalar(ScalarKind.CHAR, true);
            case ARRAY:
                return mapArray((ArrayType) type);
            case DECLARED:
                return mapDeclared((DeclaredType) type);
            case ERROR:
                return new TypeRef.Missing(type.toString());
            case TYPEVAR:
                return new TypeRef.Unsupported(type.toString(), "type variables have no fixed JSON form");
            case WILDCARD:
                return new TypeRef.Unsupported(type.toString(), "wildcards have no fixed JSON form; name the type");
            default:
                return new TypeRef.Unsupported(type.toString(), "it has no JSON form");
        }
    }

    private TypeRef mapArray(ArrayType type) {
        TypeMirror component = type.getComponentType();
        if (component.getKind().isPrimitive()) {
            return new TypeRef.PrimitiveArray(((TypeRef.Scalar) map(component)).kind());
        }
        if (component.getKind() == TypeKind.DECLARED
                && !((DeclaredType) component).getTypeArguments().isEmpty()) {
            return new TypeRef.Unsupported(
                    type.toString(), "arrays of generic types cannot be created; use a List instead");
        }
        return sequence(SequenceKind.ARRAY, map(component));
    }

    private TypeRef mapDeclared(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        List<? extends TypeMirror> args = type.getTypeArguments();
        String name = element.getQualifiedName().toString();
        switch (name) {
            case "java.lang.Boolean":
                return new TypeRef.Scalar(ScalarKind.BOOLEAN, false);
            case "java.lang.Byte":
                return new TypeRef.Scalar(ScalarKind.BYTE, false);
            case "java.lang.Short":
                return new TypeRef.Scalar(ScalarKind.SHORT, false);
            case "java.lang.Integer":
                return new TypeRef.Scalar(ScalarKind.INT, false);
            case "java.lang.Long":
                return new TypeRef.Scalar(ScalarKind.LONG, false);
            case "java.lang.Float":
                return new TypeRef.Scalar(ScalarKind.FLOAT, false);
            case "java.lang.Double":
                return new TypeRef.Scalar(ScalarKind.DOUBLE, false);
            case "java.lang.Character":
                return new TypeRef.Scalar(ScalarKind.CHAR, false);
            case "java.lang.String":
                return new TypeRef.Scalar(ScalarKind.STRING, false);
            case "java.util.UUID":
                return new TypeRef.Scalar(ScalarKind.UUID, false);
            case "java.math.BigDecimal":
                return new TypeRef.Scalar(ScalarKind.BIG_DECIMAL, false);
            case "java.math.BigInteger":
                return new TypeRef.Scalar(ScalarKind.BIG_INTEGER, false);
            case "java.time.Instant":
                return new TypeRef.Scalar(ScalarKind.INSTANT, false);
            case "java.time.OffsetDateTime":
                return new TypeRef.Scalar(ScalarKind.OFFSET_DATE_TIME, false);
            case "java.time.LocalDate":
                return new TypeRef.Scalar(ScalarKind.LOCAL_DATE, false);
            case "java.time.LocalDateTime":
                return new TypeRef.Scalar(ScalarKind.LOCAL_DATE_TIME, false);
            case "java.time.Duration":
                return new TypeRef.Scalar(ScalarKind.DURATION, false);
            case "java.util.List":
                return args.size() == 1 ? sequence(SequenceKind.LIST, map(args.get(0))) : raw(type);
            case "java.util.Set":
                return args.size() == 1 ? sequence(SequenceKind.SET, map(args.get(0))) : raw(type);
            case "java.util.Optional":
                return args.size() == 1 ? optional(map(args.get(0))) : raw(type);
            case "java.util.Map":
                return args.size() == 2 ? mapMap(type, args.get(0), args.get(1)) : raw(type);
            default:
                break;
        }
        if (element.getKind() == ElementKind.ENUM) {
            return new TypeRef.EnumRef(readEnum(element));
        }
        if (element.getKind() == ElementKind.RECORD) {
            if (!element.getTypeParameters().isEmpty()) {
                return new TypeRef.Unsupported(
                        type.toString(), "generic records have no fixed JSON form; declare a record per shape");
            }
            return new TypeRef.RecordRef(readRecord(element));
        }
        String collection = collectionInterface(element);
        if (collection != null) {
            return new TypeRef.Unsupported(
                    type.toString(),
                    "declare the component as " + collection + ", which Herald reads and writes (any " + collection
                            + " implementation is written the same)");
        }
        return new TypeRef.Unsupported(
                type.toString(),
                "it has no JSON form in Herald (neither a supported value type, an enum nor a record)");
    }

    private static TypeRef raw(DeclaredType type) {
        return new TypeRef.Unsupported(
                type.toString(), "raw collection types have no element type; add type arguments");
    }

    /** Propagates a problem inside a container outwards, so one check of the component finds it. */
    private static TypeRef sequence(SequenceKind kind, TypeRef element) {
        return isBroken(element) ? element : new TypeRef.Sequence(kind, element);
    }

    private static TypeRef optional(TypeRef value) {
        if (isBroken(value)) {
            return value;
        }
        if (value instanceof TypeRef.OptionalRef) {
            return new TypeRef.Unsupported(
                    "Optional<Optional<...>>", "an Optional inside an Optional cannot be told apart in JSON");
        }
        if (value instanceof TypeRef.Scalar scalar && scalar.primitive()) {
            return value; // unreachable: type arguments are never primitive
        }
        return new TypeRef.OptionalRef(value);
    }

    private TypeRef mapMap(DeclaredType type, TypeMirror key, TypeMirror value) {
        TypeRef valueRef = map(value);
        if (isBroken(valueRef)) {
            return valueRef;
        }
        TypeRef keyRef = map(key);
        if (keyRef instanceof TypeRef.Missing) {
            return keyRef;
        }
        if (keyRef instanceof TypeRef.Scalar scalar && scalar.kind() == ScalarKind.STRING) {
            return new TypeRef.MapRef(null, valueRef);
        }
        if (keyRef instanceof TypeRef.EnumRef enumRef) {
            return new TypeRef.MapRef(enumRef.model(), valueRef);
        }
        return new TypeRef.Unsupported(
                type.toString(), "map keys must be String or an enum (JSON object keys are strings)");
    }

    /** {@code List<T>}, {@code Set<T>} or {@code Map<K, V>} when {@code element} is another collection or map type. */
    private String collectionInterface(TypeElement element) {
        TypeMirror erased = types.erasure(element.asType());
        for (String candidate : List.of("java.util.Set", "java.util.List", "java.util.Collection", "java.util.Map")) {
            TypeElement known = elements.getTypeElement(candidate);
            if (known != null && types.isAssignable(erased, types.erasure(known.asType()))) {
                return switch (candidate) {
                    case "java.util.Set" -> "Set<T>";
                    case "java.util.Map" -> "Map<K, V>";
                    default -> "List<T>";
                };
            }
        }
        return null;
    }

    private static boolean isBroken(TypeRef ref) {
        return ref instanceof TypeRef.Unsupported || ref instanceof TypeRef.Missing;
    }

    private EnumModel readEnum(TypeElement element) {
        String qualifiedName = element.getQualifiedName().toString();
        EnumModel existing = enums.get(qualifiedName);
        if (existing != null) {
            return existing;
        }
        List<String> constants = new ArrayList<>();
        List<String> jsonNames = new ArrayList<>();
        for (Element enclosed : element.getEnclosedElements()) {
            if (enclosed.getKind() == ElementKind.ENUM_CONSTANT) {
                String constant = enclosed.getSimpleName().toString();
                constants.add(constant);
                jsonNames.add(jsonName(enclosed.getAnnotationMirrors(), constant));
            }
        }
        EnumModel model = new EnumModel(
                element,
                simpleNames(element),
                packageOf(element),
                Javadoc.parse(elements.getDocComment(element)).description(),
                List.copyOf(constants),
                List.copyOf(jsonNames));
        enums.put(qualifiedName, model);
        return model;
    }

    /** Annotations written on a component reach the component, its field or its accessor. */
    private static List<AnnotationMirror> annotationsOf(RecordComponentElement component) {
        List<AnnotationMirror> all = new ArrayList<>(component.getAnnotationMirrors());
        ExecutableElement accessor = component.getAccessor();
        if (accessor != null) {
            all.addAll(accessor.getAnnotationMirrors());
        }
        componentField(component).ifPresent(field -> all.addAll(field.getAnnotationMirrors()));
        return all;
    }

    /**
     * The name {@code @JsonProperty} (or {@code @JsonGetter} on an accessor) gives among {@code
     * annotations}, or {@code declared} when none renames it.
     */
    private static String jsonName(List<? extends AnnotationMirror> annotations, String declared) {
        return annotations.stream()
                .filter(a -> isAnnotation(a, JSON_PROPERTY) || isAnnotation(a, JSON_GETTER))
                .map(a -> annotationValue(a, "value"))
                .filter(v -> v != null && !String.valueOf(v.getValue()).isEmpty())
                .map(v -> String.valueOf(v.getValue()))
                .findFirst()
                .orElse(declared);
    }

    /** The record's private field for a record component (same name, beside it in the record). */
    public static Optional<Element> componentField(Element component) {
        for (Element sibling : component.getEnclosingElement().getEnclosedElements()) {
            if (sibling.getKind() == ElementKind.FIELD
                    && sibling.getSimpleName().equals(component.getSimpleName())) {
                return Optional.of(sibling);
            }
        }
        return Optional.empty();
    }

    /** {@code type} and the types around it, innermost first (a nested record's outer classes). */
    public static List<TypeElement> typesOutward(TypeElement type) {
        List<TypeElement> types = new ArrayList<>();
        for (Element current = type;
                current != null
                        && (current.getKind().isClass() || current.getKind().isInterface());
                current = current.getEnclosingElement()) {
            types.add((TypeElement) current);
        }
        return types;
    }

    private static boolean isNullable(AnnotationMirror annotation) {
        return annotation.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable");
    }

    static boolean isAnnotation(AnnotationMirror annotation, String qualifiedName) {
        return ((TypeElement) annotation.getAnnotationType().asElement())
                .getQualifiedName()
                .contentEquals(qualifiedName);
    }

    public static Optional<AnnotationMirror> findAnnotation(Element element, String qualifiedName) {
        for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
            if (isAnnotation(annotation, qualifiedName)) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    public static AnnotationValue annotationValue(AnnotationMirror annotation, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                annotation.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Simple names from the outermost enclosing type down to {@code element}. */
    public static List<String> simpleNames(TypeElement element) {
        Deque<String> names = new ArrayDeque<>();
        typesOutward(element)
                .forEach(type -> names.addFirst(type.getSimpleName().toString()));
        return List.copyOf(names);
    }

    private String packageOf(TypeElement element) {
        return elements.getPackageOf(element).getQualifiedName().toString();
    }
}
