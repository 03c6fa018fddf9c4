package dev.herald.spring.boot;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.fanout.AccessPolicy;
import dev.herald.runtime.fanout.Authenticator;
import dev.herald.webflux.ReactiveEventEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.HandlerMapping;

/**
 * The events endpoint on a reactive application's own port (WebFlux on Reactor Netty), at {@code
 * herald.websocket.path}: WebSocket and Server-Sent Events, with the same properties and beans as
 * on a servlet application ({@link HeraldWebSocketAutoConfiguration}). With Spring Security on the
 * class path, the default authenticator is the exchange's authenticated principal (anonymous is
 * refused with 4401, or 401 on an event stream).
 */
@AutoConfiguration(after = HeraldAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(
        value = {ReactiveEventEndpoint.class, HandlerMapping.class},
        name = "reactor.netty.http.server.HttpServer")
@ConditionalOnProperty(name = "herald.websocket.enabled", havingValue = "true", matchIfMissing = true)
@Import(SecurityAuthenticatorConfiguration.class)
public class HeraldWebFluxAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    public ReactiveEventEndpoint heraldReactiveEventEndpoint(
            EventBus bus,
            HeraldProperties properties,
            ObjectProvider<Authenticator> authenticator,
            ObjectProvider<AccessPolicy> accessPolicy,
            ObjectProvider<Broker> broker) {
        ReactiveEventEndpoint.Builder builder = ReactiveEventEndpoint.builder(bus);
        EndpointProperties.apply(builder, properties, authenticator, accessPolicy, broker);
        return builder.eventStream(properties.getWebsocket().isEventStream()).build();
    }

    /** Routes the endpoint's path to it, ahead of the application's controllers and routes. */
    @Bean
    public HandlerMapping heraldEventsHandlerMapping(ReactiveEventEndpoint endpoint) {
        return endpoint.handlerMapping();
    }

    @Bean
    public ReactiveEndpointLifecycle heraldReactiveEndpointLifecycle(
            ReactiveEventEndpoint endpoint, HeraldProperties properties) {
        return new ReactiveEndpointLifecycle(
                endpoint, properties.getWebsocket().getResume().getDrainTimeout());
    }
}
