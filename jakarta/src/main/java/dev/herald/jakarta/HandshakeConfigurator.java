package dev.herald.jakarta;

import dev.herald.runtime.fanout.Admission;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.Handshake;
import dev.herald.runtime.fanout.TextFrame;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the core's handshake rules while the container handles the upgrade request, before the
 * response goes out, and leaves the decision in the session's copy of the user properties (the
 * containers copy them per connection) for {@link HeraldEndpoint#onOpen}.
 *
 * <p>Every method is overridden, so the container's default configurator is never looked up: with
 * two containers' jars on one class path, that lookup picks either.
 */
final class HandshakeConfigurator extends ServerEndpointConfig.Configurator {
    /** The user property holding this connection's {@link FanOut.Ticket}. */
    static final String TICKET = "dev.herald.jakarta.ticket";

    private final FanOut<TextFrame> fanOut;
    private final HeraldEndpoint endpoint;

    HandshakeConfigurator(FanOut<TextFrame> fanOut, HeraldEndpoint endpoint) {
        this.fanOut = fanOut;
        this.endpoint = endpoint;
    }

    /**
     * Always true: a refused origin is upgraded and then closed with 4403 and a reason the client
     * can read (a failed upgrade shows a browser nothing), as on every transport.
     */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(TICKET, fanOut.handshake(handshake(config.getPath(), request)));
    }

    /**
     * The container has already matched the path, so it is the endpoint's; the query is parsed as
     * every transport parses it.
     */
    static Handshake handshake(String path, HandshakeRequest request) {
        return new Handshake(
                path,
                Admission.parseQuery(request.getQueryString()),
                joinHeaders(request.getHeaders()),
                null,
                request.getUserPrincipal());
    }

    /** Headers as a {@link Handshake} holds them: names in lower case, repeated values joined. */
    static Map<String, String> joinHeaders(Map<String, List<String>> headers) {
        Map<String, String> joined = new HashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            String separator = lower.equals("cookie") ? "; " : ", ";
            joined.merge(lower, String.join(separator, values), (first, second) -> first + separator + second);
        });
        return joined;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return (T) endpoint;
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return "";
    }

    /** None: per-message deflate is not worth its CPU for small notifications sent to many. */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return List.of();
    }
}
