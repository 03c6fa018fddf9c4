package dev.herald.redis;

import dev.herald.runtime.cluster.BrokerListener;
import dev.herald.runtime.cluster.PublishNumbers;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's reader of the stream: {@code XREAD BLOCK} from the last entry id on its own
 * connection, every entry's envelope to the listener with its position (this node's own too, but
 * for those it delivered itself), and a gap whenever the numbering says that something is missing.
 * The listener hears {@code streaming} when reading starts (with the stream's latest entries, as
 * many as it keeps) and again after each outage, and {@code unavailable} when an outage begins.
 *
 * <p>Threading: {@link #start} takes the first position, and hands over the latest entries, on the
 * caller's thread before it starts the reader's thread; from then on that thread alone owns the
 * connection, the position ({@link #lastId}, {@link #lastSeq}, {@link #epoch}) and every call to
 * the listener, so the listener hears one thing at a time, in stream order. {@link #close} only
 * sets {@link #closed} and closes the connection, which wakes a blocked read.
 */
final class StreamReader {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);
    private static final Duration BLOCK = Duration.ofSeconds(2);
    private static final long BATCH = 256;
    private static final long LAG_INTERVAL_NANOS = 100_000_000;
    private static final long MIN_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 2000;

    private final RedisClient client;
    private final RedisBroker.Keys keys;
    private final String nodeId;
    private final byte[] node;
    private final BrokerListener listener;
    /** This node's publishes counted as lost: read back, they are skipped (its clients get $resync for them). */
    private final PublishNumbers numbers;

    private final Thread thread;
    private final Set<String> loggedKinds = new HashSet<>();

    private volatile boolean closed;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private BooleanSupplier publisherReady = () -> true;
    private Runnable reconnectPublisher = () -> {};
    private int connections;
    private boolean outage;
    private String epoch; // null until the first connection
    private long lastSeq;
    private String lastId;
    /** Entries after {@link #lastSeq} as last measured; -1 while not reading. */
    private volatile long lag = -1;

    private long lagMeasuredNanos; // reader thread only

    StreamReader(
            RedisClient client, RedisBroker.Keys keys, String nodeId, PublishNumbers numbers, BrokerListener listener) {
        this.numbers = numbers;
        this.client = client;
        this.keys = keys;
        this.nodeId = nodeId;
        this.node = Scripts.bytes(nodeId);
        this.listener = listener;
        this.thread = new Thread(this::run, "herald-redis-reader");
        thread.setDaemon(true);
    }

    /**
     * Takes the position now, so that this node hears everything published after start returns;
     * when Redis is down, the thread takes it once Redis is back.
     */
    void start() {
        try {
            connection = connect();
        } catch (RuntimeException e) {
            LOG.warn("Redis is unreachable ({}); this node hears other nodes once it is back", e.toString());
            outage = true;
        }
        thread.start();
    }

    /**
     * The reader says it streams only while {@code ready} holds; otherwise it asks for a
     * reconnect and tries again later. Set before {@link #start}.
     */
    void publisherReady(BooleanSupplier ready, Runnable reconnect) {
        this.publisherReady = ready;
        this.reconnectPublisher = reconnect;
    }

    /**
     * Drops the reading connection (any thread): the reader reports the stream unavailable and
     * connects again. Called when publishing fails, so the node delivers its events directly.
     */
    void dropConnection() {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null && current.isOpen()) {
            current.closeAsync();
        }
    }

    void close() {
        closed = true;
        closeQuietly(connection); // wakes a blocked XREAD
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        XReadArgs read = XReadArgs.Builder.block(BLOCK).count(BATCH);
        while (!closed) {
            try {
                if (connection == null) {
                    connection = connect();
                    if (outage) {
                        LOG.info("Reading the Redis stream again");
                        outage = false;
                    }
                }
                List<StreamMessage<String, byte[]>> entries =
                        connection.sync().xread(read, XReadArgs.StreamOffset.from(keys.stream(), lastId));
                for (StreamMessage<String, byte[]> entry : entries) {
                    handle(entry);
                }
                measureLag(entries.size());
                backoff = MIN_BACKOFF_MILLIS;
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                lag = -1;
                if (!outage) {
                    LOG.warn("Lost the Redis stream ({}); reconnecting", e.toString());
                    outage = true;
                    listener.unavailable(e.toString());
                }
                closeQuietly(connection);
                connection = null;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    break; // close()
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        closeQuietly(connection);
    }

    /** Entries of the stream this node has not read yet, as last measured; -1 while not reading. */
    long lag() {
        return lag;
    }

    /**
     * After a read of {@code read} entries: a read short of a full batch found the end of the
     * stream, so none are waiting; after a full one, the stream's last seq (the meta hash) says how
     * many are, asked at most every {@link #LAG_INTERVAL_NANOS} so that catching up stays one
     * command per batch.
     */
    private void measureLag(int read) {
        long now = System.nanoTime();
        if (read < BATCH) {
            lag = 0;
        } else if (now - lagMeasuredNanos >= LAG_INTERVAL_NANOS) {
            byte[] newest = connection.sync().hget(keys.meta(), "seq");
            lag = newest == null ? -1 : Math.max(0, Long.parseLong(Scripts.text(newest)) - lastSeq);
            lagMeasuredNanos = now;
        }
    }

    private static void closeQuietly(StatefulRedisConnection<String, byte[]> connection) {
        if (connection != null && connection.isOpen()) {
            connection.closeAsync();
        }
    }

    /**
     * A new connection and where to read from, then {@code streaming} to the listener. The first
     * time: the latest entries the listener keeps, handed over now, then what follows. After an
     * outage: from the last entry read when Redis kept its data (a jump in the numbering of what
     * follows is a gap), else a gap and, again, the latest entries.
     */
    private StatefulRedisConnection<String, byte[]> connect() {
        if (!publisherReady.getAsBoolean()) {
            reconnectPublisher.run();
            throw new IllegalStateException("not publishing to Redis yet");
        }
        StatefulRedisConnection<String, byte[]> opened = client.connect(Scripts.CODEC);
        try {
            opened.sync().clientSetname("herald:" + nodeId + ":reader");
            byte[] candidate = Scripts.bytes(Scripts.newEpoch());
            List<Object> position = opened.sync()
                    .eval(
                            Scripts.POSITION,
                            ScriptOutputType.MULTI,
                            new String[] {keys.meta(), keys.stream()},
                            candidate);
            String currentEpoch = Scripts.text((byte[]) position.get(0));
            if (epoch != null && !epoch.equals(currentEpoch)) {
                gap("Redis lost its data while this node could not read (a new epoch)");
            } else if (epoch == null && outage) {
                // Started while Redis was unreachable: clients may have connected since and missed
                // what other nodes published meanwhile.
                gap("this node reads Redis only now, after starting without it");
            }
            List<StreamMessage<String, byte[]>> latest = List.of();
            if (epoch == null || !epoch.equals(currentEpoch)) {
                epoch = currentEpoch;
                lastSeq = Long.parseLong(Scripts.text((byte[]) position.get(1)));
                lastId = Scripts.text((byte[]) position.get(2));
                latest = latest(opened);
            }
            // Where the listener's knowledge starts: just before the first entry it gets now.
            long afterSeq = lastSeq;
            if (!latest.isEmpty()) {
                Long first = seqOf(latest.get(0));
                afterSeq = first == null ? lastSeq : first - 1;
                lastSeq = afterSeq;
            }
            listener.streaming(epoch, afterSeq);
            for (StreamMessage<String, byte[]> entry : latest) {
                handle(entry);
            }
            long newest = Long.parseLong(Scripts.text((byte[]) position.get(1)));
            lag = Math.max(0, newest - lastSeq); // what this node missed while it could not read
            return opened;
        } catch (RuntimeException e) {
            closeQuietly(opened);
            throw e;
        }
    }

    /** The stream's latest entries up to {@link #lastId}, oldest first, as many as the listener keeps. */
    private List<StreamMessage<String, byte[]>> latest(StatefulRedisConnection<String, byte[]> opened) {
        int wanted = listener.retainedEvents();
        if (wanted <= 0 || lastId.equals("0-0")) {
            return List.of();
        }
        List<StreamMessage<String, byte[]>> newestFirst =
                opened.sync().xrevrange(keys.stream(), Range.create("-", lastId), Limit.from(wanted));
        List<StreamMessage<String, byte[]>> latest = new ArrayList<>(newestFirst);
        Collections.reverse(latest);
        // Entries of an older epoch (Redis lost the meta hash but not the stream) are not this numbering.
        byte[] current = Scripts.bytes(epoch);
        latest.removeIf(entry -> !Arrays.equals(entry.getBody().get("e"), current));
        return latest;
    }

    private static Long seqOf(StreamMessage<String, byte[]> entry) {
        byte[] seq = entry.getBody().get("s");
        try {
            return seq == null ? null : Long.parseLong(Scripts.text(seq));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void handle(StreamMessage<String, byte[]> entry) {
        lastId = entry.getId();
        Map<String, byte[]> body = entry.getBody();
        byte[] from = body.get("n");
        byte[] seqField = body.get("s");
        byte[] epochField = body.get("e");
        if (from == null || seqField == null || epochField == null) {
            skipped("unnumbered", "Skipped stream entry " + lastId + ": it lacks the n, s and e fields");
            return;
        }
        long seq;
        try {
            seq = Long.parseLong(Scripts.text(seqField));
        } catch (NumberFormatException e) {
            skipped("bad seq", "Skipped stream entry " + lastId + ": its seq is not a number");
            return;
        }
        String entryEpoch = Scripts.text(epochField);
        if (!entryEpoch.equals(epoch)) {
            gap("Redis lost its data (a new epoch)");
            epoch = entryEpoch;
            listener.streaming(epoch, seq - 1);
        } else if (seq != lastSeq + 1) {
            gap(
                    seq > lastSeq + 1
                            ? "entries " + (lastSeq + 1) + " to " + (seq - 1)
                                    + " were trimmed before this node read them"
                            : "the sequence went back from " + lastSeq + " to " + seq);
        }
        lastSeq = seq;
        byte[] envelope = body.get("d");
        byte[] lostCount = body.get("l");
        if (envelope != null) {
            if (Arrays.equals(from, node) && (body.get("h") != null || countedLost(body.get("p")))) {
                return; // this node delivered it itself, or counted it as lost (a $resync covers it)
            }
            try {
                listener.received(epoch, seq, millisOf(lastId), envelope);
            } catch (RuntimeException e) {
                LOG.error("The fan-out core failed on an envelope from the stream", e);
            }
        } else if (lostCount != null) {
            gap("node " + Scripts.text(from) + " could not publish " + Scripts.text(lostCount) + " events");
        } else {
            skipped("empty", "Skipped stream entry " + lastId + ": it has neither d nor l");
        }
    }

    private boolean countedLost(byte[] number) {
        try {
            return number != null && numbers.countedLost(Long.parseLong(Scripts.text(number)));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** When an entry was added: the milliseconds part of its id. */
    private static long millisOf(String id) {
        int dash = id.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
        } catch (NumberFormatException e) {
            return System.currentTimeMillis();
        }
    }

    private void gap(String reason) {
        try {
            listener.gap(reason);
        } catch (RuntimeException e) {
            LOG.error("The fan-out core failed on a gap", e);
        }
    }

    private void skipped(String kind, String message) {
        if (loggedKinds.add(kind)) {
            LOG.warn("{} (logged once; later ones are skipped silently)", message);
        }
    }
}
