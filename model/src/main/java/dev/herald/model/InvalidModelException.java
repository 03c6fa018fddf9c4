package dev.herald.model;

/** A {@code model.json} that cannot be read: not JSON, not a model, or of a newer version. */
public final class InvalidModelException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message) {
        super(message);
    }
}
