package dev.herald.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@link LoadClients} client in resume mode has seen, as the TypeScript client keeps it:
 * the position to resume from (the last event's {@code id} or {@code $position}), and per emitting
 * node the index of the last event, so that a missing or repeated one is counted. Events of one
 * node reach a client {@code step} apart ({@link LoadNode#GROUPS}). One client's loop thread only.
 */
final class ResumeTracker {
    private static final Pattern PATH = Pattern.compile("\"Path\":\"/r/\\d+/([^/\"]+)/(\\d+)\"");
    private static final Pattern REASON = Pattern.compile("\"reason\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"(?:id|position)\":\"([^\"]+)\"}$");

    private final ResumeCounts counts;
    private final int step;
    private final Map<String, Long> lastByNode = new HashMap<>();
    private String since;
    /** Between a reconnect with a position and its $resumed or $resync: what comes is a replay. */
    private boolean replaying;

    ResumeTracker(ResumeCounts counts, int step) {
        this.counts = counts;
        this.step = step;
    }

    /** Where it resumes from, or {@code null} before its first position. */
    String since() {
        return since;
    }

    /** The socket is open; {@code reconnect}: it was open before. */
    void opened(boolean reconnect) {
        if (!reconnect) {
            return;
        }
        counts.reconnects.incrementAndGet();
        if (since == null) {
            counts.refetches.incrementAndGet(); // nothing to resume from: the TS client re-fetches
            lastByNode.clear();
        } else {
            counts.withPosition.incrementAndGet();
            counts.awaiting.incrementAndGet();
            replaying = true;
        }
    }

    /** The socket ended: a reconnect still waiting for its answer will not get it on this one. */
    void closed() {
        answered();
    }

    private void answered() {
        if (replaying) {
            replaying = false;
            counts.awaiting.decrementAndGet();
        }
    }

    /** Whether the frames arriving now are live ones (not a replay of what it missed). */
    boolean live() {
        return !replaying;
    }

    void frame(String frame) {
        if (frame.startsWith("{\"event\":\"$resumed\"")) {
            counts.resumed.incrementAndGet();
            answered();
            return;
        }
        if (frame.startsWith("{\"event\":\"$resync\"")) {
            answered();
            counts.resyncs.incrementAndGet();
            Matcher reason = REASON.matcher(frame);
            counts.resyncReasons
                    .computeIfAbsent(reason.find() ? reason.group(1) : "none", r -> new AtomicLong())
                    .incrementAndGet();
            counts.refetches.incrementAndGet();
            lastByNode.clear(); // it re-fetched: what it missed before does not count as lost
            return;
        }
        Matcher id = ID.matcher(frame);
        if (frame.startsWith("{\"event\":\"$position\"")) {
            if (id.find()) {
                since = id.group(1);
            }
            return;
        }
        Matcher path = PATH.matcher(frame);
        if (!path.find()) {
            return;
        }
        String node = path.group(1);
        long index = Long.parseLong(path.group(2));
        Long last = lastByNode.get(node);
        if (last != null) {
            if (index <= last) {
                counts.duplicates.incrementAndGet();
            } else if (index > last + step) {
                counts.lost.addAndGet((index - last) / step - 1);
            }
        }
        lastByNode.put(node, last == null ? index : Math.max(last, index));
        counts.events.incrementAndGet();
        if (id.find()) {
            since = id.group(1);
        }
    }
}
