package dev.herald.spring.boot.health;

import dev.herald.runtime.fanout.MonitoredEndpoint;
import dev.herald.spring.boot.HeraldWebFluxAutoConfiguration;
import dev.herald.spring.boot.HeraldWebSocketAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code herald} health indicator on Spring Boot 3 (bean {@code heraldHealthIndicator}, so
 * Actuator names it {@code herald}); {@code management.health.herald.enabled=false} turns it off.
 */
@AutoConfiguration(after = {HeraldWebSocketAutoConfiguration.class, HeraldWebFluxAutoConfiguration.class})
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
@ConditionalOnBean(MonitoredEndpoint.class)
@ConditionalOnEnabledHealthIndicator("herald")
public class HeraldHealthAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "heraldHealthIndicator")
    public Boot3HealthIndicator heraldHealthIndicator(MonitoredEndpoint endpoint) {
        return new Boot3HealthIndicator(endpoint);
    }
}
