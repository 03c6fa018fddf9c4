package dev.herald.spring.boot.health;

import dev.herald.runtime.fanout.MonitoredEndpoint;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The {@code herald} health indicator on Spring Boot 3 ({@code org.springframework.boot.actuate.health}). */
public final class Boot3HealthIndicator extends AbstractHealthIndicator {
    private final HeraldHealth health;

    public Boot3HealthIndicator(MonitoredEndpoint endpoint) {
        super("Herald health check failed");
        this.health = new HeraldHealth(endpoint);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        HeraldHealth.Reading reading = health.read();
        (reading.up() ? builder.up() : builder.down()).withDetails(reading.details());
    }
}
