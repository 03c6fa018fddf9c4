package dev.herald.spring.boot;

import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.fanout.AccessPolicy;
import dev.herald.runtime.fanout.Authenticator;
import dev.herald.runtime.fanout.EndpointOptions;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@code herald.websocket.*} properties and the application's beans applied to an endpoint's
 * builder, whatever its transport: the servlet and the reactive endpoint take the same ones.
 */
final class EndpointProperties {
    private EndpointProperties() {}

    static void apply(
            EndpointOptions<?> builder,
            HeraldProperties properties,
            ObjectProvider<Authenticator> authenticator,
            ObjectProvider<AccessPolicy> accessPolicy,
            ObjectProvider<Broker> broker) {
        HeraldProperties.WebSocket websocket = properties.getWebsocket();
        broker.ifAvailable(builder::broker);
        if (websocket.getMaxConnectionsPerUser() != null) {
            builder.maxConnectionsPerUser(websocket.getMaxConnectionsPerUser());
        }
        HeraldProperties.Resume resume = websocket.getResume();
        builder.retention(resume.getEvents(), resume.getBytes().toBytes(), resume.getMaxAge())
                .replayCap(resume.getReplayCap());
        builder.path(websocket.getPath())
                .allowedOrigins(websocket.getAllowedOrigins().toArray(String[]::new))
                .byteBudget(websocket.getByteBudget().toBytes())
                .handoffBytes(websocket.getHandoffBytes().toBytes())
                .maxConnections(websocket.getMaxConnections())
                .heartbeat(websocket.getPingInterval(), websocket.getIdleTimeout())
                .authenticator(authenticator.getIfAvailable(() -> Authenticator.ANONYMOUS))
                .accessPolicy(accessPolicy.getIfAvailable(() -> AccessPolicy.ALLOW_ALL));
    }
}
