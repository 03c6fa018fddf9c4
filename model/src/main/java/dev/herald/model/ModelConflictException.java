package dev.herald.model;

import java.util.List;

/** Models that cannot be merged; each conflict names both sides. */
public final class ModelConflictException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> conflicts;

    public ModelConflictException(List<String> conflicts) {
        super(String.join("\n", conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<String> conflicts() {
        return conflicts;
    }
}
