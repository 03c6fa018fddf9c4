package dev.herald.runtime.fanout;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Where an event stands in a node's numbered stream, written {@code <epoch>-<seq>} in the {@code
 * "id"} of every event frame and read back from a reconnecting client's {@code since}. The epoch
 * names one numbering (a process's start, or a broker stream's life); seq counts events in it from
 * 1.
 *
 * @param epoch letters, digits, {@code .}, {@code _} and {@code :}, at most {@link #MAX_EPOCH} chars
 * @param seq 0 before the first event of the epoch
 */
public record Position(String epoch, long seq) {
    /** Longest epoch accepted from a client. */
    static final int MAX_EPOCH = 64;

    public Position {
        if (!isEpoch(epoch)) {
            throw new IllegalArgumentException("not an epoch: " + epoch);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
    }

    /** A fresh epoch for a numbering that starts now: random, 13 base-36 chars. */
    static String newEpoch() {
        return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    /**
     * Reads {@code text} as a client sent it; {@code null} for anything else (too long, no dash, a
     * seq that is not a decimal number), never an exception: a client's {@code since} is untrusted.
     */
    static Position parse(String text) {
        if (text == null || text.length() > MAX_EPOCH + 20) {
            return null;
        }
        int dash = text.lastIndexOf('-');
        if (dash <= 0 || dash == text.length() - 1 || text.length() - dash - 1 > 18) {
            return null;
        }
        String epoch = text.substring(0, dash);
        long seq = 0;
        for (int i = dash + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            seq = seq * 10 + (c - '0'); // at most 18 digits: no overflow
        }
        return isEpoch(epoch) ? new Position(epoch, seq) : null;
    }

    /** Whether {@code epoch} can stand in a position: letters, digits, {@code .}, {@code _}, {@code :}, at most {@link #MAX_EPOCH}. */
    static boolean isEpoch(String epoch) {
        if (epoch == null || epoch.isEmpty() || epoch.length() > MAX_EPOCH) {
            return false;
        }
        for (int i = 0; i < epoch.length(); i++) {
            char c = epoch.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code <epoch>-<seq>}, as frames carry it. */
    @Override
    public String toString() {
        return epoch + "-" + seq;
    }
}
