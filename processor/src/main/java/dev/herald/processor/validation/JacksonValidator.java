package dev.herald.processor.validation;

import dev.herald.model.ScalarKind;
import dev.herald.processor.diagnostics.HeraldMessage;
import dev.herald.processor.diagnostics.Reporter;
import dev.herald.processor.model.ComponentModel;
import dev.herald.processor.model.EnumModel;
import dev.herald.processor.model.ModelExtractor;
import dev.herald.processor.model.RecordModel;
import dev.herald.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Jackson annotations that change what Jackson writes but that Herald's codecs, TypeScript and
 * schemas do not follow, and getters that Jackson writes beside a record's components. On a record
 * or enum an event reaches, each is an error that says what to do: Herald and the reference mapper
 * must not disagree silently. Herald follows {@code @JsonProperty}, {@code @JsonGetter} on an
 * accessor and {@code @JsonIgnore}; descriptions, views, aliases and other settings that change
 * nothing Jackson writes pass.
 */
final class JacksonValidator {
    private static final String ANNOTATION = "com.fasterxml.jackson.annotation.";
    private static final String DATABIND = "com.fasterxml.jackson.databind.annotation.";

    /** Annotations Herald does not apply, by qualified name: what Jackson does with each instead. */
    private static final Map<String, String> NOT_APPLIED = Map.ofEntries(
            Map.entry(ANNOTATION + "JsonFormat", "Jackson writes the value in another shape or pattern"),
            Map.entry(ANNOTATION + "JsonUnwrapped", "Jackson writes the value's fields inline"),
            Map.entry(ANNOTATION + "JsonRawValue", "Jackson writes the string as raw JSON"),
            Map.entry(ANNOTATION + "JsonValue", "Jackson writes this value in place of the whole object"),
            Map.entry(ANNOTATION + "JsonAnyGetter", "Jackson writes the map's entries as properties"),
            Map.entry(ANNOTATION + "JsonKey", "Jackson writes this value as the map key"),
            Map.entry(ANNOTATION + "JsonTypeInfo", "Jackson adds a type id"),
            Map.entry(ANNOTATION + "JsonIdentityInfo", "Jackson writes an id in place of a repeated object"),
            Map.entry(ANNOTATION + "JsonIdentityReference", "Jackson writes an id in place of the object"),
            Map.entry(ANNOTATION + "JsonBackReference", "Jackson leaves the value out"),
            Map.entry(ANNOTATION + "JsonIgnoreType", "Jackson leaves every value of this type out"),
            Map.entry(DATABIND + "JsonSerialize", "Jackson writes it with another serializer"),
            Map.entry(DATABIND + "JsonNaming", "Jackson renames every component"));

    private static final String JSON_INCLUDE = ANNOTATION + "JsonInclude";
    private static final String JSON_FORMAT = ANNOTATION + "JsonFormat";
    private static final String JSON_PROPERTY_ORDER = ANNOTATION + "JsonPropertyOrder";
    private static final String JSON_IGNORE_PROPERTIES = ANNOTATION + "JsonIgnoreProperties";
    /** {@code @JsonInclude} values that write every property, as Herald does. */
    private static final Set<String> INCLUDE_ALL = Set.of("ALWAYS", "USE_DEFAULTS");

    private final Reporter reporter;

    JacksonValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /** Whether {@code record} is written by Jackson as Herald writes it; reports each difference. */
    boolean check(RecordModel record) {
        TypeElement type = record.element();
        String name = type.getSimpleName().toString();
        boolean ok = checkAnnotations(type, "Record " + name, false, new HashSet<>());
        ok &= checkOrder(record);
        ok &= checkIgnoredProperties(record);
        for (ComponentModel component : record.components()) {
            // One annotation in the header reaches the field and the accessor: report it once.
            Set<String> seen = new HashSet<>();
            List<Element> carriers = new ArrayList<>();
            carriers.add(component.element());
            ModelExtractor.componentField(component.element()).ifPresent(carriers::add);
            if (component.element().getAccessor() != null) {
                carriers.add(component.element().getAccessor());
            }
            boolean string = writtenAsString(component.type());
            for (Element carrier : carriers) {
                ok &= checkAnnotations(carrier, "Component " + component.name() + " of " + name, string, seen);
            }
        }
        Set<String> components =
                record.components().stream().map(ComponentModel::name).collect(Collectors.toSet());
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() == ElementKind.METHOD
                    && !components.contains(member.getSimpleName().toString())) {
                ExecutableElement method = (ExecutableElement) member;
                ok &= checkAnnotations(
                        method, "Method " + method.getSimpleName() + "() of " + name, false, new HashSet<>());
                ok &= checkMethod(method, record, components);
            }
        }
        return ok;
    }

    /** Whether Jackson writes {@code model}'s constants by their names or {@code @JsonProperty}. */
    boolean check(EnumModel model) {
        TypeElement type = model.element();
        boolean ok = checkAnnotations(type, "Enum " + type.getSimpleName(), true, new HashSet<>());
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() == ElementKind.METHOD || member.getKind() == ElementKind.FIELD) {
                for (AnnotationMirror annotation : member.getAnnotationMirrors()) {
                    String annotationName = qualifiedName(annotation);
                    if (annotationName.equals(ANNOTATION + "JsonValue")
                            || annotationName.equals(ANNOTATION + "JsonKey")) {
                        reporter.report(
                                member,
                                annotation,
                                null,
                                HeraldMessage.JACKSON_ENUM_VALUE,
                                type.getSimpleName(),
                                simpleName(annotation),
                                member.getSimpleName());
                        ok = false;
                    }
                }
            }
        }
        return ok;
    }

    /**
     * Reports each annotation Herald does not apply that is not in {@code seen} yet, and adds it.
     *
     * @param writtenAsString whether Herald writes the value as a JSON string already, so that
     *     {@code @JsonFormat(shape = STRING)} changes nothing
     */
    private boolean checkAnnotations(Element element, String where, boolean writtenAsString, Set<String> seen) {
        boolean ok = true;
        for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
            String name = qualifiedName(annotation);
            if (!seen.add(name)) {
                continue;
            }
            String jackson = NOT_APPLIED.get(name);
            if (name.equals(JSON_FORMAT) && asString(annotation) && writtenAsString) {
                jackson = null;
            }
            if (jackson == null && name.equals(JSON_INCLUDE) && !includesAll(annotation)) {
                jackson = "Jackson leaves some values out";
            }
            if (jackson != null) {
                reporter.report(
                        element,
                        annotation,
                        null,
                        HeraldMessage.JACKSON_NOT_APPLIED,
                        where,
                        simpleName(annotation),
                        jackson);
                ok = false;
            }
        }
        return ok;
    }

    /** {@code @JsonFormat(shape = STRING)} and nothing else. */
    private static boolean asString(AnnotationMirror format) {
        AnnotationValue shape = ModelExtractor.annotationValue(format, "shape");
        return format.getElementValues().size() == 1
                && shape != null
                && String.valueOf(shape.getValue()).equals("STRING");
    }

    /** Whether Herald writes a value of {@code type} as a JSON string: text, ids, decimals, times, enums. */
    private static boolean writtenAsString(TypeRef type) {
        return type instanceof TypeRef.EnumRef
                || (type instanceof TypeRef.Scalar scalar
                        && !scalar.kind().isNumber()
                        && scalar.kind() != ScalarKind.BOOLEAN);
    }

    private static boolean includesAll(AnnotationMirror include) {
        for (String attribute : List.of("value", "content")) {
            AnnotationValue value = ModelExtractor.annotationValue(include, attribute);
            if (value != null && !INCLUDE_ALL.contains(String.valueOf(value.getValue()))) {
                return false;
            }
        }
        return true;
    }

    /** {@code @JsonPropertyOrder} passes when the order it gives is Herald's: the components' order. */
    private boolean checkOrder(RecordModel record) {
        AnnotationMirror order = find(record.element(), JSON_PROPERTY_ORDER);
        if (order == null) {
            return true;
        }
        List<String> written = record.components().stream()
                .filter(c -> !c.ignored())
                .map(ComponentModel::jsonName)
                .toList();
        List<String> jacksonOrder = new ArrayList<>();
        for (String name : strings(ModelExtractor.annotationValue(order, "value"))) {
            if (written.contains(name) && !jacksonOrder.contains(name)) {
                jacksonOrder.add(name);
            }
        }
        List<String> rest = new ArrayList<>(written);
        rest.removeAll(jacksonOrder);
        AnnotationValue alphabetic = ModelExtractor.annotationValue(order, "alphabetic");
        if (alphabetic != null && Boolean.TRUE.equals(alphabetic.getValue())) {
            rest.sort(Comparator.naturalOrder());
        }
        jacksonOrder.addAll(rest);
        if (jacksonOrder.equals(written)) {
            return true;
        }
        reporter.report(
                record.element(),
                order,
                null,
                HeraldMessage.JACKSON_ORDER,
                record.element().getSimpleName(),
                String.join(", ", jacksonOrder),
                String.join(", ", written));
        return false;
    }

    /** {@code @JsonIgnoreProperties} passes unless it names a component Herald writes. */
    private boolean checkIgnoredProperties(RecordModel record) {
        AnnotationMirror ignore = find(record.element(), JSON_IGNORE_PROPERTIES);
        if (ignore == null) {
            return true;
        }
        List<String> dropped = record.components().stream()
                .filter(c -> !c.ignored())
                .map(ComponentModel::jsonName)
                .filter(strings(ModelExtractor.annotationValue(ignore, "value"))::contains)
                .toList();
        if (dropped.isEmpty()) {
            return true;
        }
        reporter.report(
                record.element(),
                ignore,
                null,
                HeraldMessage.JACKSON_IGNORED_PROPERTIES,
                record.element().getSimpleName(),
                String.join(", ", dropped));
        return false;
    }

    /**
     * A public method that Jackson takes for a getter ({@code getX()}, or {@code isX()} returning
     * {@code boolean} or {@code Boolean}) or that is marked {@code @JsonProperty}/{@code @JsonGetter} adds a property
     * to Jackson's JSON that Herald's does not have.
     */
    private boolean checkMethod(ExecutableElement method, RecordModel record, Set<String> components) {
        boolean marked =
                (find(method, ModelExtractor.JSON_PROPERTY) != null || find(method, ModelExtractor.JSON_GETTER) != null)
                        && method.getParameters().isEmpty()
                        && method.getReturnType().getKind() != TypeKind.VOID;
        String property = marked ? markedName(method) : getterProperty(method);
        if (property == null
                || find(method, ModelExtractor.JSON_IGNORE) != null
                || (!marked && components.contains(property))) {
            return true;
        }
        reporter.report(
                method,
                HeraldMessage.JACKSON_GETTER,
                record.element().getSimpleName(),
                method.getSimpleName(),
                property);
        return false;
    }

    /** The name {@code @JsonProperty} or {@code @JsonGetter} gives {@code method}, or its own. */
    private static String markedName(ExecutableElement method) {
        for (String annotation : List.of(ModelExtractor.JSON_PROPERTY, ModelExtractor.JSON_GETTER)) {
            AnnotationMirror mirror = find(method, annotation);
            AnnotationValue value = mirror == null ? null : ModelExtractor.annotationValue(mirror, "value");
            if (value != null && !String.valueOf(value.getValue()).isEmpty()) {
                return String.valueOf(value.getValue());
            }
        }
        String getter = getterProperty(method);
        return getter != null ? getter : method.getSimpleName().toString();
    }

    /** The property Jackson's default introspection makes of {@code method}, or null when none. */
    private static String getterProperty(ExecutableElement method) {
        if (!method.getModifiers().contains(Modifier.PUBLIC)
                || method.getModifiers().contains(Modifier.STATIC)
                || !method.getParameters().isEmpty()
                || method.getReturnType().getKind() == TypeKind.VOID) {
            return null;
        }
        String name = method.getSimpleName().toString();
        if (name.startsWith("get") && name.length() > 3) {
            return decapitalize(name.substring(3));
        }
        if (name.startsWith("is") && name.length() > 2 && returnsBoolean(method)) {
            return decapitalize(name.substring(2));
        }
        return null;
    }

    /** {@code boolean} or {@code Boolean}: the types Jackson's {@code is} getters return. */
    private static boolean returnsBoolean(ExecutableElement method) {
        TypeMirror type = method.getReturnType();
        return type.getKind() == TypeKind.BOOLEAN
                || (type instanceof DeclaredType declared
                        && ((TypeElement) declared.asElement())
                                .getQualifiedName()
                                .contentEquals("java.lang.Boolean"));
    }

    /** Jackson's default: the leading upper-case letters lower-cased ({@code URLPath} is {@code urlpath}). */
    private static String decapitalize(String name) {
        int upper = 0;
        while (upper < name.length() && Character.isUpperCase(name.charAt(upper))) {
            upper++;
        }
        return name.substring(0, upper).toLowerCase(Locale.ROOT) + name.substring(upper);
    }

    private static List<String> strings(AnnotationValue value) {
        if (value == null) {
            return List.of();
        }
        if (value.getValue() instanceof List<?> values) {
            return values.stream()
                    .map(v -> String.valueOf(((AnnotationValue) v).getValue()))
                    .toList();
        }
        return List.of(String.valueOf(value.getValue()));
    }

    private static AnnotationMirror find(Element element, String qualifiedName) {
        return ModelExtractor.findAnnotation(element, qualifiedName).orElse(null);
    }

    private static String qualifiedName(AnnotationMirror annotation) {
        return ((TypeElement) annotation.getAnnotationType().asElement())
                .getQualifiedName()
                .toString();
    }

    private static String simpleName(AnnotationMirror annotation) {
        return annotation.getAnnotationType().asElement().getSimpleName().toString();
    }
}
