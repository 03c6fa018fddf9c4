/**
 * Spring Boot auto-configuration: {@code HeraldAutoConfiguration} (the bus, the bridge from
 * Spring's application events), {@code HeraldWebSocketAutoConfiguration} (the events endpoint on
 * the application's port), {@code HeraldProperties} ({@code herald.*}).
 */
package dev.herald.spring.boot;
