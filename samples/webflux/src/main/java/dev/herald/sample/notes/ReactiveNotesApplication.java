package dev.herald.sample.notes;

import dev.herald.runtime.fanout.AccessPolicy;
import java.security.Principal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The notes app as a reactive application on one port (WebFlux on Reactor Netty): the notes API,
 * a login, the page, and Herald's events at {@code /api/events/ws}, as WebSocket and as
 * Server-Sent Events (from {@code herald-spring-boot-starter-webflux}; Spring Security's reactive
 * login decides who connects).
 */
@SpringBootApplication
public class ReactiveNotesApplication {
    public static void main(String[] args) {
        SpringApplication.run(ReactiveNotesApplication.class, args);
    }

    /** Two users for trying it out: alice and bob, password {@code secret}. */
    @Bean
    MapReactiveUserDetailsService users() {
        return new MapReactiveUserDetailsService(
                User.withUsername("alice").password("{noop}secret").roles("USER").build(),
                User.withUsername("bob").password("{noop}secret").roles("USER").build());
    }

    /**
     * The API and the page need a login; the events endpoint is let through so that Herald can
     * refuse an anonymous client itself: 4401 on a WebSocket (a reason the page can read, where a
     * browser never shows a WebSocket's HTTP 401), 401 on an event stream. CSRF is off to keep the
     * sample short: a real app keeps it for its own forms and API.
     */
    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/events/ws", "/login", "/actuator/health/**")
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** Each user hears only of their own notes. */
    @Bean
    AccessPolicy onlyTheOwner() {
        return (principal, type, event) ->
                !(event instanceof OwnedEvent owned) || owned.owner().equals(((Principal) principal).getName());
    }
}
