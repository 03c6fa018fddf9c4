package dev.herald.it.shapes;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Any annotation named {@code Nullable} marks a component as {@code T | null} in TypeScript. */
@Retention(RetentionPolicy.CLASS)
public @interface Nullable {}
