package dev.herald.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.herald.processor.Sources.compile;
import static dev.herald.processor.Sources.source;

import com.google.testing.compile.Compilation;
import dev.herald.processor.diagnostics.HeraldMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every misuse of a declaration is an error on the offending element, with what to do. */
class ValidationTest {
    @Test
    void moreEventsThanOneCatalogHolds_isOneErrorOnTheFirstEventPastTheLimit() {
        List<JavaFileObject> files = new ArrayList<>();
        for (int i = 0; i <= 3000; i++) {
            String name = String.format(Locale.ROOT, "E%04d", i);
            files.add(source(
                    "com.example." + name,
                    "package com.example;",
                    "import dev.herald.Event;",
                    "@Event(\"many.e" + i + "\")",
                    "public record " + name + "(String id) {}"));
        }
        Compilation compilation = compile(files.toArray(JavaFileObject[]::new));

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.CATALOG_TOO_LARGE, 3001, 3000))
                .inFile(files.get(3000))
                .onLineContaining("@Event");
    }

    @Test
    void eventOnAClass_isAnErrorOnTheClass() {
        JavaFileObject file = source(
                "com.example.NotRecord",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b\")",
                "public class NotRecord {}");
        Compilation compilation = compile(file);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.EVENT_NOT_RECORD, "NotRecord", "class"))
                .inFile(file)
                .onLineContaining("public class NotRecord");
    }

    @Test
    void genericRecord_isAnError() {
        JavaFileObject file = source(
                "com.example.Gen",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b\")",
                "public record Gen<T>(T value) {}");
        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.EVENT_GENERIC, "Gen"))
                .inFile(file)
                .onLineContaining("public record Gen<T>");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void privateNestedRecord_isAnError() {
        JavaFileObject file = source(
                "com.example.Outer",
                "package com.example;",
                "import dev.herald.Event;",
                "public class Outer {",
                "  @Event(\"a.b\")",
                "  private record Hidden(String id) {}",
                "}");
        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.EVENT_PRIVATE, "Hidden"))
                .inFile(file)
                .onLineContaining("private record Hidden");
    }

    @Test
    void recordNestedInPrivateClass_isAnError() {
        JavaFileObject file = source(
                "com.example.Outer",
                "package com.example;",
                "import dev.herald.Event;",
                "public class Outer {",
                "  private static class Secret {",
                "    @Event(\"a.b\")",
                "    record Inside(String id) {}",
                "  }",
                "}");
        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(message(
                        HeraldMessage.EVENT_ENCLOSING_PRIVATE, "com.example.Outer.Secret.Inside", "Secret", "Secret"))
                .inFile(file)
                .onLineContaining("record Inside");
    }

    @Test
    void invalidNames_areErrorsOnTheName() {
        for (String[] bad : List.of(
                new String[] {"nodot", "it has no dot"},
                new String[] {"", "it is empty"},
                new String[] {"fs..created", "it has an empty segment"},
                new String[] {"fs.1created", "segment \"1created\" must start with a letter"},
                new String[] {"fs.cre ated", "segment \"cre ated\""},
                new String[] {"fs.", "it has an empty segment"})) {
            JavaFileObject file = source(
                    "com.example.Bad",
                    "package com.example;",
                    "import dev.herald.Event;",
                    "@Event(\"" + bad[0] + "\")",
                    "public record Bad(String id) {}");
            Compilation compilation = compile(file);

            assertThat(compilation)
                    .hadErrorContaining(message(HeraldMessage.EVENT_NAME_INVALID, bad[0]) + bad[1])
                    .inFile(file)
                    .onLineContaining("@Event(");
        }
    }

    @Test
    void reservedName_isAnError() {
        JavaFileObject file = source(
                "com.example.Resync",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"$resync.now\")",
                "public record Resync(String id) {}");
        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.EVENT_NAME_RESERVED, "$resync.now"))
                .inFile(file)
                .onLineContaining("@Event(\"$resync.now\")");
    }

    @Test
    void duplicateName_isAnErrorOnBothRecords_namingBoth() {
        JavaFileObject first = source(
                "com.example.First",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b\")",
                "public record First(String id) {}");
        JavaFileObject second = source(
                "com.example.Second",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b\")",
                "public record Second(String id) {}");
        Compilation compilation = compile(first, second);

        String message = message(HeraldMessage.EVENT_NAME_DUPLICATE, "a.b", "com.example.First", "com.example.Second");
        assertThat(compilation).hadErrorContaining(message).inFile(first).onLineContaining("@Event(\"a.b\")");
        assertThat(compilation).hadErrorContaining(message).inFile(second).onLineContaining("@Event(\"a.b\")");
    }

    @Test
    void collidingConstants_areAnError() {
        JavaFileObject dash = source(
                "com.example.Dash",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b-c\")",
                "public record Dash(String id) {}");
        JavaFileObject underscore = source(
                "com.example.Under",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b_c\")",
                "public record Under(String id) {}");
        Compilation compilation = compile(dash, underscore);

        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.CONSTANT_COLLISION, "a.b-c", "a.b_c", "A_B_C"))
                .inFile(underscore)
                .onLineContaining("@Event(\"a.b_c\")");
        assertThat(compilation)
                .hadErrorContaining("both give the constant A_B_C")
                .inFile(dash);
    }

    @Test
    void constantCollidingWithAnotherEventsTypeConstant_isAnError() {
        JavaFileObject plain = source(
                "com.example.Plain",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b\")",
                "public record Plain(String id) {}");
        JavaFileObject typed = source(
                "com.example.Typed",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b.type\")",
                "public record Typed(String id) {}");
        Compilation compilation = compile(plain, typed);

        assertThat(compilation)
                .hadErrorContaining("both give the constant A_B_TYPE")
                .inFile(typed);
    }

    @Test
    void unsupportedComponentType_isAnErrorOnTheComponent_namingComponentAndType() {
        JavaFileObject file = source(
                "com.example.Bad",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b\")",
                "public record Bad(",
                "    String id,",
                "    java.io.File file) {}");
        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.COMPONENT_TYPE_UNSUPPORTED, "file", "Bad", "java.io.File"))
                .inFile(file)
                .onLineContaining("java.io.File file");
        assertThat(compilation).hadErrorContaining("Supported: boolean");
    }

    @Test
    void unsupportedTypes_eachGetTheirReason() {
        String[][] cases = {
            {"java.util.Map<Integer, String> m", "map keys must be String or an enum"},
            {"java.util.List<Object> m", "unsupported type java.lang.Object"},
            {"java.util.List m", "raw collection types have no element type"},
            {"java.util.List<? extends Number> m", "wildcards have no fixed JSON form"},
            {"java.util.List<String>[] m", "arrays of generic types cannot be created"},
            {"java.util.Optional<java.util.Optional<String>> m", "an Optional inside an Optional"},
            {"Page<String> m", "generic records have no fixed JSON form"},
            {"java.util.Date m", "unsupported type java.util.Date"},
            {"Runnable m", "unsupported type java.lang.Runnable"},
            {"java.util.Map<String, Thread> m", "unsupported type java.lang.Thread"},
        };
        for (String[] c : cases) {
            JavaFileObject file = source(
                    "com.example.Bad",
                    "package com.example;",
                    "import dev.herald.Event;",
                    "@Event(\"a.b\")",
                    "public record Bad(String id,",
                    "    " + c[0] + ") {",
                    "  public record Page<T>(java.util.List<T> items) {}",
                    "}");
            Compilation compilation = compile(file);

            assertThat(compilation).hadErrorContaining(c[1]).inFile(file).onLineContaining(c[0]);
        }
    }

    @Test
    void unsupportedTypeInNestedPayloadRecord_isAnErrorOnThatComponent() {
        JavaFileObject file = source(
                "com.example.Outer",
                "package com.example;",
                "import dev.herald.Event;",
                "public class Outer {",
                "  @Event(\"a.b\") public record Evt(String id, Payload payload) {}",
                "  public record Payload(",
                "      Thread thread) {}",
                "}");
        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(
                        message(HeraldMessage.COMPONENT_TYPE_UNSUPPORTED, "thread", "Payload", "java.lang.Thread"))
                .inFile(file)
                .onLineContaining("Thread thread");
    }

    @Test
    void twoEventKeys_isAnErrorOnTheSecond() {
        JavaFileObject file = source(
                "com.example.Keys",
                "package com.example;",
                "import dev.herald.Event;",
                "import dev.herald.EventKey;",
                "@Event(\"a.b\")",
                "public record Keys(",
                "    @EventKey String first,",
                "    @EventKey String second) {}");
        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.EVENT_KEY_DUPLICATE, "Keys", "first", "second"))
                .inFile(file)
                .onLineContaining("@EventKey String second");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void eventKeyOnAList_isAnError() {
        JavaFileObject file = source(
                "com.example.Keys",
                "package com.example;",
                "import dev.herald.Event;",
                "import dev.herald.EventKey;",
                "@Event(\"a.b\")",
                "public record Keys(",
                "    @EventKey java.util.List<String> ids) {}");
        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.EVENT_KEY_TYPE, "ids", "java.util.List<java.lang.String>"))
                .inFile(file)
                .onLineContaining("@EventKey java.util.List<String> ids");
    }

    @Test
    void twoPayloadTypesWithOneTypeScriptName_isAnError() {
        JavaFileObject a = source("com.example.a.Point", "package com.example.a;", "public record Point(int x) {}");
        JavaFileObject b = source("com.example.b.Point", "package com.example.b;", "public record Point(int y) {}");
        JavaFileObject event = source(
                "com.example.Moved",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.moved\")",
                "public record Moved(com.example.a.Point from, com.example.b.Point to) {}");
        Compilation compilation = compile(a, b, event);

        assertThat(compilation)
                .hadErrorContaining(
                        message(HeraldMessage.TS_NAME_COLLISION, "com.example.a.Point", "com.example.b.Point", "Point"))
                .inFile(b)
                .onLineContaining("public record Point");
    }

    @Test
    void eventsWithoutCommonPackage_needTheCatalogOption() {
        JavaFileObject a = source(
                "alpha.A",
                "package alpha;",
                "import dev.herald.Event;",
                "@Event(\"a.one\")",
                "public record A(String id) {}");
        JavaFileObject b = source(
                "beta.B",
                "package beta;",
                "import dev.herald.Event;",
                "@Event(\"b.two\")",
                "public record B(String id) {}");

        assertThat(compile(a, b))
                .hadErrorContaining(message(HeraldMessage.CATALOG_NO_PACKAGE, "alpha, beta"))
                .inFile(a);
        assertThat(compile(List.of("-Aherald.catalog=app.AppEvents"), a, b)).succeededWithoutWarnings();
    }

    @Test
    void packagePrivateEventOutsideCatalogPackage_isAnError() {
        JavaFileObject file = source(
                "com.example.inner.Hidden",
                "package com.example.inner;",
                "import dev.herald.Event;",
                "@Event(\"a.b\")",
                "record Hidden(String id) {}");
        Compilation compilation = compile(List.of("-Aherald.catalog=com.example.Events"), file);

        assertThat(compilation)
                .hadErrorContaining(
                        message(HeraldMessage.TYPE_NOT_ACCESSIBLE, "com.example.inner.Hidden", "com.example.Events"))
                .inFile(file)
                .onLineContaining("record Hidden");
    }

    /** A valid event, for the tests of bad options. */
    private static final JavaFileObject OK_EVENT = source(
            "com.example.Ok",
            "package com.example;",
            "import dev.herald.Event;",
            "@Event(\"a.b\")",
            "public record Ok(String id) {}");

    @Test
    void relativeTypeScriptOutputDir_isAnErrorSayingWhy() {
        Compilation compilation = compile(List.of("-Aherald.ts.outputDir=web/src/generated"), OK_EVENT);

        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.OPTION_INVALID, "herald.ts.outputDir", "web/src/generated")
                        + "it must be absolute");
    }

    @Test
    void tanstackWithoutReact_isAnError_becauseEventQueryBuildsOnTheHooks() {
        assertThat(compile(List.of("-Aherald.ts.tanstack=true", "-Aherald.ts.react=false"), OK_EVENT))
                .hadErrorContaining(message(HeraldMessage.OPTION_INVALID, "herald.ts.tanstack", "true")
                        + "event_query.ts builds on event_hooks.ts");
    }

    @Test
    void invalidCatalogOption_isAnError() {
        assertThat(compile(List.of("-Aherald.catalog=com.example.1Bad"), OK_EVENT))
                .hadErrorContaining(message(HeraldMessage.OPTION_INVALID, "herald.catalog", "com.example.1Bad"));
    }

    @Test
    void duplicateJsonNames_areAnError() {
        JavaFileObject file = source(
                "com.example.Dup",
                "package com.example;",
                "import dev.herald.Event;",
                "import com.fasterxml.jackson.annotation.JsonProperty;",
                "@Event(\"a.b\")",
                "public record Dup(@JsonProperty(\"id\") String first,",
                "    String id) {}");
        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.COMPONENT_JSON_NAME_DUPLICATE, "first", "id", "Dup", "id"))
                .inFile(file)
                .onLineContaining("String id)");
    }

    @Test
    void oneBadRecord_doesNotHideErrorsInOthers_andNothingCrashes() {
        JavaFileObject first = source(
                "com.example.First",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"bad\")",
                "public record First(String id) {}");
        JavaFileObject second = source(
                "com.example.Second",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b\")",
                "public class Second {}");
        JavaFileObject third = source(
                "com.example.Third",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.c\")",
                "public record Third(Object o) {}");
        Compilation compilation = compile(first, second, third);

        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.EVENT_NAME_INVALID, "bad"))
                .inFile(first);
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.EVENT_NOT_RECORD, "Second"))
                .inFile(second);
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.COMPONENT_TYPE_UNSUPPORTED, "o", "Third"))
                .inFile(third);
    }

    @Test
    void missingType_isReportedNamingIt() {
        JavaFileObject file = source(
                "com.example.Missing",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"a.b\")",
                "public record Missing(DoesNotExist thing) {}");
        Compilation compilation = compile(file);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("DoesNotExist");
    }

    @Test
    void jacksonAnnotationsHeraldDoesNotApply_areErrorsOnTheirElements() {
        JavaFileObject file = source(
                "com.example.Shaped",
                "package com.example;",
                "import com.fasterxml.jackson.annotation.*;",
                "import dev.herald.Event;",
                "public final class Shaped {",
                "  @Event(\"j.format\") public record Fmt(",
                "      @JsonFormat(pattern = \"yyyy/MM/dd\") java.time.LocalDate day,",
                "      @JsonFormat(shape = JsonFormat.Shape.STRING) long count) {}",
                "  @Event(\"j.include\") @JsonInclude(JsonInclude.Include.NON_NULL)",
                "  public record Inc(String a) {}",
                "  @Event(\"j.unwrapped\") public record Unw(",
                "      @JsonUnwrapped Inner inner) {}",
                "  public record Inner(String x) {}",
                "  @Event(\"j.order\") @JsonPropertyOrder({\"b\", \"a\"})",
                "  public record Ord(String a, String b) {}",
                "  @Event(\"j.ignored\") @JsonIgnoreProperties({\"b\", \"other\"})",
                "  public record Ign(String a, String b) {}",
                "}");
        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(6);
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.JACKSON_NOT_APPLIED, "Component day of Fmt", "JsonFormat"))
                .inFile(file)
                .onLineContaining("@JsonFormat(pattern");
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.JACKSON_NOT_APPLIED, "Component count of Fmt", "JsonFormat"))
                .inFile(file)
                .onLineContaining("long count");
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.JACKSON_NOT_APPLIED, "Record Inc", "JsonInclude"))
                .inFile(file)
                .onLineContaining("@JsonInclude(");
        assertThat(compilation)
                .hadErrorContaining(
                        message(HeraldMessage.JACKSON_NOT_APPLIED, "Component inner of Unw", "JsonUnwrapped"))
                .inFile(file)
                .onLineContaining("@JsonUnwrapped");
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.JACKSON_ORDER, "Ord", "b, a", "a, b"))
                .inFile(file)
                .onLineContaining("@JsonPropertyOrder(");
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.JACKSON_IGNORED_PROPERTIES, "Ign", "b"))
                .inFile(file)
                .onLineContaining("@JsonIgnoreProperties(");
    }

    @Test
    void gettersJacksonWouldWrite_areErrors_unlessIgnoredOrNoGetters() {
        JavaFileObject file = source(
                "com.example.Derived",
                "package com.example;",
                "import com.fasterxml.jackson.annotation.*;",
                "@dev.herald.Event(\"j.derived\")",
                "public record Derived(String a, String b) {",
                "  public String getUpper() { return a.toUpperCase(); }",
                "  public Boolean isShort() { return a.length() < 3; }",
                "  @JsonProperty(\"total\") public int sum() { return 1; }",
                "  @JsonIgnore public boolean isEmpty() { return a.isEmpty(); }",
                "  public String getB() { return b; }",
                "  public String upper() { return a.toUpperCase(); }",
                "  String getHidden() { return a; }",
                "  public static String getShared() { return \"\"; }",
                "  public String getWith(int i) { return a; }",
                "}");
        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.JACKSON_GETTER, "Derived", "getUpper", "upper"))
                .inFile(file)
                .onLineContaining("getUpper()");
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.JACKSON_GETTER, "Derived", "isShort", "short"))
                .inFile(file)
                .onLineContaining("isShort()");
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.JACKSON_GETTER, "Derived", "sum", "total"))
                .inFile(file)
                .onLineContaining("sum()");
    }

    @Test
    void anEnumWithJsonValue_isAnError_thatPointsToJsonPropertyOnEachConstant() {
        JavaFileObject file = source(
                "com.example.Leveled",
                "package com.example;",
                "@dev.herald.Event(\"j.leveled\")",
                "public record Leveled(java.util.Map<Leveled.Level, String> byLevel) {",
                "  public enum Level {",
                "    LOW;",
                "    @com.fasterxml.jackson.annotation.JsonValue public String code() { return \"lo\"; }",
                "  }",
                "}");
        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.JACKSON_ENUM_VALUE, "Level", "JsonValue", "code"))
                .inFile(file)
                .onLineContaining("public String code()");
    }

    @Test
    void jacksonSettingsThatWriteWhatHeraldWrites_pass() {
        JavaFileObject file = source(
                "com.example.Agreeing",
                "package com.example;",
                "import com.fasterxml.jackson.annotation.*;",
                "public final class Agreeing {",
                "  @dev.herald.Event(\"j.always\") @JsonInclude(JsonInclude.Include.ALWAYS)",
                "  @JsonIgnoreProperties(value = {\"gone\"}, ignoreUnknown = true)",
                "  public record Always(String a, @JsonIgnore String gone) {}",
                "  @dev.herald.Event(\"j.ordered\") @JsonPropertyOrder({\"a\"})",
                "  public record Ordered(String a, String b) {}",
                "  @dev.herald.Event(\"j.alphabetic\") @JsonPropertyOrder(alphabetic = true)",
                "  public record Alphabetic(String a, String b) {}",
                "  @dev.herald.Event(\"j.strings\") public record Strings(",
                "      @JsonFormat(shape = JsonFormat.Shape.STRING) java.math.BigDecimal amount,",
                "      @JsonFormat(shape = JsonFormat.Shape.STRING) Level level) {}",
                "  @JsonFormat(shape = JsonFormat.Shape.STRING) public enum Level { LOW }",
                "  @dev.herald.Event(\"j.renamed\")",
                "  public record Renamed(String a, @JsonPropertyDescription(\"the b\") String b) {",
                "    @Override @JsonGetter(\"A\") public String a() { return a; }",
                "  }",
                "}");
        Compilation compilation = compile(file);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.example.Agreeing_RenamedJsonCodec")
                .contentsAsUtf8String()
                .contains("FieldName.of(\"A\")");
    }

    @Test
    void aClassWhereTheCatalogWouldGo_isAnErrorOnThatClass_andTheCatalogOptionMovesIt() {
        JavaFileObject events = source(
                "com.example.Events", "package com.example;", "public final class Events { private Events() {} }");
        JavaFileObject event = source(
                "com.example.Made",
                "package com.example;",
                "@dev.herald.Event(\"a.made\")",
                "public record Made(String id) {}");

        Compilation compilation = compile(events, event);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        message(HeraldMessage.CATALOG_NAME_TAKEN, "com.example.Events", "com.example.AppEvents"))
                .inFile(events)
                .onLineContaining("public final class Events");
        assertThat(compile(List.of("-Aherald.catalog=com.example.AppEvents"), events, event))
                .succeededWithoutWarnings();
    }

    @Test
    void twoEnumConstantsWithOneJsonName_isAnErrorOnTheSecond() {
        JavaFileObject file = source(
                "com.example.Flagged",
                "package com.example;",
                "import com.fasterxml.jackson.annotation.JsonProperty;",
                "@dev.herald.Event(\"a.flagged\")",
                "public record Flagged(java.util.List<Flagged.Kind> kinds) {",
                "  public enum Kind {",
                "    @JsonProperty(\"x\") FIRST,",
                "    @JsonProperty(\"x\") SECOND,",
                "    x",
                "  }",
                "}");
        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.ENUM_JSON_NAME_DUPLICATE, "FIRST", "SECOND", "Kind", "x"))
                .inFile(file)
                .onLineContaining("SECOND");
        assertThat(compilation)
                .hadErrorContaining(message(HeraldMessage.ENUM_JSON_NAME_DUPLICATE, "FIRST", "x", "Kind", "x"))
                .inFile(file)
                .onLineContaining("    x");
    }

    @Test
    void concreteCollectionTypes_areErrorsThatNameTheInterfaceToDeclare() {
        JavaFileObject file = source(
                "com.example.Concrete",
                "package com.example;",
                "import java.util.*;",
                "@dev.herald.Event(\"a.concrete\")",
                "public record Concrete(",
                "    ArrayList<String> list,",
                "    SortedSet<String> sorted,",
                "    EnumMap<Concrete.Kind, Integer> byKind) {",
                "  public enum Kind { A }",
                "}");
        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining("declare the component as List<T>")
                .inFile(file)
                .onLineContaining("ArrayList<String> list");
        assertThat(compilation)
                .hadErrorContaining("declare the component as Set<T>")
                .inFile(file)
                .onLineContaining("SortedSet<String> sorted");
        assertThat(compilation)
                .hadErrorContaining("declare the component as Map<K, V>")
                .inFile(file)
                .onLineContaining("EnumMap<Concrete.Kind, Integer> byKind");
    }

    private static final String CUT = "\u0000";

    /**
     * The processor's wording of {@code message} with {@code args}, up to the first argument not
     * given, so that a test can leave out what it does not pin down.
     */
    private static String message(HeraldMessage message, Object... args) {
        Object[] padded = Arrays.copyOf(args, args.length + 8);
        Arrays.fill(padded, args.length, padded.length, CUT);
        String text = message.format(padded);
        int cut = text.indexOf(CUT);
        return cut < 0 ? text : text.substring(0, cut);
    }
}
