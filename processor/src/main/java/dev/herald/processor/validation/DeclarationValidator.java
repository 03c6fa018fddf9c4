package dev.herald.processor.validation;

import dev.herald.processor.diagnostics.HeraldMessage;
import dev.herald.processor.diagnostics.Reporter;
import dev.herald.processor.model.ModelExtractor;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** Checks that an {@code @Event} element is a record that generated code can name. */
public final class DeclarationValidator {
    private final Reporter reporter;

    public DeclarationValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /** Reports every problem with the declaration; returns whether it can be read as an event. */
    public boolean check(Element element) {
        if (element.getKind() != ElementKind.RECORD) {
            String kind = element.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            reporter.report(
                    element, HeraldMessage.EVENT_NOT_RECORD, element.getSimpleName(), kind, element.getSimpleName());
            return false;
        }
        TypeElement type = (TypeElement) element;
        boolean ok = true;
        if (!type.getTypeParameters().isEmpty()) {
            String params = type.getTypeParameters().stream()
                    .map(p -> p.getSimpleName().toString())
                    .collect(Collectors.joining(", "));
            reporter.report(type, HeraldMessage.EVENT_GENERIC, type.getSimpleName(), params);
            ok = false;
        }
        if (type.getModifiers().contains(Modifier.PRIVATE)) {
            reporter.report(type, HeraldMessage.EVENT_PRIVATE, type.getSimpleName());
            ok = false;
        }
        return checkEnclosing(type) && ok;
    }

    /**
     * Checks that {@code type} is reachable from generated code: not local, not inside a private
     * type. Returns whether it is.
     */
    boolean checkEnclosing(TypeElement type) {
        if (type.getNestingKind().name().equals("LOCAL")
                || type.getNestingKind().name().equals("ANONYMOUS")) {
            reporter.report(type, HeraldMessage.EVENT_LOCAL, type.getSimpleName());
            return false;
        }
        for (TypeElement outer : ModelExtractor.typesOutward(type)) {
            if (outer != type && outer.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.report(
                        type,
                        HeraldMessage.EVENT_ENCLOSING_PRIVATE,
                        type.getQualifiedName(),
                        outer.getSimpleName(),
                        outer.getSimpleName());
                return false;
            }
        }
        return true;
    }
}
