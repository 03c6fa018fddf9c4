package dev.herald.runtime.fanout;

import java.util.Optional;

/**
 * An events endpoint as monitoring sees it, whatever its transport: what a metrics binding (such as
 * {@code herald-micrometer}'s {@code HeraldMetrics}) or a health check reads.
 */
public interface MonitoredEndpoint {
    /** The transport's name, as a metric tag: {@code websocket} (stand-alone), {@code jakarta}. */
    String transport();

    /** Admitted connections now. */
    int connectionCount();

    /** What the endpoint has counted since it started. */
    EndpointCounters counters();

    /** Whether it admits connections: started and not stopped. */
    boolean isRunning();

    /** Where its broker stands, when it has one (several instances). */
    Optional<BrokerHealth> broker();
}
