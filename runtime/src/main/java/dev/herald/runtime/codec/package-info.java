/**
 * What a generated codec is and what it works on: {@link dev.herald.runtime.codec.JsonCodec} writes
 * to a {@link dev.herald.runtime.codec.JsonWriter} and reads from a {@link
 * dev.herald.runtime.codec.JsonReader}, which the {@code json} package implements on Jackson 2 and
 * on Jackson 3, so that one generated codec runs on whichever the application has. Depends on
 * nothing else in Herald and on no Jackson.
 */
package dev.herald.runtime.codec;
