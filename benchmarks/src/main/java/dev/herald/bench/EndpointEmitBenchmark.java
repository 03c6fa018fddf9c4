package dev.herald.bench;

import dev.herald.micrometer.HeraldMetrics;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.ws.EventWebSocketServer;
import dev.herald.seed.fs.FsCreated;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code EventBus.emit} with an events endpoint forwarding the bus (encode once, number, keep for
 * resuming), with {@code herald-micrometer}'s meters bound or not, in the same run: what metrics
 * cost the emitting thread. Run: {@code java -jar benchmarks/target/benchmarks.jar EndpointEmit
 * -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EndpointEmitBenchmark {
    @Param({"false", "true"})
    boolean meters;

    private final EventBus bus = EventBus.create();
    private final FsCreated event = new FsCreated("asset-123", "/home/user/newfile.txt", false);
    private EventWebSocketServer server;
    private SimpleMeterRegistry registry;

    @Setup(Level.Trial)
    public void setUp() {
        server = EventWebSocketServer.builder(bus)
                .bindAddress(new InetSocketAddress("127.0.0.1", 0))
                .build()
                .start();
        if (meters) {
            registry = new SimpleMeterRegistry();
            new HeraldMetrics(server).publishPercentileHistogram().bindTo(registry);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop(Duration.ofSeconds(1));
        if (registry != null) {
            registry.close();
        }
    }

    @Benchmark
    public void emit() {
        bus.emit(event);
    }
}
