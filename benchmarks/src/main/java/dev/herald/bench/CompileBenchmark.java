package dev.herald.bench;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
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
 * Compiling N event records with plain javac ({@code -proc:none}) and with the Herald processor
 * (codecs, catalog and TypeScript generated, the codecs compiled too), in process, warm; the
 * cost against avaje-jsonb is CompileCold's (docs/ARCHITECTURE.md, Budgets). Run:
 * {@code java -jar benchmarks/target/benchmarks.jar Compile}.
 *
 * <p>The records cover the type mapping: primitives and boxes, strings, UUID, the java.time types,
 * BigDecimal, enums, nested records, lists, sets, arrays, maps with string and enum keys, Optional,
 * event keys and Javadoc; ten packages, one event group each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class CompileBenchmark {
    private static final int PACKAGES = 10;

    @Param({"500"})
    int events;

    /**
     * {@code javac}: the records alone, {@code -proc:none}. {@code herald}: the records with the
     * processor. {@code handwritten}: the records plus the code the processor generates, as if it had
     * been written by hand, {@code -proc:none}: what compiling the output costs without generating it.
     * {@code avaje}: the same records with avaje-jsonb's {@code @Json} instead of {@code @Event},
     * with its generator: the yardstick.
     */
    @Param({"javac", "herald", "handwritten", "avaje"})
    String compiler;

    private Path work;
    private List<File> sources;
    private JavaCompiler javac;

    @Setup(Level.Trial)
    public void writeSources() throws IOException {
        work = Files.createTempDirectory("herald-compile-bench");
        sources = new ArrayList<>();
        for (String source : writeEventSources(work.resolve("src"), events, compiler.equals("avaje"), false)) {
            sources.add(new File(source));
        }
        javac = ToolProvider.getSystemJavaCompiler();
        if (compiler.equals("handwritten")) {
            Path generated = Files.createDirectories(work.resolve("generated"));
            run(processorOptions(HERALD), Files.createDirectories(work.resolve("classes")), generated);
            try (Stream<Path> files = Files.walk(generated)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toFile()));
            }
        }
    }

    /**
     * Writes the benchmark's sources below {@code root}: per package an enum and a nested record,
     * then {@code events} event records ({@code @Json} instead of {@code @Event} for avaje-jsonb).
     * Returns their paths.
     *
     * @param sevenComponents every record as issue 13 measured: {@code String} x2, {@code boolean},
     *     {@code long}, {@code List<String>}, {@code Map<String, Integer>}, {@code Optional<String>};
     *     otherwise six shapes that cover the type mapping
     */
    static List<String> writeEventSources(Path root, int events, boolean avaje, boolean sevenComponents)
            throws IOException {
        List<String> written = new ArrayList<>();
        for (int p = 0; p < PACKAGES; p++) {
            Path dir = Files.createDirectories(root.resolve("bench/p" + p));
            written.add(write(
                            dir.resolve("Status" + p + ".java"),
                            "package bench.p" + p + ";\n\n" + "public enum Status" + p + " { ACTIVE, PAUSED, DONE }\n")
                    .getPath());
            written.add(write(
                            dir.resolve("Detail" + p + ".java"),
                            "package bench.p" + p + ";\n\n"
                                    + "import java.time.Instant;\nimport java.util.Optional;\n\n"
                                    + "/** A nested payload. */\n"
                                    + "public record Detail" + p
                                    + "(String name, Instant at, Optional<Integer> code) {}\n")
                    .getPath());
        }
        for (int i = 0; i < events; i++) {
            int p = i % PACKAGES;
            String source = eventSource(i, p, sevenComponents);
            if (avaje) { // the same record for avaje-jsonb's generator
                source = source.replace(
                                "import dev.herald.Event;\nimport dev.herald.EventKey;\n",
                                "import io.avaje.jsonb.Json;\n")
                        .replaceAll("@Event\\(\"[^\"]*\"\\)", "@Json")
                        .replace("@EventKey ", "");
            }
            written.add(write(root.resolve("bench/p" + p + "/E" + i + ".java"), source)
                    .getPath());
        }
        return written;
    }

    /** One event record; the component list cycles through six shapes, or is issue 13's seven. */
    private static String eventSource(int i, int p, boolean sevenComponents) {
        String components = sevenComponents
                ? "String id, String path, boolean dir, long size, List<String> tags, Map<String, Integer> counts,"
                        + " Optional<String> note"
                : switch (i % 6) {
                    case 0 -> "@EventKey String assetId, String path, boolean isDir, long size";
                    case 1 -> "@EventKey UUID id, Instant at, Optional<String> note, List<String> tags";
                    case 2 -> "String id, Status" + p + " status, Map<String, Integer> counts, BigDecimal amount";
                    case 3 ->
                        "@EventKey String assetId, Detail" + p + " detail, List<Detail" + p
                                + "> history, Duration took";
                    case 4 -> "int a, double b, Long c, char d, LocalDate day, Set<String> names, String[] parts";
                    default ->
                        "@EventKey String key, Map<Status" + p + ", List<String>> byStatus,"
                                + " OffsetDateTime when, Optional<Detail" + p + "> last";
                };
        return "package bench.p" + p + ";\n\n"
                + "import dev.herald.Event;\nimport dev.herald.EventKey;\n"
                + "import java.math.BigDecimal;\nimport java.time.*;\nimport java.util.*;\n\n"
                + "/** Event number " + i + ". */\n"
                + "@Event(\"g" + p + ".e" + i + "\")\n"
                + "public record E" + i + "(" + components + ") {}\n";
    }

    private static File write(Path file, String source) throws IOException {
        Files.writeString(file, source, StandardCharsets.UTF_8);
        return file.toFile();
    }

    @Benchmark
    public boolean compile() throws IOException {
        Path out = Files.createTempDirectory(work, "out");
        try {
            return run(
                    switch (compiler) {
                        case "herald" -> processorOptions(HERALD);
                        case "avaje" -> processorOptions(AVAJE);
                        default -> List.of("-proc:none");
                    },
                    Files.createDirectories(out.resolve("classes")),
                    Files.createDirectories(out.resolve("generated")));
        } finally {
            delete(out);
        }
    }

    static final String HERALD = "dev.herald.processor.EventProcessor";
    static final String AVAJE = "io.avaje.jsonb.generator.JsonbProcessor";

    /** Runs {@code processor} from this class path. */
    static List<String> processorOptions(String processor) {
        return List.of("-processorpath", System.getProperty("java.class.path"), "-processor", processor);
    }

    private boolean run(List<String> processing, Path classes, Path generated) throws IOException {
        List<String> options = new ArrayList<>(List.of(
                "-classpath",
                System.getProperty("java.class.path"),
                "-sourcepath",
                "",
                "-implicit:none",
                "-d",
                classes.toString(),
                "-s",
                generated.toString()));
        options.addAll(processing);
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromFiles(sources);
            if (!javac.getTask(diagnostics, files, null, options, null, units).call()) {
                throw new IllegalStateException("compilation failed:\n" + diagnostics);
            }
            return true;
        }
    }

    @TearDown(Level.Trial)
    public void deleteSources() throws IOException {
        delete(work);
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
