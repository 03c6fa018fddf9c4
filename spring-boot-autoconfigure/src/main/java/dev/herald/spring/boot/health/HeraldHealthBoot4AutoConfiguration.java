package dev.herald.spring.boot.health;

import dev.herald.runtime.fanout.MonitoredEndpoint;
import dev.herald.spring.boot.HeraldWebFluxAutoConfiguration;
import dev.herald.spring.boot.HeraldWebSocketAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code herald} health indicator on Spring Boot 4 (bean {@code heraldHealthIndicator}, so
 * Actuator names it {@code herald}); {@code management.health.herald.enabled=false} turns it off.
 */
@AutoConfiguration(after = {HeraldWebSocketAutoConfiguration.class, HeraldWebFluxAutoConfiguration.class})
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
@ConditionalOnBean(MonitoredEndpoint.class)
@ConditionalOnEnabledHealthIndicator("herald")
public class HeraldHealthBoot4AutoConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "heraldHealthIndicator")
    public Boot4HealthIndicator heraldHealthIndicator(MonitoredEndpoint endpoint) {
        return new Boot4HealthIndicator(endpoint);
    }
}
