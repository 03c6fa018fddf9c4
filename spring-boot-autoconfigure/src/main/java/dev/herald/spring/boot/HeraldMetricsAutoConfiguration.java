package dev.herald.spring.boot;

import dev.herald.micrometer.HeraldMetrics;
import dev.herald.runtime.fanout.MonitoredEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The endpoint's meters ({@code herald.*}, tagged with the transport: {@code jakarta}, {@code webflux}) as a {@code
 * MeterBinder} bean: Spring Boot binds every such bean to the application's {@code MeterRegistry},
 * so {@code /actuator/prometheus} and any other registry the application has show them.
 */
@AutoConfiguration(after = {HeraldWebSocketAutoConfiguration.class, HeraldWebFluxAutoConfiguration.class})
@ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry", "dev.herald.micrometer.HeraldMetrics"})
@ConditionalOnBean(MonitoredEndpoint.class)
public class HeraldMetricsAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    public HeraldMetrics heraldMetrics(MonitoredEndpoint endpoint) {
        return new HeraldMetrics(endpoint);
    }
}
