package dev.herald.processor;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/** Whether a type comes from a class file (a library) rather than from this compilation's sources. */
final class SourceOrigin {
    /** javac's trees, or null under a compiler that has none (then every type counts as source). */
    private final Trees trees;

    SourceOrigin(ProcessingEnvironment env) {
        Trees found;
        try {
            found = Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError e) {
            found = null; // not javac
        }
        this.trees = found;
    }

    boolean isFromClassFile(TypeElement type) {
        return trees != null && trees.getTree(type) == null;
    }
}
