package dev.herald.runtime.fanout;

import java.util.List;

/**
 * Why the server closes a connection: the WebSocket close code, a reason the client can read, and
 * whether reconnecting can help. Every transport closes with these values, and the TypeScript
 * client's list of codes it does not retry is held against {@link #ALL} by a test.
 *
 * @param code the close code (1009, 1012, 4xxx)
 * @param reason a short human-readable reason (a close frame carries at most 123 bytes of it)
 * @param reconnect whether the client should reconnect (with backoff) after this close
 */
public record Disconnect(int code, String reason, boolean reconnect) {
    /**
     * The server is stopping (a deploy, a drain): reconnect after a short random pause, to this
     * instance once it is back or to another, and resume from the last event seen.
     */
    public static final Disconnect SERVICE_RESTART = new Disconnect(1012, "service restart", true);
    /** A client frame over the size limit. */
    public static final Disconnect TOO_BIG = new Disconnect(1009, "client frame too big", true);
    /** Over its byte budget for too long: the client reads too slowly. */
    public static final Disconnect SLOW_CONSUMER =
            new Disconnect(4008, "too slow: over the byte budget too long", true);
    /** Silent for the idle timeout, pings unanswered: the client or its network is gone. */
    public static final Disconnect IDLE = new Disconnect(4408, "no answer to pings", true);
    /** Invalid path or {@code events} query: the same request would fail again. */
    public static final Disconnect BAD_REQUEST = new Disconnect(4400, "bad request", false);
    /** The authenticator refused the client: it must log in first. */
    public static final Disconnect NOT_AUTHENTICATED = new Disconnect(4401, "not authenticated", false);
    /** The {@code Origin} is not allowed. */
    public static final Disconnect FORBIDDEN_ORIGIN = new Disconnect(4403, "origin not allowed", false);
    /** The server has as many connections as it admits: another instance, or later, may take it. */
    public static final Disconnect TOO_MANY_CONNECTIONS = new Disconnect(4429, "too many connections", true);

    /**
     * Whether {@code code} closes a connection for the client's frames: 1002 (protocol error),
     * 1007 (invalid UTF-8), 1009 (too big).
     */
    public static boolean isProtocolError(int code) {
        return code == 1002 || code == 1007 || code == 1009;
    }

    /** Every kind of close the server sends, one per code. */
    public static final List<Disconnect> ALL = List.of(
            SERVICE_RESTART,
            TOO_BIG,
            SLOW_CONSUMER,
            IDLE,
            BAD_REQUEST,
            NOT_AUTHENTICATED,
            FORBIDDEN_ORIGIN,
            TOO_MANY_CONNECTIONS);

    /**
     * The HTTP status that answers this refusal where it comes before a response starts (an event
     * stream): 400, 401, 403, 429, and 503 while the server stops; 500 for any other close.
     */
    public int httpStatus() {
        return switch (code) {
            case 4400 -> 400;
            case 4401 -> 401;
            case 4403 -> 403;
            case 4429 -> 429;
            case 1012 -> 503;
            default -> 500;
        };
    }

    /**
     * Whether a page of another origin may read a response refused with this (its status says
     * whether to retry): every refusal but the origin's own.
     */
    public boolean letsTheOriginRead() {
        return code != FORBIDDEN_ORIGIN.code;
    }

    /** The same close with a more specific reason. */
    public Disconnect withReason(String reason) {
        return new Disconnect(code, reason, reconnect);
    }
}
