package dev.herald.spring.boot;

import dev.herald.nats.NatsBroker;
import dev.herald.redis.RedisBroker;
import dev.herald.runtime.cluster.Broker;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link Broker} from {@code herald.broker.redis.uri} or {@code herald.broker.nats.url}, when
 * herald-redis or herald-nats is on the class path and the application has no Broker bean of its
 * own. The events endpoint closes it when it stops.
 */
@AutoConfiguration(before = HeraldWebSocketAutoConfiguration.class)
public class HeraldBrokerAutoConfiguration {
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisBroker.class)
    @ConditionalOnProperty("herald.broker.redis.uri")
    static class Redis {
        @Bean
        @ConditionalOnMissingBean(Broker.class)
        RedisBroker heraldBroker(HeraldProperties properties) {
            requireOne(properties);
            HeraldProperties.Redis redis = properties.getBroker().getRedis();
            return RedisBroker.builder(redis.getUri()).stream(redis.getStream())
                    .maxLength(redis.getMaxLength())
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(NatsBroker.class)
    @ConditionalOnProperty("herald.broker.nats.url")
    static class Nats {
        @Bean
        @ConditionalOnMissingBean(Broker.class)
        NatsBroker heraldBroker(HeraldProperties properties) {
            requireOne(properties);
            HeraldProperties.Nats nats = properties.getBroker().getNats();
            return NatsBroker.builder(nats.getUrl()).stream(nats.getStream())
                    .maxMessages(nats.getMaxMessages())
                    .build();
        }
    }

    private static void requireOne(HeraldProperties properties) {
        if (properties.getBroker().getRedis().getUri() != null
                && properties.getBroker().getNats().getUrl() != null) {
            throw new IllegalStateException(
                    "Both herald.broker.redis.uri and herald.broker.nats.url are set: the instances share one broker");
        }
    }
}
