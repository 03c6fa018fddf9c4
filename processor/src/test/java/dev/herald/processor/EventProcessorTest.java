package dev.herald.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.herald.processor.Sources.compile;
import static dev.herald.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.herald.runtime.EventCatalog;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.codec.JsonCodec;
import dev.herald.runtime.json.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

class EventProcessorTest {
    private static final JavaFileObject FS_CREATED = source(
            "com.example.fs.FsCreated",
            "package com.example.fs;",
            "import dev.herald.Event;",
            "import dev.herald.EventKey;",
            "/** A file or directory was created. */",
            "@Event(\"fs.created\")",
            "public record FsCreated(@EventKey String assetId, String path, boolean isDir) {}");

    private static final JavaFileObject TUNNEL_STATUS = source(
            "com.example.tunnel.TunnelStatusChanged",
            "package com.example.tunnel;",
            "import dev.herald.Event;",
            "@Event(\"tunnel.statusChanged\")",
            "public record TunnelStatusChanged(String tunnelId, Status status) {",
            "  public enum Status { UP, DOWN }",
            "}");

    /**
     * Past the scale the compile budget is measured at (500, docs/ARCHITECTURE.md, Budgets), so the catalog's list and map are written in parts.
     * With type arguments left to inference, javac computed a least upper bound over every event
     * type in them: minutes, then "inference variable V has incompatible bounds". In one method,
     * 2,000 events overflowed the class initializer ("code too large").
     */
    @Test
    void sevenHundredEventsOfManyShapes_compileIntoOneCatalog_thatListsThemAll() throws Exception {
        String[] shapes = {
            "@EventKey String assetId, long size",
            "java.util.UUID id, java.time.Instant at, java.util.Optional<String> note",
            "String id, java.util.Map<String, Integer> counts, java.util.List<String> tags",
            "@EventKey String key, java.math.BigDecimal amount, boolean done, int[] parts",
        };
        List<JavaFileObject> sources = new ArrayList<>();
        int events = 700;
        for (int i = 0; i < events; i++) {
            String pkg = "com.example.g" + (i % 10);
            sources.add(source(
                    pkg + ".E" + i,
                    "package " + pkg + ";",
                    "import dev.herald.Event;",
                    "import dev.herald.EventKey;",
                    "@Event(\"g" + (i % 10) + ".e" + i + "\")",
                    "public record E" + i + "(" + shapes[i % shapes.length] + ") {}"));
        }

        Compilation compilation = compile(sources.toArray(JavaFileObject[]::new));

        assertThat(compilation).succeededWithoutWarnings();
        String catalog = compilation
                .generatedSourceFile("com.example.Events")
                .orElseThrow()
                .getCharContent(true)
                .toString();
        assertThat(catalog).contains("private static List<EventType<?>> types2()");
        EventCatalog loaded = (EventCatalog) new GeneratedClasses(compilation)
                .loadClass("com.example.Events")
                .getConstructor()
                .newInstance();
        assertThat(loaded.eventTypes()).hasSize(events).doesNotHaveDuplicates();
        assertThat(loaded.codecs()).hasSize(events);
    }

    @Test
    void typesNamedLikeWhatCodecsUse_areWrittenQualified_andTheCodecsWork() throws Exception {
        JavaFileObject[] sources = {
            source(
                    "com.example.names.Scalars",
                    "package com.example.names;",
                    "@dev.herald.Event(\"names.scalars\")",
                    "public record Scalars(String id, java.util.Optional<String> note, JsonReader reader,",
                    "    java.util.List<Node> nodes, com.example.other.Leaf other, com.example.other.Optional maybe,",
                    "    JsonCodec codec, java.util.Map<String, Node[]> byName) {}"),
            source(
                    "com.example.names.JsonReader",
                    "package com.example.names;",
                    "public record JsonReader(String value) {}"),
            source("com.example.names.JsonCodec", "package com.example.names;", "public record JsonCodec(int n) {}"),
            source("com.example.names.Node", "package com.example.names;", "public record Node(String name) {}"),
            source(
                    "com.example.other.Leaf",
                    "package com.example.other;",
                    "public record Leaf(String label, com.example.names.Node inner) {}"),
            source(
                    "com.example.other.Optional",
                    "package com.example.other;",
                    "public record Optional(boolean present) {}")
        };

        Compilation compilation = compile(sources);

        assertThat(compilation).succeededWithoutWarnings();
        Sources.assertGeneratedCodeIsLintClean(compilation, sources);
        assertThat(compilation
                        .generatedSourceFile("com.example.names.ScalarsJsonCodec")
                        .orElseThrow()
                        .getCharContent(true)
                        .toString())
                .contains("com.example.names.JsonCodec codec = null;")
                .contains("com.example.names.JsonReader reader_ = null;")
                .contains("dev.herald.runtime.json.Scalars.readString(reader)")
                .contains("com.example.other.Optional maybe = null;")
                .contains("other = LeafJsonCodec.INSTANCE.decode(reader)");
        String json = "{\"id\":\"a\",\"note\":\"n\",\"reader\":{\"value\":\"p\"},\"nodes\":[{\"name\":\"x\"}],"
                + "\"other\":{\"label\":\"l\",\"inner\":{\"name\":\"y\"}},\"maybe\":{\"present\":true},"
                + "\"codec\":{\"n\":3},\"byName\":{\"k\":[{\"name\":\"z\"}]}}";
        assertThat(decodeAndEncode(compilation, "com.example.names", "com.example.names.Scalars", json))
                .isEqualTo(json);
    }

