package dev.herald.redis;

import dev.herald.runtime.cluster.LossReporter;
import dev.herald.runtime.cluster.PublishNumbers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the stream: one {@code publish.lua} per envelope, and, after publishes that
 * failed, one entry that tells the other nodes how many were lost (so that they send {@code
 * $resync}).
 *
 * <p>Threading: {@link #publish} runs on the emitting threads, concurrently; it reads {@link
 * #current} and hands the command to Lettuce, which sends the commands of one connection in the
 * order they were given. Reconnecting and the loss entry run on the {@link #losses} reporter's
 * thread, which alone writes {@link #current} after {@link #start}.
 */
final class StreamPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);
    private static final byte[] DATA = Scripts.bytes("d");
    private static final byte[] LOST = Scripts.bytes("l");
    private static final byte[] NUMBER = Scripts.bytes("p");
    private static final byte[] HERE = Scripts.bytes("h");
    private static final byte[] ONE = Scripts.bytes("1");

    private final RedisClient client;
    private final String[] keys;
    private final byte[] maxLength;
    private final String nodeId;
    private final byte[] node;
    private final LossReporter losses;
    private final AtomicInteger connections = new AtomicInteger();
    /** Which of this node's publishes were counted as lost: the reader skips them. */
    private final PublishNumbers numbers;
    /** Told when a publish fails: the reader stops delivering from the stream until publishing works. */
    private final Runnable onFailure;

    /** The open connection with its epoch candidate, or null before the first one. */
    private volatile Connected current;

    StreamPublisher(
            RedisClient client, RedisBroker.Keys keys, String nodeId, PublishNumbers numbers, Runnable onFailure) {
        this.numbers = numbers;
        this.onFailure = onFailure;
        this.client = client;
        this.keys = new String[] {keys.meta(), keys.stream()};
        this.maxLength = Scripts.bytes(keys.maxLength());
        this.nodeId = nodeId;
        this.node = Scripts.bytes(nodeId);
        this.losses = new LossReporter("Redis", "herald-redis-publisher", this::repair);
    }

    /** Connects now, so that the first emits go out; when Redis is down, keeps trying behind. */
    void start() {
        try {
            current = connect();
        } catch (RuntimeException e) {
            LOG.warn("Redis is unreachable ({}); this node publishes once it is back", e.toString());
            losses.repairSoon();
        }
    }

    /** Never blocks and never throws: a failure is counted and reported to the other nodes later. */
    void publish(byte[] envelope, boolean deliveredHere) {
        Connected connected = current;
        if (connected == null || !connected.connection.isOpen()) {
            failed(null);
            return;
        }
        long number = numbers.begin();
        RedisFuture<Long> sent;
        try {
            sent = connected
                    .connection
                    .async()
                    .eval(
                            Scripts.PUBLISH,
                            ScriptOutputType.INTEGER,
                            keys,
                            entry(connected, envelope, number, deliveredHere));
        } catch (RuntimeException e) {
            numbers.failed(number);
            failed(e);
            return;
        }
        sent.whenComplete((seq, failure) -> {
            if (failure == null) {
                numbers.acknowledged(number);
            } else if (numbers.failed(number)) {
                failed(failure);
            }
        });
    }

    private void failed(Throwable cause) {
        losses.lost(1, cause);
        onFailure.run();
    }

    /** Whether publishes go out now. */
    boolean isConnected() {
        Connected connected = current;
        return connected != null && connected.connection.isOpen();
    }

    /** Reconnects soon (on the reporter's thread) if it is not connected. */
    void reconnectSoon() {
        losses.repairSoon();
    }

    /** Envelopes that never reached Redis since start. */
    long lost() {
        return losses.total();
    }

    void close() {
        losses.close();
        Connected connected = current;
        if (connected != null && connected.connection.isOpen()) {
            connected.connection.close();
        }
    }

    /** Reconnects when needed, then writes the loss entry. */
    private void repair(long lost) {
        Connected connected = current;
        if (connected == null || !connected.connection.isOpen()) {
            current = connected = connect(); // the broken one closed itself (no auto-reconnect)
        }
        if (lost > 0) {
            connected.connection.sync().eval(Scripts.PUBLISH, ScriptOutputType.INTEGER, keys, new byte[][] {
                maxLength, node, connected.epoch, LOST, Scripts.bytes(lost)
            });
        }
    }

    private Connected connect() {
        StatefulRedisConnection<String, byte[]> connection = client.connect(Scripts.CODEC);
        connection.sync().clientSetname("herald:" + nodeId + ":publisher");
        // A new candidate per connection: after Redis lost its data, whoever writes first
        // sets an epoch no node has seen. Random, in the characters of a position's epoch.
        connections.incrementAndGet();
        byte[] epoch = Scripts.bytes(Scripts.newEpoch());
        if (connections.get() > 1) {
            LOG.info("Reconnected to Redis for publishing");
        }
        return new Connected(connection, epoch);
    }

    private record Connected(StatefulRedisConnection<String, byte[]> connection, byte[] epoch) {}

    /** The arguments of {@code publish.lua} for an envelope: its publish number, and h when delivered here. */
    private byte[][] entry(Connected connected, byte[] envelope, long number, boolean deliveredHere) {
        return deliveredHere
                ? new byte[][] {
                    maxLength, node, connected.epoch, DATA, envelope, NUMBER, Scripts.bytes(number), HERE, ONE
                }
                : new byte[][] {maxLength, node, connected.epoch, DATA, envelope, NUMBER, Scripts.bytes(number)};
    }
}
