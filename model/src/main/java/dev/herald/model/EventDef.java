package dev.herald.model;

/**
 * One event.
 *
 * @param name the wire name, {@code fs.created}
 * @param payload the Java name of its record
 */
public record EventDef(String name, String payload) {
    /** The part before the first dot. */
    public String group() {
        return Naming.group(name);
    }

    /** The constant in Java and TypeScript: {@code FS_CREATED}. */
    public String constantName() {
        return Naming.constantName(name);
    }
}
