package dev.herald.ts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** The client runtime files, shipped in this jar, that the processor copies next to the generated ones. */
public final class TsRuntime {
    /** Copied verbatim, under a header. */
    public static final List<String> VERBATIM =
            List.of("lifecycle.ts", "event.ts", "async.ts", "event_client.ts", "event_stream.ts");

    /** The generic hooks, which the processor writes at the top of {@code event_hooks.ts}. */
    public static final String HOOKS_BASE = "event_hooks.ts";

    /** The TanStack Query hooks; the processor appends one hook per event group. */
    public static final String QUERY_BASE = "event_query.ts";

    private TsRuntime() {}

    /** The Herald version these files belong to. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = TsRuntime.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    /**
     * {@code text} without its leading comment lines (the runtime file's own header) and the blank
     * lines after them: where a generated module embeds a runtime file, its header says it all.
     */
    public static String withoutHeader(String text) {
        String[] lines = text.split("\n", -1);
        int first = 0;
        while (first < lines.length && (lines[first].startsWith("//") || lines[first].isBlank())) {
            first++;
        }
        return String.join("\n", Arrays.asList(lines).subList(first, lines.length))
                        .strip() + "\n";
    }

    /** The text of a runtime file. */
    public static String read(String name) {
        try (InputStream in = TsRuntime.class.getResourceAsStream("runtime/" + name)) {
            if (in == null) {
                throw new IllegalStateException("herald-ts-generator is missing its runtime file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A runtime file as written out: a header naming the version, then the file. */
    public static String withHeader(String name) {
        return "// Herald " + version() + " client runtime (" + name + "), copied by Herald. Do not edit.\n\n"
                + read(name);
    }
}
