package dev.herald.runtime.fanout;

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
}
