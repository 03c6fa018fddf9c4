package dev.herald.it.ws;

import dev.herald.runtime.fanout.ConnectionStats;
import dev.herald.runtime.fanout.EndpointCounters;
import dev.herald.runtime.fanout.MonitoredEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A started endpoint of any transport, and whatever else the test started for it (a container). */
record EndpointHandle(
        int port,
        MonitoredEndpoint monitored,
        Supplier<List<ConnectionStats>> stats,
        Consumer<Duration> stopper,
        Container container)
        implements EndpointBehaviourTest.Endpoint {
    interface Container {
        void stop() throws Exception;
    }

    @Override
    public int connectionCount() {
        return monitored.connectionCount();
    }

    @Override
    public EndpointCounters counters() {
        return monitored.counters();
    }

    @Override
    public List<ConnectionStats> connections() {
        return stats.get();
    }

    @Override
    public void stop(Duration timeout) {
        stopper.accept(timeout);
    }

    @Override
    public void shutDown() throws Exception {
        container.stop();
    }
}
