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
import java.io.InputStream;
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
import tools.jackson.core.ObjectReadContext;
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

    /**
     * Jackson 2's parser alone on the same bytes: every token read, every string and number made,
     * no object built, through a parser reused document after document as Herald's is. No decoder
     * that parses with Jackson 2 can cost less than this.
     */
    @Benchmark
    public long jackson2Tokens(Tokenizers tokenizers) throws IOException {
        tokenizers.feed.next(json);
        com.fasterxml.jackson.core.JsonParser parser = tokenizers.jackson2;
        long sum = 0;
        int depth = 0;
        do {
            switch (parser.nextToken()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> sum += parser.currentName().length();
                case VALUE_STRING -> sum += parser.getText().length();
                case VALUE_NUMBER_INT -> sum += parser.getLongValue();
                case VALUE_NUMBER_FLOAT -> sum += (long) parser.getDoubleValue();
                default -> sum++;
            }
        } while (depth > 0);
        return sum;
    }

    /** {@link #jackson2Tokens} on Jackson 3. */
    @Benchmark
    public long jackson3Tokens(Tokenizers tokenizers) {
        tokenizers.feed.next(json);
        tools.jackson.core.JsonParser parser = tokenizers.jackson3;
        long sum = 0;
        int depth = 0;
        do {
            switch (parser.nextToken()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case PROPERTY_NAME -> sum += parser.currentName().length();
                case VALUE_STRING -> sum += parser.getString().length();
                case VALUE_NUMBER_INT -> sum += parser.getLongValue();
                case VALUE_NUMBER_FLOAT -> sum += (long) parser.getDoubleValue();
                default -> sum++;
            }
        } while (depth > 0);
        return sum;
    }

    /** One thread's parsers for the {@code Tokens} yardsticks, each reading one document after another. */
    @State(Scope.Thread)
    public static class Tokenizers {
        final Feed feed = new Feed();
        com.fasterxml.jackson.core.JsonParser jackson2;
        tools.jackson.core.JsonParser jackson3;

        @Setup
        public void setUp() throws IOException {
            jackson2 = new com.fasterxml.jackson.core.JsonFactory().createParser(feed);
            jackson3 = new tools.jackson.core.json.JsonFactory().createParser(ObjectReadContext.empty(), feed);
        }
    }

    /** Hands a parser one whole document when it asks for bytes, then the next one. */
    static final class Feed extends InputStream {
        private byte[] document = new byte[0];
        private int position;

        void next(byte[] json) {
            document = json;
            position = 0;
        }

        @Override
        public int read() {
            return position < document.length ? document[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position >= document.length) {
                return -1;
            }
            int count = Math.min(length, document.length - position);
            System.arraycopy(document, position, into, offset, count);
            position += count;
            return count;
        }
    }
}
