package dev.herald.bench;

import dev.herald.runtime.EventBus;
import dev.herald.seed.fs.FsCreated;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code EventBus.emit} to N in-process listeners. Budget (docs/ARCHITECTURE.md, Budgets): under 50 ns and 0 B
 * per op with one listener. Run: {@code java -jar benchmarks/target/benchmarks.jar Emit -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EmitBenchmark {
    @Param({"1", "10"})
    int listeners;

    private EventBus bus;
    private final FsCreated event = new FsCreated("asset-123", "/home/user/newfile.txt", false);

    @Setup
    public void setUp(Blackhole blackhole) {
        bus = EventBus.create();
        for (int i = 0; i < listeners; i++) {
            bus.on(FsCreated.class, blackhole::consume);
        }
    }

    @Benchmark
    public void emit() {
        bus.emit(event);
    }
}
