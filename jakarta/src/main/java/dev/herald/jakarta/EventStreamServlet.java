package dev.herald.jakarta;

import dev.herald.runtime.fanout.Admission;
import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.Handshake;
import dev.herald.runtime.fanout.TextFrame;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The events endpoint as Server-Sent Events, at the same path as its WebSocket: a {@code GET} that
 * accepts {@code text/event-stream} gets the stream (an asynchronous servlet response), anything
 * else the WebSocket handshake's answer. The handshake rules are the core's, as on every
 * transport; a refusal is an HTTP status before the stream starts (400, 401, 403, 429, 503), so a
 * client can tell "do not retry" from "retry". {@code Last-Event-ID} (what a browser's {@code
 * EventSource} sends when it reconnects) resumes like {@code ?since=}.
 *
 * <p>The stream: {@code Content-Type: text/event-stream}, {@code Cache-Control: no-cache}, {@code
 * X-Accel-Buffering: no} (nginx passes it on at once), a {@code retry:} of 0.5 to 2.5 s (spread, so
 * that clients of a stopped instance do not come back at once), then every frame as {@code id:}
 * (events) and {@code data:} lines with the same JSON as a WebSocket frame, and a comment as
 * heartbeat every ping interval. The container's async timeout is off: only the core ends a stream.
 */
final class EventStreamServlet extends HttpServlet {
    /** A {@code GET} whose {@code Accept} names {@code text/event-stream}: a browser's EventSource, Herald's client. */
    static boolean wantsEventStream(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod()) && accept != null && accept.contains("text/event-stream");
    }

    private final transient EventEndpoint endpoint;
    private final transient FanOut<TextFrame> fanOut;
    private final transient Consumer<SseTransport> opened;
    private final transient Consumer<SseTransport> ended;

    EventStreamServlet(
            EventEndpoint endpoint,
            FanOut<TextFrame> fanOut,
            Consumer<SseTransport> opened,
            Consumer<SseTransport> ended) {
        this.endpoint = endpoint;
        this.fanOut = fanOut;
        this.opened = opened;
        this.ended = ended;
    }

    /** Starts forwarding the bus's events once the container put the servlet in service. */
    @Override
    public void init() {
        endpoint.startForwarding();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!wantsEventStream(request)) {
            response.sendError(
                    HttpServletResponse.SC_NOT_ACCEPTABLE,
                    "This is an event stream: GET it with Accept: text/event-stream");
            return;
        }
        stream(request, response);
    }

    /** Answers an event-stream request: a refusal's status, or the stream. */
    void stream(HttpServletRequest request, HttpServletResponse response) throws IOException {
        FanOut<TextFrame>.Ticket ticket = fanOut.handshake(handshake(request));
        SseTransport transport = new SseTransport(ended);
        Connection<TextFrame> connection = ticket.open(transport);
        String origin = request.getHeader("Origin");
        if (origin != null && (connection != null || transport.refusal().letsTheOriginRead())) {
            // A page of another origin the core admitted (its origin check passed) reads the stream,
            // and a refusal's status: "do not retry" must reach it.
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Vary", "Origin");
        }
        if (connection == null) {
            Disconnect refusal = transport.refusal();
            int status = refusal.httpStatus();
            if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
                response.setHeader("Retry-After", "1");
            }
            // The reason as plain text, whatever the request accepts: an error page negotiated
            // against text/event-stream would be empty on some containers.
            response.setStatus(status);
            response.setContentType("text/plain");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(refusal.reason());
            return;
        }
        opened.accept(transport);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // off: only the core ends a stream (Tomcat would after 30 s by default)
        int retryMillis = 500 + ThreadLocalRandom.current().nextInt(2000);
        transport.start(connection, async, ("retry: " + retryMillis + "\n\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The request as the core's handshake, with {@code Last-Event-ID} as {@code since} when the query has none. */
    Handshake handshake(HttpServletRequest request) {
        Map<String, List<String>> query = Admission.parseQuery(request.getQueryString());
        String lastEventId = request.getHeader("Last-Event-ID");
        if (lastEventId != null && !query.containsKey("since")) {
            query.put("since", List.of(lastEventId));
        }
        return servletHandshake(endpoint.settings().path(), request, query);
    }

    /** A servlet request as the core's handshake: the endpoint's path, the query, the headers, the login. */
    static Handshake servletHandshake(String path, HttpServletRequest request, Map<String, List<String>> query) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).addAll(Collections.list(request.getHeaders(name)));
        }
        return new Handshake(
                path,
                query,
                HandshakeConfigurator.joinHeaders(headers),
                new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()),
                request.getUserPrincipal());
    }
}
