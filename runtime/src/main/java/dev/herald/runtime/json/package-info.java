/**
 * JSON on the wire: {@link dev.herald.runtime.json.EventJson} writes and reads the envelope {@code
 * {"event":...,"data":...,"ts":...}} on Jackson 2 or Jackson 3 ({@link
 * dev.herald.runtime.json.Jackson}, through {@code JsonBackend}, which implements the {@code codec}
 * package's {@code JsonWriter} and {@code JsonReader} on each); {@link
 * dev.herald.runtime.json.HeraldModule} and {@link dev.herald.runtime.json.HeraldJackson3Module}
 * lend the generated codecs to an application's mapper; and what generated codecs call: {@code
 * CodecSupport} (the field loop), {@code Scalars}, {@code TimeValues}, {@code Containers}, {@code
 * FieldNames}. Depends on {@code dev.herald.runtime}, its {@code codec} package and Jackson's core
 * (and databind for the two modules), each Jackson loaded only when it is used.
 */
package dev.herald.runtime.json;
