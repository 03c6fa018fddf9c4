package dev.herald.spring.boot;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.Herald;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Herald bus: the process-wide one ({@link Herald#bus()}, so that {@code Herald.emit} and an
 * injected {@code EventBus} are the same), unless the application defines its own; and the bridge
 * from Spring's {@code ApplicationEventPublisher}.
 */
@AutoConfiguration
@EnableConfigurationProperties(HeraldProperties.class)
public class HeraldAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    public EventBus heraldEventBus() {
        return Herald.bus();
    }

    @Bean
    @ConditionalOnProperty(name = "herald.spring-events", havingValue = "true", matchIfMissing = true)
    public SpringEventBridge heraldSpringEventBridge(EventBus bus) {
        return new SpringEventBridge(bus);
    }
}
