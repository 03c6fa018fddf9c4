package dev.herald.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the stream: one {@code publish.lua} per envelope, and, after publishes that
 * failed, one entry that tells the other nodes how many were lost (so that they send {@code
 * $resync}).
 *
 * <p>Threading: {@link #publish} runs on the emitting threads, concurrently; it reads {@link
 * #current} and hands the command to Lettuce, which sends the commands of one connection in the
 * order they were given. Everything else (connecting, reconnecting, the loss entry) runs on the one
 * {@link #repairs} thread, which alone writes {@link #current}.
 */
final class StreamPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final byte[] DATA = Scripts.bytes("d");
    private static final byte[] LOST = Scripts.bytes("l");

    private final RedisClient client;
    private final String[] keys;
    private final byte[] maxLength;
    private final String nodeId;
    private final byte[] node;
    private final ScheduledExecutorService repairs;
    private final AtomicInteger connections = new AtomicInteger();

    /** The open connection with its epoch candidate, or null before the first one. */
    private volatile Connected current;

    /** Envelopes that failed and that the other nodes have not been told of yet. */
    private final AtomicLong lost = new AtomicLong();

    private final AtomicBoolean repairScheduled = new AtomicBoolean();
    private long backoffMillis = MIN_BACKOFF.toMillis(); // repairs thread only
    private volatile boolean closed;

    StreamPublisher(RedisClient client, RedisBroker.Keys keys, String nodeId) {
        this.client = client;
        this.keys = new String[] {keys.meta(), keys.stream()};
        this.maxLength = Scripts.bytes(keys.maxLength());
        this.nodeId = nodeId;
        this.node = Scripts.bytes(nodeId);
        this.repairs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "herald-redis-publisher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects now, so that the first emits go out; when Redis is down, keeps trying behind. */
    void start() {
        try {
            repairs.submit(this::repair).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the Redis publisher", e);
        }
    }

    /** Never blocks and never throws: a failure is counted and reported to the other nodes later. */
    void publish(byte[] envelope) {
        Connected connected = current;
        if (connected == null || !connected.connection.isOpen()) {
            lost(null);
            return;
        }
        RedisFuture<Long> sent;
        try {
            sent = connected
                    .connection
                    .async()
                    .eval(
                            Scripts.PUBLISH,
                            ScriptOutputType.INTEGER,
                            keys,
                            maxLength,
                            node,
                            connected.epoch,
                            DATA,
                            envelope);
        } catch (RuntimeException e) {
            lost(e);
            return;
        }
        sent.whenComplete((seq, failure) -> {
            if (failure != null) {
                lost(failure);
            }
        });
    }

    void close() {
        closed = true;
        repairs.shutdownNow();
        try {
            repairs.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connected connected = current;
        if (connected != null && connected.connection.isOpen()) {
            connected.connection.close();
        }
        if (lost.get() > 0) {
            LOG.warn("Closed with {} envelopes the other nodes never heard of", lost.get());
        }
    }

    private void lost(Throwable failure) {
        if (closed) {
            return;
        }
        if (lost.incrementAndGet() == 1) { // once an outage
            LOG.warn(
                    "Could not publish to Redis ({}): local clients still get local events, the other nodes get"
                            + " $resync once Redis is back",
                    failure == null ? "not connected" : failure.toString());
        }
        scheduleRepair(0);
    }

    private void scheduleRepair(long delayMillis) {
        if (!closed && repairScheduled.compareAndSet(false, true)) {
            try {
                repairs.schedule(this::repair, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) { // shut down by close() meanwhile
                repairScheduled.set(false);
            }
        }
    }

    /** Reconnects when needed, then writes the loss entry; on failure, tries again later. */
    private void repair() {
        repairScheduled.set(false); // failures from now on schedule another round
        if (closed) {
            return;
        }
        try {
            Connected connected = current;
            if (connected == null || !connected.connection.isOpen()) {
                current = connected = connect(); // the broken one closed itself (no auto-reconnect)
            }
            long missed = lost.get();
            if (missed > 0) {
                connected
                        .connection
                        .sync()
                        .eval(
                                Scripts.PUBLISH,
                                ScriptOutputType.INTEGER,
                                keys,
                                maxLength,
                                node,
                                connected.epoch,
                                LOST,
                                Scripts.bytes(missed));
                lost.addAndGet(-missed);
                LOG.info("Back on Redis; told the other nodes that {} envelopes of this node were lost", missed);
            }
            backoffMillis = MIN_BACKOFF.toMillis();
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            LOG.debug("Redis is still unreachable; next try in {} ms", backoffMillis, e);
            long delay = backoffMillis;
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            scheduleRepair(delay);
        }
    }

    private Connected connect() {
        StatefulRedisConnection<String, byte[]> connection = client.connect(Scripts.CODEC);
        connection.sync().clientSetname("herald:" + nodeId + ":publisher");
        // A new candidate per connection: after Redis lost its data, whoever writes first
        // sets an epoch no node has seen.
        byte[] epoch = Scripts.bytes(nodeId + "/" + connections.incrementAndGet());
        if (connections.get() > 1) {
            LOG.info("Reconnected to Redis for publishing");
        }
        return new Connected(connection, epoch);
    }

    private record Connected(StatefulRedisConnection<String, byte[]> connection, byte[] epoch) {}
}
