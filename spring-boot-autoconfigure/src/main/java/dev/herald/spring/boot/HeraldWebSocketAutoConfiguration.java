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
import org.springframework.context.annotation.Configuration;
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
public class HeraldWebSocketAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    public EventEndpoint heraldEventEndpoint(
            EventBus bus,
            HeraldProperties properties,
            ObjectProvider<Authenticator> authenticator,
            ObjectProvider<AccessPolicy> accessPolicy,
            ObjectProvider<Broker> broker) {
        HeraldProperties.WebSocket websocket = properties.getWebsocket();
        EventEndpoint.Builder builder = EventEndpoint.builder(bus);
        broker.ifAvailable(builder::broker);
        if (websocket.getMaxConnectionsPerUser() != null) {
            builder.maxConnectionsPerUser(websocket.getMaxConnectionsPerUser());
        }
        HeraldProperties.Resume resume = websocket.getResume();
        builder.retention(resume.getEvents(), resume.getBytes().toBytes(), resume.getMaxAge())
                .replayCap(resume.getReplayCap());
        return builder.path(websocket.getPath())
                .allowedOrigins(websocket.getAllowedOrigins().toArray(String[]::new))
                .byteBudget(websocket.getByteBudget().toBytes())
                .handoffBytes(websocket.getHandoffBytes().toBytes())
                .maxConnections(websocket.getMaxConnections())
                .heartbeat(websocket.getPingInterval(), websocket.getIdleTimeout())
                .authenticator(authenticator.getIfAvailable(() -> Authenticator.ANONYMOUS))
                .accessPolicy(accessPolicy.getIfAvailable(() -> AccessPolicy.ALLOW_ALL))
                .eventStream(websocket.isEventStream())
                .build();
    }

    @Bean
    public EventEndpointRegistrar heraldEventEndpointRegistrar(EventEndpoint endpoint, HeraldProperties properties) {
        HeraldProperties.WebSocket websocket = properties.getWebsocket();
        return new EventEndpointRegistrar(
                endpoint, websocket.getResume().getDrainTimeout(), websocket.isServletUpgrade());
    }

    /** With Spring Security: who the request's authentication says, and no one anonymous. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.Authentication")
    static class SecurityAuthenticatorConfiguration {
        @Bean
        @ConditionalOnMissingBean
        Authenticator heraldAuthenticator() {
            return new AuthenticatedUser();
        }
    }
}
