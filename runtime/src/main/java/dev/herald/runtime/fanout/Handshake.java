package dev.herald.runtime.fanout;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a client sent to connect: path, query and headers. Given to the authenticator, which reads
 * the cookie, ticket or header it trusts.
 *
 * @param path the request path without query, such as {@code /api/events/ws}
 * @param query the decoded query parameters; a repeated name has several values
 * @param headers the HTTP headers, names in lower case
 * @param remoteAddress the client's address, or {@code null} when unknown
 * @param userPrincipal the user the container already authenticated (a servlet container's login),
 *     or {@code null} when there is none or the transport has no container (Java-WebSocket)
 */
public record Handshake(
        String path,
        Map<String, List<String>> query,
        Map<String, String> headers,
        InetSocketAddress remoteAddress,
        Principal userPrincipal) {
    public Handshake {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** A handshake without a container-authenticated user. */
    public Handshake(
            String path,
            Map<String, List<String>> query,
            Map<String, String> headers,
            InetSocketAddress remoteAddress) {
        this(path, query, headers, remoteAddress, null);
    }

    /** The container's authenticated user, when there is one. */
    public Optional<Principal> principal() {
        return Optional.ofNullable(userPrincipal);
    }

    /** A header by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The value of a cookie from the {@code Cookie} header. */
    public Optional<String> cookie(String name) {
        return header("cookie").flatMap(cookies -> {
            for (String pair : cookies.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                    return Optional.of(pair.substring(eq + 1).strip());
                }
            }
            return Optional.empty();
        });
    }
}
