package dev.herald.sample.notes;

import dev.herald.runtime.fanout.AccessPolicy;
import java.security.Principal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A notes app on one port: the notes API, a login, the page, and Herald's events endpoint at
 * {@code /api/events/ws} (from {@code herald-spring-boot-starter}; the login decides who connects).
 */
@SpringBootApplication
public class NotesApplication {
    public static void main(String[] args) {
        SpringApplication.run(NotesApplication.class, args);
    }

    /** Two users for trying it out: alice and bob, password {@code secret}. */
    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}secret").roles("USER").build(),
                User.withUsername("bob").password("{noop}secret").roles("USER").build());
    }

    /**
     * The API and the page need a login; the events endpoint is let through so that Herald can
     * close an anonymous client with 4401 (a reason the page can read) instead of the HTTP 401 a
     * browser never shows to a WebSocket. CSRF is off to keep the sample short: a real app keeps it
     * for its own forms and API.
     */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/events/ws", "/login", "/error")
                        .permitAll()
                        .anyRequest()
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
