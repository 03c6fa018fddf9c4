package dev.herald.runtime.fanout;

/**
 * Close codes the server sends. The client library does not retry the 44xx refusals except 4429;
 * other codes are retried with backoff.
 */
public final class CloseCodes {
    /** Server stopping: retry later. */
    public static final int GOING_AWAY = 1001;
    /** A client frame over the size limit. */
    public static final int TOO_BIG = 1009;
    /** Over its byte budget for too long: the client reads too slowly. */
    public static final int SLOW_CONSUMER = 4008;
    /** Invalid path or {@code events} query. */
    public static final int BAD_REQUEST = 4400;
    /** The authenticator refused the client. */
    public static final int NOT_AUTHENTICATED = 4401;
    /** The {@code Origin} is not allowed. */
    public static final int FORBIDDEN_ORIGIN = 4403;
    /** The server has as many connections as it admits. */
    public static final int TOO_MANY_CONNECTIONS = 4429;

    private CloseCodes() {}
}
