package dev.herald.webflux;

import dev.herald.runtime.fanout.Admission;
import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.Handshake;
import dev.herald.runtime.fanout.TextFrame;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * The endpoint's path as a {@link WebHandler}: a WebSocket upgrade request gets the WebSocket, a
 * {@code GET} that accepts {@code text/event-stream} the event stream, anything else 406 with a
 * hint. The handshake rules are the core's on both ({@link FanOut#handshake}): a refused WebSocket
 * is upgraded and closed with the refusal's code and reason, as on every Herald transport; a
 * refused stream gets an HTTP status before it starts (400, 401, 403, 429, 503) so a client can
 * tell "do not retry" from "retry". The authenticator sees the exchange's principal (Spring
 * Security's reactive one) as the handshake's {@code userPrincipal}.
 */
final class EventsWebHandler implements WebHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventsWebHandler.class);

    /** Netty closes a bigger client frame itself, at once (1009); Herald closes smaller ones too big for it. */
    static final int NETTY_FRAME_LIMIT = 64 * 1024;

    private final ReactiveEventEndpoint endpoint;
    private final FanOut<TextFrame> fanOut;
    private final WebsocketServerSpec webSocketSpec;

    private final boolean eventStream;
    private final AtomicBoolean toldNotNetty = new AtomicBoolean();

    EventsWebHandler(ReactiveEventEndpoint endpoint, FanOut<TextFrame> fanOut, boolean eventStream) {
        this.endpoint = endpoint;
        this.fanOut = fanOut;
        this.eventStream = eventStream;
        // Clients send Herald nothing but pongs. A frame over maxClientFrameBytes is closed with
        // 1009 by Herald (see session) once it was read whole; Netty's own limit, which closes at
        // once, is above it: closing a socket with a frame still arriving resets the connection,
        // and the client may lose the close frame (it sees 1006).
        this.webSocketSpec = WebsocketServerSpec.builder()
                .maxFramePayloadLength(
                        Math.max(NETTY_FRAME_LIMIT, endpoint.settings().maxClientFrameBytes()))
                .build();
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        if (!(nativeRequest instanceof HttpServerRequest netty)) {
            if (toldNotNetty.compareAndSet(false, true)) {
                LOG.warn(
                        "Herald's WebFlux endpoint runs on Reactor Netty; this server's requests are {}: answered 501",
                        nativeRequest.getClass().getName());
            }
            return plain(exchange.getResponse(), HttpStatus.NOT_IMPLEMENTED, "Herald's events need Reactor Netty");
        }
        boolean upgrade = "GET".equals(request.getMethod().name())
                && "websocket".equalsIgnoreCase(netty.requestHeaders().get("Upgrade"));
        if (!upgrade && !(eventStream && wantsEventStream(netty))) {
            return plain(
                    exchange.getResponse(),
                    HttpStatus.NOT_ACCEPTABLE,
                    eventStream
                            ? "This is an event stream: GET it with Accept: text/event-stream, or upgrade to WebSocket"
                            : "This is a WebSocket endpoint: upgrade to WebSocket");
        }
        return exchange.getPrincipal()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(principal -> upgrade
                        ? webSocket(exchange, netty, principal.orElse(null))
                        : eventStream(exchange, netty, principal.orElse(null)));
    }

    /** A {@code GET} whose {@code Accept} names {@code text/event-stream}: a browser's EventSource, Herald's client. */
    private static boolean wantsEventStream(HttpServerRequest request) {
        String accept = request.requestHeaders().get("Accept");
        return "GET".equals(request.method().name()) && accept != null && accept.contains("text/event-stream");
    }

    private Mono<Void> webSocket(ServerWebExchange exchange, HttpServerRequest request, Principal principal) {
        FanOut<TextFrame>.Ticket ticket = fanOut.handshake(handshake(exchange, request, principal, false));
        HttpServerResponse response = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
        return response.sendWebsocket((in, out) -> session(ticket, in, out), webSocketSpec);
    }

    /** One upgraded connection: admitted or closed with the refusal; ends when the client or Herald closes it. */
    private Mono<Void> session(FanOut<TextFrame>.Ticket ticket, WebsocketInbound in, WebsocketOutbound out) {
        AtomicReference<Channel> channel = new AtomicReference<>();
        in.withConnection(connection -> channel.set(connection.channel()));
        WebSocketTransport transport = new WebSocketTransport(channel.get(), out);
        Connection<TextFrame> connection = ticket.open(transport);
        if (connection == null) {
            return Mono.fromFuture(transport.closeSent()); // the core closed it with the refusal
        }
        endpoint.opened(transport);
        int maxFrameBytes = endpoint.settings().maxClientFrameBytes();
        AtomicBoolean tooBig = new AtomicBoolean();
        return in.receiveFrames()
                .doOnNext(frame -> {
                    if (frame.content().readableBytes() <= maxFrameBytes) {
                        connection.seen(); // pongs and whatever else: the client is alive
                    } else if (tooBig.compareAndSet(false, true)) {
                        connection.brokeProtocol(Disconnect.TOO_BIG.code(), Disconnect.TOO_BIG.reason());
                        transport.close(Disconnect.TOO_BIG);
                    }
                })
                .onErrorResume(error -> {
                    if (error
                            instanceof
                            CorruptedWebSocketFrameException corrupted) { // Netty closed it: 1009, 1002, 1007
                        connection.brokeProtocol(
                                corrupted.closeStatus().code(),
                                corrupted.closeStatus().reasonText());
                    } else {
                        LOG.debug("WebSocket connection {} failed", connection.id(), error);
                    }
                    return Mono.empty();
                })
                .then()
                .doFinally(signal -> {
                    transport.ended();
                    connection.remove();
                    endpoint.ended(transport);
                });
    }

    private Mono<Void> eventStream(ServerWebExchange exchange, HttpServerRequest request, Principal principal) {
        FanOut<TextFrame>.Ticket ticket = fanOut.handshake(handshake(exchange, request, principal, true));
        AtomicReference<Channel> channel = new AtomicReference<>();
        request.withConnection(connection -> channel.set(connection.channel()));
        EventStreamTransport transport = new EventStreamTransport(channel.get());
        Connection<TextFrame> connection = ticket.open(transport);
        ServerHttpResponse response = exchange.getResponse();
        String origin = request.requestHeaders().get("Origin");
        if (origin != null && (connection != null || transport.refusal().letsTheOriginRead())) {
            // A page of another origin the core admitted (its origin check passed) reads the stream,
            // and a refusal's status: "do not retry" must reach it.
            response.getHeaders().set("Access-Control-Allow-Origin", origin);
            response.getHeaders().set("Vary", "Origin");
        }
        if (connection == null) {
            Disconnect refusal = transport.refusal();
            HttpStatus status = HttpStatus.valueOf(refusal.httpStatus());
            if (status == HttpStatus.SERVICE_UNAVAILABLE) {
                response.getHeaders().set("Retry-After", "1");
            }
            return plain(response, status, refusal.reason());
        }
        endpoint.opened(transport);
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(new MediaType("text", "event-stream", StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-cache");
        response.getHeaders().set("X-Accel-Buffering", "no");
        // Spread, so that the clients of a stopped instance do not all come back at once.
        int retryMillis = 500 + ThreadLocalRandom.current().nextInt(2000);
        // Spring writes the status, the headers and the preamble; once they are written (Netty
        // releases the preamble's buffer), the transport writes its frames after them.
        DataBuffer preamble = ((NettyDataBufferFactory) response.bufferFactory())
                .wrap(new ReleaseSignal(
                        ("retry: " + retryMillis + "\n\n").getBytes(StandardCharsets.US_ASCII),
                        () -> transport.start(connection, chunked(request))));
        Flux<DataBuffer> body =
                Flux.just(preamble).concatWith(transport.endOfBody().then(Mono.empty()));
        // A client that goes away fails the body's write (Reactor Netty), which ends it below: the
        // body must not complete before, or Reactor Netty logs that failure as dropped.
        return response.writeWith(body).doFinally(signal -> {
            transport.ended();
            connection.remove();
            endpoint.ended(transport);
        });
    }

    /** Whether the response Reactor Netty sent for {@code request} is chunked (HTTP/1.1 without a length). */
    private static boolean chunked(HttpServerRequest request) {
        return request instanceof HttpServerResponse response
                && response.responseHeaders()
                        .containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
    }

    /** A short plain-text answer, whatever the request accepts. */
    private static Mono<Void> plain(ServerHttpResponse response, HttpStatus status, String text) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * The request as the core's handshake: the path within the application, the query (an event
     * stream's {@code Last-Event-ID} as {@code since} when the query has none, which is what a
     * browser's EventSource sends when it reconnects), the headers, the client's address, the
     * principal. Read from Reactor Netty's request, whose API is the same on Spring 6 and 7.
     */
    private Handshake handshake(
            ServerWebExchange exchange, HttpServerRequest request, Principal principal, boolean eventStream) {
        Map<String, List<String>> query =
                Admission.parseQuery(exchange.getRequest().getURI().getRawQuery());
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.requestHeaders()) {
            headers.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
        }
        String lastEventId = headers.get("last-event-id");
        if (eventStream && lastEventId != null && !query.containsKey("since")) {
            query.put("since", new ArrayList<>(List.of(lastEventId)));
        }
        InetSocketAddress remote = request.remoteAddress();
        return new Handshake(
                exchange.getRequest().getPath().pathWithinApplication().value(), query, headers, remote, principal);
    }
}
