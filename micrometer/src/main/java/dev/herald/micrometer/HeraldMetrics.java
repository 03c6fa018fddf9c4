package dev.herald.micrometer;

import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.EndpointCounters;
import dev.herald.runtime.fanout.MonitoredEndpoint;
import dev.herald.runtime.fanout.ResyncCause;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * An events endpoint's counts as Micrometer meters, every one tagged with {@code transport}:
 *
 * <pre>{@code
 * new HeraldMetrics(server).bindTo(registry);   // EventWebSocketServer, EventEndpoint: any MonitoredEndpoint
 * }</pre>
 *
 * <p>The core counts without Micrometer ({@link EndpointCounters}); the meters read those counts
 * when the registry is scraped, so binding adds nothing to the emit or the fan-out. Meters:
 * {@code herald.connections} (gauge), {@code herald.connections.opened}, {@code
 * herald.connections.refused} (tag {@code code}), {@code herald.connections.closed} (tag {@code
 * cause}: {@code budget}, {@code idle}), {@code herald.events.published}, {@code
 * herald.frames.sent}, {@code herald.bytes.sent}, {@code herald.resyncs} (tag {@code cause}: {@code
 * budget}, {@code overflow}, {@code broker_gap}, {@code connecting}), {@code herald.broker.gaps}.
 */
public final class HeraldMetrics implements MeterBinder {
    private final MonitoredEndpoint endpoint;
    private final Tags tags;

    public HeraldMetrics(MonitoredEndpoint endpoint) {
        this(endpoint, Tags.empty());
    }

    /** With {@code extraTags} on every meter (an endpoint name, when an application has several). */
    public HeraldMetrics(MonitoredEndpoint endpoint, Iterable<io.micrometer.core.instrument.Tag> extraTags) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.tags = Tags.of(extraTags).and("transport", endpoint.transport());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        EndpointCounters counters = endpoint.counters();
        Gauge.builder("herald.connections", endpoint, MonitoredEndpoint::connectionCount)
                .description("Connections admitted now")
                .tags(tags)
                .register(registry);
        counter(registry, "herald.connections.opened", "Connections admitted", Tags.empty(), c -> c.opened());
        for (int code : refusalCodes()) {
            counter(
                    registry,
                    "herald.connections.refused",
                    "Connections refused, by close code",
                    Tags.of("code", Integer.toString(code)),
                    c -> c.refused(code));
        }
        counter(
                registry,
                "herald.connections.closed",
                "Connections closed by the server",
                Tags.of("cause", "budget"),
                c -> c.closedForBudget());
        counter(
                registry,
                "herald.connections.closed",
                "Connections closed by the server",
                Tags.of("cause", "idle"),
                c -> c.closedIdle());
        counter(
                registry,
                "herald.events.published",
                "Events handed to the fan-out",
                Tags.empty(),
                c -> c.eventsPublished());
        counter(registry, "herald.frames.sent", "Frames handed to the transport", Tags.empty(), c -> c.framesSent());
        FunctionCounter.builder("herald.bytes.sent", counters, c -> c.bytesSent())
                .description("Bytes handed to the transport")
                .baseUnit("bytes")
                .tags(tags)
                .register(registry);
        for (ResyncCause cause : ResyncCause.values()) {
            counter(
                    registry,
                    "herald.resyncs",
                    "$resync frames sent, by what the client missed events for",
                    Tags.of("cause", cause.name().toLowerCase(Locale.ROOT)),
                    c -> c.resyncs(cause));
        }
        counter(
                registry,
                "herald.resumes",
                "Reconnects that resumed from their position ($resumed) instead of re-fetching",
                Tags.empty(),
                c -> c.resumed());
        counter(
                registry,
                "herald.resume.replayed",
                "Events replayed to resuming clients",
                Tags.empty(),
                c -> c.replayed());
        counter(
                registry,
                "herald.broker.gaps",
                "Times the broker reported lost events",
                Tags.empty(),
                c -> c.brokerGaps());
    }

    private void counter(
            MeterRegistry registry,
            String name,
            String description,
            Tags more,
            ToDoubleFunction<EndpointCounters> count) {
        FunctionCounter.builder(name, endpoint.counters(), count)
                .description(description)
                .tags(tags.and(more))
                .register(registry);
    }

    /** The codes a connection is refused with: the final ones and those that say "not now". */
    private static TreeSet<Integer> refusalCodes() {
        TreeSet<Integer> codes = new TreeSet<>();
        for (Disconnect disconnect : Disconnect.ALL) {
            if (!disconnect.reconnect()
                    || disconnect.equals(Disconnect.TOO_MANY_CONNECTIONS)
                    || disconnect.equals(Disconnect.SERVICE_RESTART)) {
                codes.add(disconnect.code());
            }
        }
        return codes;
    }
}