    @Test
    void componentsNamedLikeWhatDecodeUses_getLocalsOfTheirOwn_andTheCodecWorks() throws Exception {
        JavaFileObject event = source(
                "com.example.locals.Clash",
                "package com.example.locals;",
                "import java.util.Optional;",
                "@dev.herald.Event(\"locals.clash\")",
                "public record Clash(String NAMES, String value, String writer, String reader, int field,",
                "    long expected, String e, Optional<String> Optional, String Scalars, String CodecSupport,",
                "    java.util.List<String> Containers, String INSTANCE) {}");

        Compilation compilation = compile(event);

        assertThat(compilation).succeededWithoutWarnings();
        Sources.assertGeneratedCodeIsLintClean(compilation, event);
        String json = "{\"NAMES\":\"n\",\"value\":\"v\",\"writer\":\"g\",\"reader\":\"p\",\"field\":3,"
                + "\"expected\":4,\"e\":\"x\",\"Optional\":\"o\",\"Scalars\":\"s\",\"CodecSupport\":\"c\","
                + "\"Containers\":[\"a\",\"b\"],\"INSTANCE\":\"i\"}";
        assertThat(decodeAndEncode(compilation, "com.example.locals", "com.example.locals.Clash", json))
                .isEqualTo(json);
    }

    /** Decodes {@code json} with the generated codec of {@code record}, found through the catalog, and encodes it again. */
    @SuppressWarnings("unchecked")
    private static String decodeAndEncode(Compilation compilation, String catalogPackage, String record, String json)
            throws Exception {
        GeneratedClasses classes = new GeneratedClasses(compilation);
        EventCatalog catalog = (EventCatalog)
                classes.loadClass(catalogPackage + ".Events").getConstructor().newInstance();
        JsonCodec<Object> codec = (JsonCodec<Object>) catalog.codecs().get(classes.loadClass(record));
        EventJson eventJson = EventJson.create(EventRegistry.of(catalog));
        Object decoded = eventJson.decodeValue(codec, json.getBytes(StandardCharsets.UTF_8));
        return new String(eventJson.encodeValue(codec, decoded), StandardCharsets.UTF_8);
    }

    /** Loads the classes a compilation wrote, in memory. */
    private static final class GeneratedClasses extends ClassLoader {
        private final Compilation compilation;

        GeneratedClasses(Compilation compilation) {
            super(EventProcessorTest.class.getClassLoader());
            this.compilation = compilation;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String path = name.replace('.', '/') + ".class";
            for (JavaFileObject file : compilation.generatedFiles()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS
                        && file.toUri().getPath().endsWith("/" + path)) {
                    try (InputStream in = file.openInputStream()) {
                        byte[] bytes = in.readAllBytes();
                        return defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
            }
            throw new ClassNotFoundException(name);
        }
    }

