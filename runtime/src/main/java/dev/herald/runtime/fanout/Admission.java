package dev.herald.runtime.fanout;

import dev.herald.runtime.internal.Texts;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handshake rules, decided before a connection is admitted so that no event ever reaches a
 * refused client: path, {@code events} query, {@code Origin}, authenticator. Transport-neutral.
 */
public final class Admission {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    /** At most this many names in {@code ?events=}. */
    public static final int MAX_EVENT_NAMES = 256;

    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z][A-Za-z0-9_-]*)+");

    /** The outcome of a handshake. */
    public sealed interface Decision {}

    /**
     * @param names the event names the client asked for, or {@code null} for all
     */
    public record Admitted(Object principal, Set<String> names) implements Decision {}

    /** The close the client gets instead, before any event can reach it. */
    public record Refused(Disconnect disconnect) implements Decision {}

    private final String path;
    private final Set<String> allowedOrigins;
    private final Authenticator authenticator;
    /** Authenticator failures, one line per period: a broken identity provider fails every handshake. */
    private final LogLimiter anomalies;

    Admission(EndpointSettings settings, LogLimiter anomalies) {
        this.anomalies = anomalies;
        this.path = settings.path();
        this.allowedOrigins = settings.allowedOrigins().stream()
                .map(Admission::normalizeOrigin)
                .collect(Collectors.toUnmodifiableSet());
        this.authenticator = settings.authenticator();
    }

    public Decision decide(Handshake handshake) {
        if (!path.equals(handshake.path())) {
            return new Refused(
                    Disconnect.BAD_REQUEST.withReason("unknown path '" + Texts.excerpt(handshake.path()) + "'"));
        }
        Set<String> names;
        try {
            names = parseEvents(handshake.query().getOrDefault("events", List.of()));
        } catch (IllegalArgumentException e) {
            return new Refused(Disconnect.BAD_REQUEST.withReason(e.getMessage()));
        }
        String origin = handshake.header("origin").orElse(null);
        if (origin != null && !originAllowed(origin, handshake.header("host").orElse(""))) {
            return new Refused(Disconnect.FORBIDDEN_ORIGIN);
        }
        Object principal;
        try {
            principal = authenticator.authenticate(handshake);
        } catch (Exception e) {
            anomalies.log(
                    "authenticator failures",
                    "Authenticator failed for " + handshake.remoteAddress() + "; refused with 4401",
                    line -> LOG.warn(line, e));
            principal = null;
        }
        if (principal == null) {
            return new Refused(Disconnect.NOT_AUTHENTICATED);
        }
        return new Admitted(principal, names);
    }

    /**
     * The parameters of a raw (still URL-encoded) query string such as {@code
     * events=fs.created,fs.deleted&ticket=abc}: decoded, a repeated name keeping every value in
     * order. A malformed escape stays as it is (and then fails name validation).
     */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /**
     * The names of {@code ?events=} values (already URL-decoded): comma-separated, trimmed,
     * de-duplicated. {@code null} when none is given (all events). Valid names that no catalog knows
     * are kept: a newer frontend may know events this backend lacks.
     *
     * @throws IllegalArgumentException for a malformed name or more than {@link #MAX_EVENT_NAMES}
     */
    public static Set<String> parseEvents(List<String> values) {
        Set<String> names = new LinkedHashSet<>();
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                String name = part.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (!EVENT_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("invalid event name '" + Texts.excerpt(name) + "'");
                }
                names.add(name);
                if (names.size() > MAX_EVENT_NAMES) {
                    throw new IllegalArgumentException("more than " + MAX_EVENT_NAMES + " event names");
                }
            }
        }
        return names.isEmpty() ? null : Set.copyOf(names);
    }

    private boolean originAllowed(String origin, String hostHeader) {
        if (!allowedOrigins.isEmpty()) {
            return allowedOrigins.contains(normalizeOrigin(origin));
        }
        // No list: same host as the page that served the app; the port may differ (a dev server).
        String originHost;
        try {
            originHost = URI.create(origin.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return originHost != null && originHost.equalsIgnoreCase(hostOf(hostHeader));
    }

    private static String hostOf(String hostHeader) {
        String host = hostHeader.strip();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String normalizeOrigin(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
