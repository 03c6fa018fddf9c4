package dev.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures a load tool measured, as data for {@code scripts/bench}: one JSON object per line,
 * appended to the file named by {@code -Dherald.bench.results}. Without that property the tools only
 * print, as they always did. {@code benchmarks/node/report.mjs} gathers the rows of a run into its
 * results file and draws the charts from it.
 */
final class ResultRows {
    private static final String FILE = System.getProperty("herald.bench.results");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultRows() {}

    /**
     * A row of {@code suite} ending with the latency percentiles a load tool measured in
     * microseconds (p50, p99, max), as {@code p50Ms}, {@code p99Ms} and {@code maxMs}.
     */
    static void addWithLatency(String suite, long[] latencyMicros, Object... namesAndValues) {
        int end = namesAndValues.length;
        Object[] row = Arrays.copyOf(namesAndValues, end + 6);
        row[end] = "p50Ms";
        row[end + 1] = latencyMicros[0] / 1000.0;
        row[end + 2] = "p99Ms";
        row[end + 3] = latencyMicros[1] / 1000.0;
        row[end + 4] = "maxMs";
        row[end + 5] = latencyMicros[2] / 1000.0;
        add(suite, row);
    }

    /** A row of {@code suite}: name, value, name, value, ... (numbers, strings or booleans). */
    static synchronized void add(String suite, Object... namesAndValues) {
        if (FILE == null) {
            return;
        }
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("suite", suite);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            Files.write(
                    Path.of(FILE),
                    (JSON.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + FILE, e);
        }
    }
}
