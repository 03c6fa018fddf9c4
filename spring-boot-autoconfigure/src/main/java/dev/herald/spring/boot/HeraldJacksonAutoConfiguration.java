package dev.herald.spring.boot;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.json.HeraldJackson3Module;
import dev.herald.runtime.json.HeraldModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lends the generated codecs to the application's own JSON mapper, so that a controller that
 * returns an event record writes exactly the {@code data} the browser receives over the socket:
 * {@link HeraldModule} for Jackson 2's {@code ObjectMapper} (Boot 3.5), {@link HeraldJackson3Module}
 * for Jackson 3's {@code JsonMapper} (Boot 4). Boot registers every module bean of its Jackson
 * with the mapper it builds. {@code herald.jackson-module=false} leaves the mappers alone.
 */
@AutoConfiguration(after = HeraldAutoConfiguration.class)
@ConditionalOnProperty(name = "herald.jackson-module", havingValue = "true", matchIfMissing = true)
public class HeraldJacksonAutoConfiguration {
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.fasterxml.jackson.databind.Module")
    static class Jackson2 {
        @Bean
        @ConditionalOnMissingBean
        HeraldModule heraldJacksonModule(EventBus bus) {
            return new HeraldModule(bus.registry());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "tools.jackson.databind.JacksonModule")
    static class Jackson3 {
        @Bean
        @ConditionalOnMissingBean
        HeraldJackson3Module heraldJackson3Module(EventBus bus) {
            return new HeraldJackson3Module(bus.registry());
        }
    }
}
