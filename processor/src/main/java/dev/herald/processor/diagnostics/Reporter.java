package dev.herald.processor.diagnostics;

import dev.herald.processor.model.ModelExtractor;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.tools.Diagnostic;

/** Reports {@link HeraldMessage}s on the narrowest position javac can show, and counts errors. */
public final class Reporter {
    private final Messager messager;
    private int errors;

    public Reporter(Messager messager) {
        this.messager = messager;
    }

    public void report(Element element, HeraldMessage message, Object... args) {
        count(message);
        messager.printMessage(message.kind(), message.format(args), positioned(element));
    }

    /**
     * javac (17 to at least 21) has no source position for a record component element; the record's
     * private field for that component sits at the same place in the header, and has one.
     */
    private static Element positioned(Element element) {
        if (element == null || element.getKind() != ElementKind.RECORD_COMPONENT) {
            return element;
        }
        return ModelExtractor.componentField(element).orElse(element);
    }

    /** On the annotation's value itself, so that a bad {@code @Event("…")} underlines the string. */
    public void report(
            Element element,
            AnnotationMirror annotation,
            AnnotationValue value,
            HeraldMessage message,
            Object... args) {
        count(message);
        if (element != null && element.getKind() == ElementKind.RECORD_COMPONENT) {
            // No position for the component or its annotations: the field's, as above.
            messager.printMessage(message.kind(), message.format(args), positioned(element));
        } else if (value == null) {
            messager.printMessage(message.kind(), message.format(args), element, annotation);
        } else {
            messager.printMessage(message.kind(), message.format(args), element, annotation, value);
        }
    }

    /** A problem with no element, such as an invalid option. */
    public void report(HeraldMessage message, Object... args) {
        count(message);
        messager.printMessage(message.kind(), message.format(args));
    }

    private void count(HeraldMessage message) {
        if (message.kind() == Diagnostic.Kind.ERROR) {
            errors++;
        }
    }

    public int errorCount() {
        return errors;
    }
}
