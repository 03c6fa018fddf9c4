package dev.herald.jakarta;

import dev.herald.runtime.fanout.Admission;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.Handshake;
import dev.herald.runtime.fanout.TextFrame;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The events endpoint as a servlet: it answers the WebSocket handshake (RFC 6455 section 4.2) and
 * takes the connection over, with a Servlet HTTP upgrade on Tomcat ({@link TomcatUpgrade}) and
 * Jetty's own connection upgrade on Jetty ({@link JettyUpgrade}); a request for the event stream at the
 * same path goes to {@link EventStreamServlet}. It runs after the application's filters,
 * so the container's TLS, the proxy's forwarded headers and the login (Spring Security among them)
 * apply as to any request; the handshake rules (origin, authenticator, limits) are the core's, as
 * on every transport, and a refusal is a close code with a reason after the upgrade.
 */
final class UpgradeServlet extends HttpServlet {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final transient EventEndpoint endpoint;
    private final transient FanOut<TextFrame> fanOut;
    /** Serves the event stream at the same path; {@code null} when it is off. */
    private final transient EventStreamServlet eventStream;
    /** Jetty takes connections over its own way; every other container through a Servlet HTTP upgrade. */
    private transient boolean onJetty;

    UpgradeServlet(EventEndpoint endpoint, FanOut<TextFrame> fanOut, EventStreamServlet eventStream) {
        this.endpoint = endpoint;
        this.fanOut = fanOut;
        this.eventStream = eventStream;
    }

    /** Starts forwarding the bus's events once the container put the servlet in service. */
    @Override
    public void init() {
        onJetty = Containers.isJettyUpgradable(getServletContext());
        endpoint.startForwarding();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (eventStream != null
                && !hasToken(request.getHeader("Upgrade"), "websocket")
                && EventStreamServlet.wantsEventStream(request)) {
            eventStream.stream(request, response);
            return;
        }
        if (!"GET".equals(request.getMethod())
                || !hasToken(request.getHeader("Upgrade"), "websocket")
                || !hasToken(request.getHeader("Connection"), "upgrade")) {
            response.setHeader("Upgrade", "websocket");
            response.sendError(426, "This is a WebSocket endpoint: connect with a WebSocket client");
            return;
        }
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            response.setHeader("Sec-WebSocket-Version", "13");
            response.sendError(426, "WebSocket version 13 only");
            return;
        }
        String key = request.getHeader("Sec-WebSocket-Key");
        if (!isValidKey(key)) {
            response.sendError(400, "Sec-WebSocket-Key must be 16 bytes in base64");
            return;
        }
        FanOut<TextFrame>.Ticket ticket = fanOut.handshake(handshake(request));
        UpgradeTransport transport = endpoint.upgradeTransport(ticket);
        if (onJetty) {
            JettyUpgrade.takeOver(request, acceptKey(key), transport);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Sec-WebSocket-Accept", acceptKey(key));
        TomcatUpgrade upgrade = request.upgrade(TomcatUpgrade.class);
        upgrade.attach(transport);
    }

    private Handshake handshake(HttpServletRequest request) {
        return EventStreamServlet.servletHandshake(
                endpoint.settings().path(), request, Admission.parseQuery(request.getQueryString()));
    }

    /** Whether a comma-separated header holds {@code token}, in any case. */
    static boolean hasToken(String header, String token) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            if (part.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isValidKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.strip()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The handshake's proof that the server speaks WebSocket (RFC 6455 section 4.2.2). */
    static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key.strip() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-1", e);
        }
    }
}
