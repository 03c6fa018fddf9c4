package dev.herald.micrometer;

import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.EndpointCounters;
import dev.herald.runtime.fanout.MonitoredEndpoint;
import dev.herald.runtime.fanout.ResyncCause;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * An events endpoint's counts as Micrometer meters, every one tagged with {@code transport}:
 *
 * <pre>{@code
 * new HeraldMetrics(server).bindTo(registry);   // EventWebSocketServer, EventEndpoint: any MonitoredEndpoint
 * }</pre>
 *
 * <p>The core counts without Micrometer ({@link EndpointCounters}); the meters read those counts
 * when the registry is scraped, so binding adds nothing to the emit or the fan-out but the
 * emit-to-write timer, one sample per event per fan-out lane. The README's Operations section
 * lists every meter with its tags and what to alert on: {@code herald.connections} (gauge), {@code
 * herald.connections.opened}, {@code herald.connections.refused} (tag {@code code}), {@code
 * herald.connections.closed} (tag {@code cause}), {@code herald.events.published}, {@code
 * herald.frames.sent}, {@code herald.bytes.sent}, {@code herald.resyncs} (tag {@code cause}),
 * {@code herald.resumes} (tag {@code outcome}), {@code herald.resume.replayed}, the timer {@code
 * herald.emit.to.write}, and with a broker (tag {@code broker}) {@code herald.broker.up}, {@code
 * herald.broker.lag}, {@code herald.broker.publishes.lost}, {@code herald.broker.gaps}.
 */
public final class HeraldMetrics implements MeterBinder {
    /** The {@code $resync} causes that answer a position that cannot be served. */
    private static final Set<ResyncCause> RESUME_REFUSALS = EnumSet.of(
            ResyncCause.EPOCH, ResyncCause.TRIMMED, ResyncCause.EXPIRED, ResyncCause.REPLAY_CAP, ResyncCause.MALFORMED);

    private static final String RESUMES =
            "Reconnects with a position, by outcome: resumed ($resumed) or why not ($resync)";

    private final MonitoredEndpoint endpoint;
    private final Tags tags;
    /** One timer per registry bound to; the lanes record into each. */
    private final List<Timer> timers = new CopyOnWriteArrayList<>();

    private volatile boolean percentileHistogram;

    public HeraldMetrics(MonitoredEndpoint endpoint) {
        this(endpoint, Tags.empty());
    }

    /** With {@code extraTags} on every meter (an endpoint name, when an application has several). */
    public HeraldMetrics(MonitoredEndpoint endpoint, Iterable<io.micrometer.core.instrument.Tag> extraTags) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.tags = Tags.of(extraTags).and("transport", endpoint.transport());
    }

    /**
     * Publishes a percentiles histogram for {@code herald.emit.to.write} (Prometheus buckets, so
     * that p99 can be computed across instances). Off by default: it adds about 70 time series
     * per registry. Call before {@link #bindTo}. In a Spring Boot application the property {@code
     * management.metrics.distribution.percentiles-histogram.herald.emit.to.write=true} does the
     * same.
     */
    public HeraldMetrics publishPercentileHistogram() {
        this.percentileHistogram = true;
        return this;
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
        Map<String, ToDoubleFunction<EndpointCounters>> closedBy = Map.of(
                "budget", EndpointCounters::closedForBudget,
                "idle", EndpointCounters::closedIdle,
                "protocol", EndpointCounters::closedForProtocol);
        closedBy.forEach((cause, count) -> counter(
                registry,
                "herald.connections.closed",
                "Connections closed by the server, by cause",
                Tags.of("cause", cause),
                count));
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
                    Tags.of("cause", tagValue(cause)),
                    c -> c.resyncs(cause));
        }
        counter(registry, "herald.resumes", RESUMES, Tags.of("outcome", "resumed"), c -> c.resumed());
        for (ResyncCause cause : RESUME_REFUSALS) {
            counter(registry, "herald.resumes", RESUMES, Tags.of("outcome", tagValue(cause)), c -> c.resyncs(cause));
        }
        counter(
                registry,
                "herald.resume.replayed",
                "Events replayed to resuming clients",
                Tags.empty(),
                c -> c.replayed());
        Timer.Builder emitToWrite = Timer.builder("herald.emit.to.write")
                .description("From an emit to its frame handed to the transports of a fan-out lane's connections")
                .tags(tags);
        if (percentileHistogram) {
            emitToWrite.publishPercentileHistogram();
        }
        timers.add(emitToWrite.register(registry));
        counters.recordEmitToWrite(this::recordEmitToWrite);
        endpoint.broker().ifPresent(broker -> bindBroker(registry, broker.name()));
    }

    private void bindBroker(MeterRegistry registry, String name) {
        Tags brokerTags = tags.and("broker", name);
        Gauge.builder(
                        "herald.broker.up",
                        endpoint,
                        e -> e.broker()
                                .map(broker -> broker.streaming() ? 1.0 : 0.0)
                                .orElse(0.0))
                .description("1 while this node reads the broker's stream, 0 during an outage")
                .tags(brokerTags)
                .register(registry);
        Gauge.builder(
                        "herald.broker.lag",
                        endpoint,
                        e -> e.broker()
                                .filter(broker -> broker.lag() >= 0)
                                .map(broker -> (double) broker.lag())
                                .orElse(Double.NaN))
                .description("Entries of the stream this node has not read yet (NaN while it cannot read it)")
                .tags(brokerTags)
                .register(registry);
        FunctionCounter.builder(
                        "herald.broker.publishes.lost",
                        endpoint,
                        e -> e.broker()
                                .map(broker -> (double) broker.publishesLost())
                                .orElse(0.0))
                .description("Events of this node that never reached the broker (the other nodes sent $resync)")
                .tags(brokerTags)
                .register(registry);
        FunctionCounter.builder("herald.broker.gaps", endpoint.counters(), c -> c.brokerGaps())
                .description("Times the broker reported lost events")
                .tags(brokerTags)
                .register(registry);
    }

    private void recordEmitToWrite(long nanos) {
        for (Timer timer : timers) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static String tagValue(ResyncCause cause) {
        return cause.name().toLowerCase(Locale.ROOT);
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
