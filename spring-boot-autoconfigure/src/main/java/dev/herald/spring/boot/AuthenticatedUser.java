package dev.herald.spring.boot;

import dev.herald.runtime.fanout.Authenticator;
import dev.herald.runtime.fanout.Handshake;
import org.springframework.security.authentication.AnonymousAuthenticationToken;

/**
 * The default authenticator with Spring Security: the request passed the security filter chain
 * (servlet) or web filter chain (reactive), so its principal is the authenticated user's {@code
 * Authentication}; anonymous requests have none, or an anonymous token, and are refused with 4401
 * (401 on an event stream).
 */
final class AuthenticatedUser implements Authenticator {
    @Override
    public Object authenticate(Handshake handshake) {
        return handshake
                .principal()
                .filter(principal -> !(principal instanceof AnonymousAuthenticationToken))
                .orElse(null);
    }
}
