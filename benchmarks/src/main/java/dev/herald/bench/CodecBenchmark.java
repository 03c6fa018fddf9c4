package dev.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.it.Jackson3ReferenceMapper;
import dev.herald.it.ReferenceMapper;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.codec.JsonCodec;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.json.Jackson;
import dev.herald.seed.fs.FsCreated;
import dev.herald.seed.task.TaskProgress;
import io.avaje.jsonb.JsonType;
import io.avaje.jsonb.Jsonb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated codec (on Jackson 2 and on Jackson 3) vs the reference {@code ObjectMapper} (docs/ARCHITECTURE.md, Type mapping), encode to bytes and
 * decode from bytes, in the same run, with Jackson 3's mapper ({@link Jackson3ReferenceMapper}) and avaje-jsonb's
 * generated adapters ({@link AvajeYardstick}) on the same records and the same bytes as yardsticks. Budget: the
 * codec at 1.5x the mapper's throughput or more. Run: {@code java -jar benchmarks/target/benchmarks.jar Codec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"fs.created", "task.progress", "bench.listing"})
    String event;

    private ObjectMapper mapper;
    private EventJson onJackson2;
    private EventJson onJackson3;

    private JsonMapper mapper3;
    private JsonCodec<Object> codec;
    private JsonType<Object> avaje;
    private Object value;
    private Class<?> type;
    private byte[] json;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws IOException {
        mapper = ReferenceMapper.create();
        EventRegistry registry = EventRegistry.load();
        onJackson2 = EventJson.create(registry, Jackson.V2);
        onJackson3 = EventJson.create(registry, Jackson.V3);
        value = switch (event) {
            case "fs.created" -> new FsCreated("asset-123", "/home/user/newfile.txt", false);
            case "task.progress" -> new TaskProgress("task-42", 1_048_576, 524_288, "bytes", Optional.of("uploading"));
            default -> listing();
        };
        type = value.getClass();
        codec = (JsonCodec<Object>) registry.codecFor(type);
        json = mapper.writeValueAsBytes(value);
        if (!Arrays.equals(json, codecEncode()) || !Arrays.equals(json, codec3Encode())) {
            throw new IllegalStateException("codec and mapper disagree on " + event);
        }
        if (!value.equals(codecDecode()) || !value.equals(codec3Decode())) {
            throw new IllegalStateException("the codec does not read back " + event);
        }
        mapper3 = Jackson3ReferenceMapper.create();
        if (!Arrays.equals(json, mapper3Encode()) || !value.equals(mapper3Decode())) {
            throw new IllegalStateException("Jackson 3 does not read or write " + event + " as Herald does: "
                    + new String(mapper3Encode(), StandardCharsets.UTF_8));
        }
        avaje = (JsonType<Object>) Jsonb.builder().build().type(type);
        if (!value.equals(avajeDecode()) || !value.equals(avaje.fromJson(avajeEncode()))) {
            throw new IllegalStateException("avaje-jsonb does not read or write " + event + " as Herald does");
        }
    }

    private static Listing listing() {
        List<Listing.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(new Listing.Entry(
                    "file-" + i + ".txt",
                    1000L * i,
                    Instant.ofEpochSecond(1_704_508_800L + i),
                    i % 5 == 0,
                    List.of("a", "b")));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("env", "prod");
        labels.put("team", "storage");
        return new Listing("asset-123", "/home/user", entries, labels, Optional.of(new Listing.Owner("u1", "Ada")));
    }

    /** The codec on Jackson 2 as {@code EventJson} runs it: through the thread's reused generator. */
    @Benchmark
    public byte[] codecEncode() {
        return onJackson2.encodeValue(codec, value);
    }

    /** The codec on Jackson 3 as {@code EventJson} runs it. */
    @Benchmark
    public byte[] codec3Encode() {
        return onJackson3.encodeValue(codec, value);
    }

    @Benchmark
    public byte[] mapperEncode() throws IOException {
        return mapper.writeValueAsBytes(value);
    }

    /** The codec on Jackson 2 as {@code EventJson} runs it: through the thread's reused parser. */
    @Benchmark
    public Object codecDecode() {
        return onJackson2.decodeValue(codec, json);
    }

    /** The codec on Jackson 3 as {@code EventJson} runs it. */
    @Benchmark
    public Object codec3Decode() {
        return onJackson3.decodeValue(codec, json);
    }

    @Benchmark
    public Object mapperDecode() throws IOException {
        return mapper.readValue(json, type);
    }

    @Benchmark
    public byte[] mapper3Encode() {
        return mapper3.writeValueAsBytes(value);
    }

    @Benchmark
    public Object mapper3Decode() {
        return mapper3.readValue(json, type);
    }

    @Benchmark
    public byte[] avajeEncode() {
        return avaje.toJsonBytes(value);
    }

    @Benchmark
    public Object avajeDecode() {
        return avaje.fromJson(json);
    }
}
