package dev.herald.runtime.fanout;

import java.security.Principal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections per principal, for {@link EndpointSettings#maxConnectionsPerUser}. Thread-safe: each
 * principal's count changes atomically ({@link ConcurrentHashMap#compute}), so two connections of
 * one user opening at once on two threads cannot both take the last place, and a principal with no
 * connection left holds no entry. A {@link Principal} counts by its name (Spring Security's
 * {@code Authentication} of one user differs per session, its name does not); anything else by
 * {@code equals}.
 */
final class PrincipalCounts {
    private final ConcurrentHashMap<Object, Integer> counts = new ConcurrentHashMap<>();

    /** Counts one more connection for {@code principal} unless it has {@code max} already. */
    boolean tryAcquire(Object principal, int max) {
        boolean[] acquired = {false};
        counts.compute(key(principal), (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= max) {
                return count;
            }
            acquired[0] = true;
            return now + 1;
        });
        return acquired[0];
    }

    /** One connection of {@code principal} is gone. */
    void release(Object principal) {
        counts.computeIfPresent(key(principal), (key, count) -> count <= 1 ? null : count - 1);
    }

    /** Connections of {@code principal} now. */
    int of(Object principal) {
        return counts.getOrDefault(key(principal), 0);
    }

    private static Object key(Object principal) {
        return principal instanceof Principal named ? "principal:" + named.getName() : principal;
    }
}
