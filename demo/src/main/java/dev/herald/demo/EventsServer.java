package dev.herald.demo;

import dev.herald.webflux.ReactiveEventEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The demo's events port: Herald's reactive endpoint on a Reactor Netty server of its own, without
 * a Spring application around it. One path serves WebSocket and, for browsers behind a proxy that
 * refuses WebSocket upgrades, Server-Sent Events.
 */
final class EventsServer implements AutoCloseable {
    private final ReactiveEventEndpoint endpoint;
    private final DisposableServer server;

    private EventsServer(ReactiveEventEndpoint endpoint, DisposableServer server) {
        this.endpoint = endpoint;
        this.server = server;
    }

    static EventsServer start(ReactiveEventEndpoint endpoint, InetSocketAddress address) {
        DisposableServer server = HttpServer.create()
                .host(address.getHostString())
                .port(address.getPort())
                .handle(new ReactorHttpHandlerAdapter(
                        WebHttpHandlerBuilder.webHandler(endpoint.webHandler()).build()))
                .bindNow();
        endpoint.start();
        return new EventsServer(endpoint, server);
    }

    int port() {
        return server.port();
    }

    /** Closes every client with 1012 (they come back after a short random pause), then the server. */
    @Override
    public void close() {
        endpoint.stop(Duration.ofSeconds(2));
        server.disposeNow(Duration.ofSeconds(2));
    }
}
