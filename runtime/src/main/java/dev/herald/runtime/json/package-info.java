/**
 * JSON on the wire: {@link dev.herald.runtime.json.EventJson} writes and reads the envelope {@code
 * {"event":...,"data":...,"ts":...}}, {@link dev.herald.runtime.json.HeraldModule} lends the
 * generated codecs to any {@code ObjectMapper}, and {@code CodecSupport} with its helpers is what
 * generated codecs call. Depends on {@code dev.herald.runtime} and jackson-core/databind only.
 */
package dev.herald.runtime.json;
