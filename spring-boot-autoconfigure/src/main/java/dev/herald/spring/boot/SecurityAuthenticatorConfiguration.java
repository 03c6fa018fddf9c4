package dev.herald.spring.boot;

import dev.herald.runtime.fanout.Authenticator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With Spring Security: who the request's authentication says, and no one anonymous. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.security.core.Authentication")
class SecurityAuthenticatorConfiguration {
    @Bean
    @ConditionalOnMissingBean
    Authenticator heraldAuthenticator() {
        return new AuthenticatedUser();
    }
}
