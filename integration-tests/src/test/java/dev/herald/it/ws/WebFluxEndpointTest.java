package dev.herald.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.EndpointOptions;
import dev.herald.seed.fs.FsCreated;
import dev.herald.webflux.ReactiveEventEndpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.SimpleHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The behaviour tests on {@link ReactiveEventEndpoint} in a WebFlux application on Reactor Netty
 * (Spring 7, Reactor Netty 1.3 here; the Boot 3.5 line runs in {@code samples/webflux}): requests
 * reach it through Spring's {@code DispatcherHandler} and the endpoint's handler mapping, as in an
 * application, WebSocket and event stream at one path.
 */
class WebFluxEndpointTest extends EndpointBehaviourTest {
    /** What the next server does to each connection (a test's handler), before Herald sees it. */
    private Consumer<Connection> tap = connection -> {};

    @Override
    protected boolean servesEventStream() {
        return true;
    }

    @Override
    protected Endpoint start(EventBus bus, Consumer<EndpointOptions<?>> configure) throws Exception {
        ReactiveEventEndpoint.Builder builder = ReactiveEventEndpoint.builder(bus);
        configure.accept(builder);
        ReactiveEventEndpoint endpoint = builder.build().start();

        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean("heraldEvents", HandlerMapping.class, endpoint::handlerMapping);
        context.registerBean(SimpleHandlerAdapter.class);
        context.refresh();
        DispatcherHandler dispatcher = new DispatcherHandler(context);
        DisposableServer netty = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                // The server closes a client that half-sends its upgrade request.
                .idleTimeout(Duration.ofSeconds(1))
                .doOnConnection(connection -> tap.accept(connection))
                .handle(new ReactorHttpHandlerAdapter(
                        WebHttpHandlerBuilder.webHandler(dispatcher).build()))
                .bindNow();
        return new EndpointHandle(netty.port(), endpoint, endpoint::connections, endpoint::stop, () -> {
            netty.disposeNow(Duration.ofSeconds(5));
            context.close();
        });
    }

    /** The application answers a path no mapping serves with 404: no upgrade, nothing admitted. */
    @Override
    protected void assertOtherPathRefused(Map<String, String> headers) throws Exception {
        TestClient client = new TestClient(server.port(), "/other/path", headers);
        assertThat(client.connectBlocking()).isFalse();
        assertThat(server.connectionCount()).isZero();
    }

    /**
     * A handler of the application's after Netty's HTTP codec sees the stream's chunks (Herald
     * writes below the codec only when nothing but Reactor Netty's own pass-through handlers
     * follow it), and the client gets every event.
     */
    @Test
    void aHandlerAfterTheHttpCodec_seesTheStreamsChunks() throws Exception {
        AtomicLong tapped = new AtomicLong();
        tap = connection -> connection.addHandlerLast("test.tap", new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                if (msg instanceof HttpContent content) {
                    tapped.addAndGet(content.content().readableBytes());
                }
                super.write(ctx, msg, promise);
            }
        });
        server = start(bus, options -> {});
        SseClient stream = SseClient.connect(server.port(), "/api/events/ws", Map.of());
        toClose.add(stream);
        awaitConnections(1);
        long beforeEvents = tapped.get();

        for (int i = 0; i < 50; i++) {
            bus.emit(new FsCreated("a", "/tapped/" + i, false));
        }

        List<String> events = stream.awaitEvents(50, 5000);
        assertThat(events).hasSize(50);
        assertThat(events.get(49)).contains("\"Path\":\"/tapped/49\"");
        long eventBytes = events.stream()
                .mapToLong(e -> e.getBytes(StandardCharsets.UTF_8).length)
                .sum();
        assertThat(tapped.get() - beforeEvents).isGreaterThanOrEqualTo(eventBytes);
    }
}
