package dev.herald.model;

/** What holds a sequence in Java; all three are JSON arrays, a set's items unique. */
public enum SequenceKind {
    LIST,
    SET,
    ARRAY
}