    @Test
    void multiPackageEventSet_generatesCatalogInCommonPackage_codecs_andServicesFile() throws IOException {
        Compilation compilation = compile(FS_CREATED, TUNNEL_STATUS);

        assertThat(compilation).succeededWithoutWarnings();
        Sources.assertGeneratedCodeIsLintClean(compilation, FS_CREATED, TUNNEL_STATUS);
        assertThat(compilation).generatedSourceFile("com.example.fs.FsCreatedJsonCodec");
        assertThat(compilation).generatedSourceFile("com.example.tunnel.TunnelStatusChangedJsonCodec");
        assertThat(compilation).generatedSourceFile("com.example.tunnel.TunnelStatusChanged_StatusJsonCodec");
        String catalog = compilation
                .generatedSourceFile("com.example.Events")
                .orElseThrow()
                .getCharContent(true)
                .toString();
        assertThat(catalog)
                .contains("@Generated(\"dev.herald.processor.EventProcessor\")")
                .contains("public final class Events implements EventCatalog")
                .contains("public static final String FS_CREATED = \"fs.created\";")
                .contains("public static final String TUNNEL_STATUS_CHANGED = \"tunnel.statusChanged\";")
                .contains("public static final EventType<FsCreated> FS_CREATED_TYPE ="
                        + " EventType.of(FS_CREATED, FsCreated.class, \"assetId\", FsCreatedJsonCodec.INSTANCE);")
                .contains(
                        "EventType.of(TUNNEL_STATUS_CHANGED, TunnelStatusChanged.class, null, TunnelStatusChangedJsonCodec.INSTANCE)")
                .contains("* {@code fs.created}: {@link FsCreated}. A file or directory was created.");
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.herald.runtime.EventCatalog")
                .contentsAsUtf8String()
                .isEqualTo("com.example.Events\n");
    }

    @Test
    void catalogOption_namesTheCatalogClass() {
        Compilation compilation = compile(List.of("-Aherald.catalog=com.example.app.AppEvents"), FS_CREATED);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.app.AppEvents");
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.herald.runtime.EventCatalog")
                .contentsAsUtf8String()
                .isEqualTo("com.example.app.AppEvents\n");
    }

    @Test
    void nestedEventRecord_getsUnderscoredCodecName() {
        Compilation compilation = compile(source(
                "com.example.Outer",
                "package com.example;",
                "import dev.herald.Event;",
                "public final class Outer {",
                "  @Event(\"outer.inner\") public record Inner(int count) {}",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.Outer_InnerJsonCodec");
        assertThat(compilation).generatedSourceFile("com.example.Events");
    }

    @Test
    void packagePrivateEventInCatalogPackage_isAccepted() {
        Compilation compilation = compile(source(
                "com.example.Hidden",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b\") record Hidden(String id) {}"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void noEvents_generatesNothing() {
        Compilation compilation =
                compile(source("com.example.Plain", "package com.example;", "public record Plain(int x) {}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedSourceFiles()).isEmpty();
        assertThat(compilation.generatedFiles().stream().map(JavaFileObject::getName))
                .noneMatch(name -> name.contains("META-INF/services"));
    }

    @Test
    void everyTypeOfTheTable_compilesWithoutWarnings() {
        // -processing: javac warns that no processor claims Jackson's @JsonProperty, which is not ours.
        Compilation compilation = compile(
                List.of("-Xlint:-processing"),
                source(
                        "com.example.all.Everything",
                        "package com.example.all;",
                        "import dev.herald.Event;",
                        "import java.math.*;",
                        "import java.time.*;",
                        "import java.util.*;",
                        "@Event(\"all.everything\")",
                        "public record Everything(",
                        "    boolean a, Boolean b, byte c, Byte d, short e, Short f, int g, Integer h, long i, Long j,",
                        "    float k, Float l, double m, Double n, char o, Character p, String q, UUID r,",
                        "    BigDecimal s, BigInteger t, Instant u, OffsetDateTime v, LocalDate w, LocalDateTime x, Duration y,",
                        "    Color z, List<String> aa, Set<Color> bb, Point[] cc, int[] dd, byte[] ee, char[] ff,",
                        "    Map<String, Point> gg, Map<Color, List<Integer>> hh, Optional<Point> ii,",
                        "    List<Map<String, Optional<Point>>> jj, Node kk, long[] ll, double[] mm, float[] nn, short[] oo, boolean[] pp) {",
                        "  public enum Color { RED, @com.fasterxml.jackson.annotation.JsonProperty(\"verde\") GREEN }",
                        "  public record Point(int x, int y) {}",
                        "  public record Node(String name, List<Node> children) {}",
                        "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.all.Everything_NodeJsonCodec");
        assertThat(compilation).generatedSourceFile("com.example.all.Everything_ColorJsonCodec");
    }

    @Test
    void processorPathIsDeclaredAggregatingForGradle() throws IOException {
        try (var in = EventProcessor.class.getResourceAsStream("/META-INF/gradle/incremental.annotation.processors")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo("dev.herald.processor.EventProcessor,aggregating");
        }
    }
}
