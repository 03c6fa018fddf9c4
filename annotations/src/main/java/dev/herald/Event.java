package dev.herald;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record as a Herald event with the given wire name.
 *
 * <pre>{@code
 * @Event("fs.created")
 * public record FsCreated(@EventKey String assetId, String path, boolean isDir) {}
 * }</pre>
 *
 * <p>An event says that something changed, never the data itself: carry identifiers that let a
 * client decide whether to re-fetch, not the data.
 *
 * <p>The annotated type must be a top-level or static nested {@code record} that is neither
 * private nor generic. The name is dot-separated segments, each {@code [A-Za-z][A-Za-z0-9_-]*},
 * with at least one dot ({@code fs.created}, {@code tunnel.statusChanged}); the part before the
 * first dot is the event's group. Names starting with {@code $} are reserved for protocol frames.
 *
 * <p>The Herald annotation processor ({@code dev.herald:herald-processor}) checks these rules at
 * compile time and generates the event catalog, the JSON codec and the TypeScript typings. It must
 * be on the compiler's processor path ({@code annotationProcessorPaths} in Maven).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Event {
    /** The event's wire name, for example {@code "fs.created"}. */
    String value();
}
