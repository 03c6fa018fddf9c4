package dev.herald.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.EndpointOptions;
import dev.herald.webflux.ReactiveEventEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.SimpleHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The behaviour tests on {@link ReactiveEventEndpoint} in a WebFlux application on Reactor Netty
 * (Spring 7, Reactor Netty 1.3 here; the Boot 3.5 line runs in {@code samples/webflux}): requests
 * reach it through Spring's {@code DispatcherHandler} and the endpoint's handler mapping, as in an
 * application, WebSocket and event stream at one path.
 */
class WebFluxEndpointTest extends EndpointBehaviourTest {
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
}
