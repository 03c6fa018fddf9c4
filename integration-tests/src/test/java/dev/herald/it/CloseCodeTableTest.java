package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.fanout.Disconnect;
import dev.herald.ts.TsRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The server's table of closes ({@link Disconnect}) and the TypeScript client's list of codes it
 * does not retry describe one policy: a close the server marks final must not be retried in a loop,
 * and one it marks retryable must be.
 */
class CloseCodeTableTest {
    private static final Pattern FINAL_CODES = Pattern.compile("const FINAL_CLOSE_CODES = new Set\\(\\[([0-9, ]*)]\\)");

    @Test
    void theClientsFinalCodes_areExactlyTheServersClosesWithoutReconnect() {
        Matcher matcher = FINAL_CODES.matcher(TsRuntime.read("event_client.ts"));
        assertThat(matcher.find())
                .as("event_client.ts declares FINAL_CLOSE_CODES")
                .isTrue();
        Set<Integer> clientFinal = Arrays.stream(matcher.group(1).split(","))
                .map(String::strip)
                .map(Integer::valueOf)
                .collect(Collectors.toSet());

        Set<Integer> serverFinal = Disconnect.ALL.stream()
                .filter(d -> !d.reconnect())
                .map(Disconnect::code)
                .collect(Collectors.toSet());

        assertThat(clientFinal).isEqualTo(serverFinal).isNotEmpty();
    }

    @Test
    void everyCloseHasItsOwnCode_inTheRangesTheProtocolAllows() {
        assertThat(Disconnect.ALL.stream().map(Disconnect::code)).doesNotHaveDuplicates();
        assertThat(Disconnect.ALL)
                .allSatisfy(d -> assertThat(d.code())
                        .satisfiesAnyOf(
                                c -> assertThat(c).isBetween(1000, 1015),
                                c -> assertThat(c).isBetween(4000, 4999)))
                .allSatisfy(d ->
                        assertThat(d.reason().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123));
    }

    /** The README's table of close codes lists every close the server sends, with its retry policy. */
    @Test
    void theReadmesCloseCodeTable_isTheServersTable() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher rows =
                Pattern.compile("(?m)^\\| (\\d{4}) \\| [^|]+ \\| ([^|]+) \\|$").matcher(readme);
        Map<Integer, Boolean> documented = new TreeMap<>();
        while (rows.find()) {
            documented.put(Integer.valueOf(rows.group(1)), !rows.group(2).contains("does not retry"));
        }
        Map<Integer, Boolean> server = new TreeMap<>();
        Disconnect.ALL.forEach(d -> server.put(d.code(), d.reconnect()));

        assertThat(documented).isEqualTo(server);
    }
}
