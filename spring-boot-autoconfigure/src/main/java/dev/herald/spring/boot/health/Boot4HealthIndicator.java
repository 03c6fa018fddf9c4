package dev.herald.spring.boot.health;

import dev.herald.runtime.fanout.MonitoredEndpoint;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** The {@code herald} health indicator on Spring Boot 4 ({@code org.springframework.boot.health.contributor}). */
public final class Boot4HealthIndicator extends AbstractHealthIndicator {
    private final HeraldHealth health;

    public Boot4HealthIndicator(MonitoredEndpoint endpoint) {
        super("Herald health check failed");
        this.health = new HeraldHealth(endpoint);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        HeraldHealth.Reading reading = health.read();
        (reading.up() ? builder.up() : builder.down()).withDetails(reading.details());
    }
}
