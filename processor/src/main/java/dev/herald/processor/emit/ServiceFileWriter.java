package dev.herald.processor.emit;

/** The {@code META-INF/services} entry that lets {@code ServiceLoader} find the catalog. */
public final class ServiceFileWriter {
    public static final String PATH = "META-INF/services/dev.herald.runtime.EventCatalog";

    private ServiceFileWriter() {}

    /**
     * The file's content: only this compilation's catalog. Written fresh each build, never merged
     * with an old file, so a renamed catalog leaves no stale entry.
     */
    public static String content(String catalogQualifiedName) {
        return catalogQualifiedName + "\n";
    }
}
