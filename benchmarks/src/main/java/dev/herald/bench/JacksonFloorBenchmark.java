package dev.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.it.ReferenceMapper;
import dev.herald.seed.fs.FsCreated;
import dev.herald.seed.task.TaskProgress;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * The least a decoder that parses with Jackson can cost: {@link CodecBenchmark}'s two small records
 * read from the same bytes by hand-written code that does only what it must (fields matched in
 * order as raw bytes, each value read with one call, no checks, no error paths), on a parser reused
 * document after document as Herald's is. It shows how close the generated codecs are to their
 * parser, and how far Jackson's parser is from avaje-jsonb's own. Run beside the codecs: {@code
 * java -jar benchmarks/target/benchmarks.jar 'CodecBenchmark.(codec|codec3|avaje)Decode|JacksonFloor'}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JacksonFloorBenchmark {
    private static final com.fasterxml.jackson.core.io.SerializedString ASSET_ID = jackson2("AssetID");
    private static final com.fasterxml.jackson.core.io.SerializedString PATH = jackson2("Path");
    private static final com.fasterxml.jackson.core.io.SerializedString IS_DIR = jackson2("IsDir");
    private static final com.fasterxml.jackson.core.io.SerializedString TASK_ID = jackson2("TaskID");
    private static final com.fasterxml.jackson.core.io.SerializedString TOTAL = jackson2("Total");
    private static final com.fasterxml.jackson.core.io.SerializedString DONE = jackson2("Done");
    private static final com.fasterxml.jackson.core.io.SerializedString UNIT = jackson2("Unit");
    private static final com.fasterxml.jackson.core.io.SerializedString NOTE = jackson2("Note");

    private static final tools.jackson.core.io.SerializedString ASSET_ID_3 = jackson3("AssetID");
    private static final tools.jackson.core.io.SerializedString PATH_3 = jackson3("Path");
    private static final tools.jackson.core.io.SerializedString IS_DIR_3 = jackson3("IsDir");
    private static final tools.jackson.core.io.SerializedString TASK_ID_3 = jackson3("TaskID");
    private static final tools.jackson.core.io.SerializedString TOTAL_3 = jackson3("Total");
    private static final tools.jackson.core.io.SerializedString DONE_3 = jackson3("Done");
    private static final tools.jackson.core.io.SerializedString UNIT_3 = jackson3("Unit");
    private static final tools.jackson.core.io.SerializedString NOTE_3 = jackson3("Note");

    @Param({"fs.created", "task.progress"})
    String event;

    private byte[] json;
    private final Feed feed = new Feed();
    private com.fasterxml.jackson.core.JsonParser jackson2;
    private tools.jackson.core.JsonParser jackson3;

    private static com.fasterxml.jackson.core.io.SerializedString jackson2(String name) {
        return new com.fasterxml.jackson.core.io.SerializedString(name);
    }

    private static tools.jackson.core.io.SerializedString jackson3(String name) {
        return new tools.jackson.core.io.SerializedString(name);
    }

    @Setup
    public void setUp() throws IOException {
        // The same values and bytes as CodecBenchmark's.
        Record value = switch (event) {
            case "fs.created" -> new FsCreated("asset-123", "/home/user/newfile.txt", false);
            case "task.progress" -> new TaskProgress("task-42", 1_048_576, 524_288, "bytes", Optional.of("uploading"));
            default -> throw new IllegalArgumentException(event);
        };
        ObjectMapper mapper = ReferenceMapper.create();
        json = mapper.writeValueAsBytes(value);
        jackson2 = new com.fasterxml.jackson.core.JsonFactory().createParser(feed);
        jackson3 = new tools.jackson.core.json.JsonFactory().createParser(ObjectReadContext.empty(), feed);
        if (!value.equals(floor2Decode()) || !value.equals(floor3Decode())) {
            throw new IllegalStateException("the hand-written decoders do not read back " + event);
        }
    }

    @Benchmark
    public Record floor2Decode() throws IOException {
        feed.next(json);
        com.fasterxml.jackson.core.JsonParser parser = jackson2;
        parser.nextToken();
        if (event.equals("fs.created")) {
            parser.nextFieldName(ASSET_ID);
            String assetId = parser.nextTextValue();
            parser.nextFieldName(PATH);
            String path = parser.nextTextValue();
            parser.nextFieldName(IS_DIR);
            boolean isDir = parser.nextBooleanValue();
            parser.nextToken();
            return new FsCreated(assetId, path, isDir);
        }
        parser.nextFieldName(TASK_ID);
        String taskId = parser.nextTextValue();
        parser.nextFieldName(TOTAL);
        long total = parser.nextLongValue(0);
        parser.nextFieldName(DONE);
        long done = parser.nextLongValue(0);
        parser.nextFieldName(UNIT);
        String unit = parser.nextTextValue();
        parser.nextFieldName(NOTE);
        Optional<String> note = Optional.ofNullable(parser.nextTextValue());
        parser.nextToken();
        return new TaskProgress(taskId, total, done, unit, note);
    }

    @Benchmark
    public Record floor3Decode() {
        feed.next(json);
        tools.jackson.core.JsonParser parser = jackson3;
        parser.nextToken();
        if (event.equals("fs.created")) {
            parser.nextName(ASSET_ID_3);
            String assetId = parser.nextStringValue();
            parser.nextName(PATH_3);
            String path = parser.nextStringValue();
            parser.nextName(IS_DIR_3);
            boolean isDir = parser.nextBooleanValue();
            parser.nextToken();
            return new FsCreated(assetId, path, isDir);
        }
        parser.nextName(TASK_ID_3);
        String taskId = parser.nextStringValue();
        parser.nextName(TOTAL_3);
        long total = parser.nextLongValue(0);
        parser.nextName(DONE_3);
        long done = parser.nextLongValue(0);
        parser.nextName(UNIT_3);
        String unit = parser.nextStringValue();
        parser.nextName(NOTE_3);
        Optional<String> note = Optional.ofNullable(parser.nextStringValue());
        parser.nextToken();
        return new TaskProgress(taskId, total, done, unit, note);
    }

    /** Hands the parsers one whole document when they ask for bytes, then the next one. */
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
