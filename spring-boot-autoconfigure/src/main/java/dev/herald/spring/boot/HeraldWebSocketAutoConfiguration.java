package dev.herald.spring.boot;

import dev.herald.jakarta.EventEndpoint;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.fanout.AccessPolicy;
import dev.herald.runtime.fanout.Authenticator;
import jakarta.websocket.server.ServerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.context.ServletContextAware;

/**
 * The events endpoint on a servlet application's own port, at {@code herald.websocket.path}. Uses
 * the application's {@link Authenticator}, {@link AccessPolicy} and {@link Broker} beans when it has
 * them (a broker carries events between the application's instances); with
 * Spring Security on the class path, the default authenticator is the request's authenticated user
 * (anonymous is refused with 4401), otherwise everyone is admitted as {@code "anonymous"}.
 */
@AutoConfiguration(after = HeraldAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ServerContainer.class, ServletContextAware.class, EventEndpoint.class})
@ConditionalOnProperty(name = "herald.websocket.enabled", havingValue = "true", matchIfMissing = true)
@Import(SecurityAuthenticatorConfiguration.class)
public class HeraldWebSocketAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    public EventEndpoint heraldEventEndpoint(
            EventBus bus,
            HeraldProperties properties,
            ObjectProvider<Authenticator> authenticator,
            ObjectProvider<AccessPolicy> accessPolicy,
            ObjectProvider<Broker> broker) {
        EventEndpoint.Builder builder = EventEndpoint.builder(bus);
        EndpointProperties.apply(builder, properties, authenticator, accessPolicy, broker);
        return builder.eventStream(properties.getWebsocket().isEventStream()).build();
    }

    @Bean
    public EventEndpointRegistrar heraldEventEndpointRegistrar(EventEndpoint endpoint, HeraldProperties properties) {
        HeraldProperties.WebSocket websocket = properties.getWebsocket();
        return new EventEndpointRegistrar(
                endpoint, websocket.getResume().getDrainTimeout(), websocket.isServletUpgrade());
    }
}
