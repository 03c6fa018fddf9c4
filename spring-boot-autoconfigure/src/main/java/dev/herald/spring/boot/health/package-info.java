/**
 * The {@code herald} Actuator health indicator, for Spring Boot 3 and Spring Boot 4 (whose health
 * API moved to another package); {@link dev.herald.spring.boot.health.HeraldHealth} decides, the
 * two indicators only translate.
 */
package dev.herald.spring.boot.health;
