package dev.herald.runtime.fanout;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One log line per kind of anomaly per period, never one per connection: 10,000 clients closed for
 * their budget write one line with the first case and, a period later, one with how many more there
 * were. Thread-safe (its methods are synchronized; they run once per anomaly, not per event).
 */
final class LogLimiter {
    static final Duration PERIOD = Duration.ofSeconds(10);

    private final long periodNanos;
    /** Where the counts of unwritten cases go. */
    private final Consumer<String> out;
    /** Per kind: when its last line was written (nanoTime) and how many cases since then went unwritten. */
    private final Map<String, long[]> kinds = new HashMap<>();

    LogLimiter(Duration period, Consumer<String> out) {
        this.periodNanos = period.toNanos();
        this.out = out;
    }

    /**
     * Writes {@code line} to {@code lineOut} unless a line of this kind was written within the
     * period; then only counts it.
     */
    synchronized void log(String kind, String line, Consumer<String> lineOut) {
        long now = System.nanoTime();
        long[] state = kinds.get(kind);
        if (state == null) {
            kinds.put(kind, new long[] {now, 0});
            lineOut.accept(line);
        } else if (now - state[0] >= periodNanos) {
            lineOut.accept(line + more(state[1]));
            state[0] = now;
            state[1] = 0;
        } else {
            state[1]++;
        }
    }

    /** Writes, for each kind whose period has passed, how many cases went unwritten. Call it now and then. */
    synchronized void flush() {
        long now = System.nanoTime();
        for (Map.Entry<String, long[]> entry : kinds.entrySet()) {
            long[] state = entry.getValue();
            if (state[1] > 0 && now - state[0] >= periodNanos) {
                out.accept(state[1] + " more of " + entry.getKey() + " in the last "
                        + Duration.ofNanos(now - state[0]).toSeconds() + " s");
                state[0] = now;
                state[1] = 0;
            }
        }
    }

    private static String more(long unwritten) {
        return unwritten == 0 ? "" : " (and " + unwritten + " more of this kind since the last such line)";
    }
}
