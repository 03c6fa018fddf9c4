/**
 * JSON on the wire: {@link dev.herald.runtime.json.EventJson} writes and reads the envelope {@code
 * {"event":...,"data":...,"ts":...}}, {@link dev.herald.runtime.json.HeraldModule} lends the
 * generated codecs to any {@code ObjectMapper}, and what generated codecs call: {@code CodecSupport}
 * (the field loop), {@code Scalars}, {@code TimeValues}, {@code Containers}, {@code FieldNames}.
 * Depends on {@code dev.herald.runtime} and jackson-core/databind only.
 */
package dev.herald.runtime.json;
