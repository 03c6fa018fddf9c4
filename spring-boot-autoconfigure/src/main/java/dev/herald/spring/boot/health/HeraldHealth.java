package dev.herald.spring.boot.health;

import dev.herald.runtime.fanout.BrokerHealth;
import dev.herald.runtime.fanout.MonitoredEndpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@code herald} health indicator reports, apart from Actuator's types (Boot 3.5 and
 * Boot 4 name them differently): up while the endpoint admits connections and, with a broker,
 * while this node reads the broker's stream. A broker outage is down, not hidden: clients of this
 * node still get its own events, but no other node's, and the other nodes' clients get {@code
 * $resync} for what this node could not publish.
 */
public final class HeraldHealth {
    private final MonitoredEndpoint endpoint;

    public HeraldHealth(MonitoredEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /** One reading: whether it is up, and the details to show with it. */
    public Reading read() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean running = endpoint.isRunning();
        details.put("transport", endpoint.transport());
        details.put("running", running);
        details.put("connections", endpoint.connectionCount());
        Optional<BrokerHealth> broker = endpoint.broker();
        boolean brokerUp = true;
        if (broker.isPresent()) {
            BrokerHealth health = broker.get();
            brokerUp = health.streaming();
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("name", health.name());
            about.put("reading", health.streaming());
            if (health.problem() != null) {
                about.put("problem", health.problem());
            }
            if (health.lag() >= 0) {
                about.put("lag", health.lag());
            }
            about.put("publishesLost", health.publishesLost());
            details.put("broker", about);
        }
        return new Reading(running && brokerUp, details);
    }

    /** A health reading: {@code up} or down, with details. */
    public record Reading(boolean up, Map<String, Object> details) {}
}
