package dev.herald.runtime.json;

/**
 * The Jackson major version that writes and reads Herald's JSON. {@link EventJson#create()} picks
 * one from the class path (Jackson 3 when it is there; the system property {@code herald.json} =
 * {@code jackson2} or {@code jackson3} decides when both are); both write the same bytes.
 */
public enum Jackson {
    /** {@code com.fasterxml.jackson.core:jackson-core} 2.15 or later. */
    V2,
    /** {@code tools.jackson.core:jackson-core} 3.x. */
    V3;

    /** The one {@link EventJson#create()} uses on this class path. */
    public static Jackson detected() {
        return JsonBackend.detect().jackson();
    }
}
