package dev.herald.spring.boot;

import dev.herald.runtime.fanout.Authenticator;
import dev.herald.runtime.fanout.Handshake;

/**
 * The default authenticator with Spring Security: the upgrade request passed the security filter
 * chain, so its principal is the authenticated user's {@code Authentication}; anonymous requests
 * have none and are refused with 4401.
 */
final class AuthenticatedUser implements Authenticator {
    @Override
    public Object authenticate(Handshake handshake) {
        return handshake.principal().orElse(null);
    }
}
