/**
 * Micrometer for Herald: {@code HeraldMetrics} binds an endpoint's counts ({@code
 * dev.herald.runtime.fanout.EndpointCounters}) to any {@code MeterRegistry}. The Spring Boot starter
 * binds it to the application's registry, so {@code /actuator/prometheus} shows the meters.
 */
package dev.herald.micrometer;
