package dev.herald.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.herald.processor.Sources.compile;
import static dev.herald.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.herald.asyncapi.AsyncApiGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code META-INF/herald/asyncapi.json} from a real javac run; the Node tests parse and validate it. */
class AsyncApiOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final JavaFileObject SHAPES = source(
            "com.example.Shapes",
            "package com.example;",
            "import com.fasterxml.jackson.annotation.JsonIgnore;",
            "import com.fasterxml.jackson.annotation.JsonProperty;",
            "import dev.herald.Event;",
            "import dev.herald.EventKey;",
            "import java.time.Instant;",
            "import java.util.*;",
            "public final class Shapes {",
            "  public enum Level { LOW, @JsonProperty(\"hi | gh\") HIGH }",
            "  /** A tree. */",
            "  public record Node(String label, List<Node> children) {}",
            "  /**",
            "   * Something happened.",
            "   *",
            "   * @param id Its id.",
            "   */",
            "  @Event(\"x.happened\")",
            "  public record Happened(",
            "      @EventKey @JsonProperty(\"ID\") String id,",
            "      Optional<Instant> at,",
            "      Map<Level, Integer> counts,",
            "      Node root,",
            "      byte[] blob,",
            "      @JsonIgnore String secret) {}",
            "}");

    private static JsonNode document(Compilation compilation) throws IOException {
        return JSON.readTree(compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, AsyncApiGenerator.PATH)
                .orElseThrow()
                .getCharContent(true)
                .toString());
    }

    @Test
    void theDocument_describesTheEndpoint_theEnvelopes_andASchemaPerPayloadType() throws IOException {
        Compilation compilation = compile(SHAPES);

        assertThat(compilation).succeededWithoutWarnings();
        JsonNode doc = document(compilation);
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.at("/info/title").asText()).isEqualTo("com.example.Events events");
        assertThat(doc.at("/info/version").asText()).isEqualTo("1.0.0");
        assertThat(doc.at("/channels/events/address").asText()).isEqualTo("/api/events/ws");
        assertThat(doc.at("/channels/events/bindings/ws/query/properties/events/type")
                        .asText())
                .isEqualTo("string");
        assertThat(doc.at("/components/messages/x.happened/payload/properties/event/const")
                        .asText())
                .isEqualTo("x.happened");
        assertThat(doc.at("/components/messages/resync/name").asText()).isEqualTo("$resync");

        JsonNode happened = doc.at("/components/schemas/ShapesHappened");
        assertThat(happened.path("description").asText()).isEqualTo("Something happened.");
        assertThat(happened.path("required").toString()).isEqualTo("[\"ID\",\"at\",\"counts\",\"root\",\"blob\"]");
        assertThat(happened.at("/properties/ID/description").asText()).isEqualTo("Its id.");
        assertThat(happened.at("/properties/at/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(happened.at("/properties/at/format").asText()).isEqualTo("date-time");
        assertThat(happened.at("/properties/counts/propertyNames/$ref").asText())
                .isEqualTo("#/components/schemas/ShapesLevel");
        assertThat(happened.at("/properties/blob/contentEncoding").asText()).isEqualTo("base64");
        assertThat(happened.path("properties").has("secret")).isFalse();
        assertThat(doc.at("/components/schemas/ShapesLevel/enum").toString()).isEqualTo("[\"LOW\",\"hi | gh\"]");
        assertThat(doc.at("/components/schemas/ShapesNode/properties/children/items/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/ShapesNode");
    }

    @Test
    void titleVersionPathAndAnOutputFile_comeFromTheOptions(@TempDir Path folder) throws IOException {
        Path output = folder.resolve("api/asyncapi.json");
        Compilation compilation = compile(
                List.of(
                        "-Aherald.asyncapi.title=Files service",
                        "-Aherald.asyncapi.version=2.3.0",
                        "-Aherald.asyncapi.path=/files/events",
                        "-Aherald.asyncapi.output=" + output),
                SHAPES);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(document(compilation).at("/info/title").asText()).isEqualTo("Files service");
        assertThat(document(compilation).at("/info/version").asText()).isEqualTo("2.3.0");
        assertThat(document(compilation).at("/channels/events/address").asText())
                .isEqualTo("/files/events");
        assertThat(JSON.readTree(Files.readString(output))).isEqualTo(document(compilation));
    }

    @Test
    void aRelativeOutputFile_isAnError() {
        assertThat(compile(List.of("-Aherald.asyncapi.output=target/asyncapi.json"), SHAPES))
                .hadErrorContaining(
                        "Option -Aherald.asyncapi.output=target/asyncapi.json is invalid: it must be absolute");
    }
}
