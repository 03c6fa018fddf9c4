package dev.herald;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record component that scopes an {@link Event}, usually the id of the thing that
 * changed (an asset id, a tunnel id).
 *
 * <p>Generated client hooks take the key as a parameter and ignore events whose key differs:
 * {@code useFSRefresh(assetId, fetcher)} re-fetches only for events of that asset. At most one
 * component per event carries it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface EventKey {}
