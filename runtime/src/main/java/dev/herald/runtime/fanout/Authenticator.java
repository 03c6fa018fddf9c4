package dev.herald.runtime.fanout;

/** Decides who a connecting client is. */
@FunctionalInterface
public interface Authenticator {
    /** Admits everyone, as {@code "anonymous"}. */
    Authenticator ANONYMOUS = handshake -> "anonymous";

    /**
     * Returns the client's principal (any object the access policy understands), or {@code null} to
     * refuse it: the connection is closed with 4401 before any event reaches it. Runs on a transport
     * thread; a thrown exception counts as a refusal.
     */
    Object authenticate(Handshake handshake) throws Exception;
}
