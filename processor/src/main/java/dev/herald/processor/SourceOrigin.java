package dev.herald.processor;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/** Whether a type comes from a class file (a library) rather than from this compilation's sources. */
final class SourceOrigin {
    private SourceOrigin() {}

    static boolean isFromClassFile(ProcessingEnvironment env, TypeElement type) {
        try {
            return Trees.instance(env).getTree(type) == null;
        } catch (IllegalArgumentException | LinkageError e) {
            return false; // not javac: assume source, and generate
        }
    }
}
