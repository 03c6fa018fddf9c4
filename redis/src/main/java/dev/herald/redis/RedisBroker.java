package dev.herald.redis;

import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.cluster.BrokerListener;
import dev.herald.runtime.cluster.PublishNumbers;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Carries events between the instances of a service over a Redis Stream (standalone Redis or
 * Sentinel, 5.0 and later).
 *
 * <p>Each publish runs one Lua script that numbers the entry ({@code seq} in a meta hash, with an
 * {@code epoch} that changes when Redis loses its data) and appends it to the stream, trimmed to
 * about {@link Builder#maxLength}. Each node reads the stream with {@code XREAD BLOCK} on its own
 * connection, from its last entry id; a sequence that is not the last plus one, a new epoch or an
 * entry another node wrote because it could not publish is reported to the fan-out core as a gap,
 * and every client of this node gets {@code $resync}.
 *
 * <pre>{@code
 * RedisBroker broker = RedisBroker.create("redis://127.0.0.1:6379");
 * EventWebSocketServer.builder(bus).broker(broker).build().start();
 * }</pre>
 *
 * <p>Redis being unreachable, at start or later, never fails or blocks an emit: the node keeps
 * serving its own clients, retries in the background, and the other nodes get a gap for what it
 * could not publish.
 */
public final class RedisBroker implements Broker {
    /** Where the entries go unless {@link Builder#stream} says otherwise. */
    public static final String DEFAULT_STREAM = "{herald}:events";

    /** About how many entries the stream keeps unless {@link Builder#maxLength} says otherwise. */
    public static final long DEFAULT_MAX_LENGTH = 10_000;

    private final RedisURI uri;
    private final String stream;
    private final String metaKey;
    private final long maxLength;
    private final ClientOptions options;
    private final ClientResources resources;

    private final Object lifecycle = new Object();
    private RedisClient client; // guarded by lifecycle
    private volatile StreamPublisher publisher; // written under lifecycle; read by publish()
    private volatile StreamReader reader; // written under lifecycle; read by lag(), which never waits
    private boolean closed; // guarded by lifecycle

    private RedisBroker(Builder builder) {
        this.uri = builder.uri;
        this.stream = builder.stream;
        this.metaKey = builder.metaKey != null ? builder.metaKey : metaKeyFor(builder.stream);
        this.maxLength = builder.maxLength;
        // Never at-least-once: Lettuce re-sends unanswered commands after an automatic reconnect,
        // and a publish that ran once already would reach the other nodes twice. The broker
        // reconnects by itself and reports what it could not send.
        this.options = builder.options.mutate().autoReconnect(false).build();
        this.resources = builder.resources;
    }

    /** A broker on the Redis at {@code uri} ({@code redis://host:port}, Sentinel URIs too). */
    public static RedisBroker create(String uri) {
        return builder(uri).build();
    }

    /** Options for a broker on the Redis at {@code uri}. */
    public static Builder builder(String uri) {
        return new Builder(RedisURI.create(Objects.requireNonNull(uri, "uri")));
    }

    /** Options for a broker on the Redis at {@code uri}. */
    public static Builder builder(RedisURI uri) {
        return new Builder(Objects.requireNonNull(uri, "uri"));
    }

    /**
     * The meta hash beside a stream key: its last {@code :}-segment replaced by {@code meta}, so
     * that {@code {herald}:events} pairs with {@code {herald}:meta} (the same cluster slot).
     */
    static String metaKeyFor(String stream) {
        int colon = stream.lastIndexOf(':');
        return colon < 0 ? stream + ":meta" : stream.substring(0, colon + 1) + "meta";
    }

    /** The stream key. */
    public String stream() {
        return stream;
    }

    /** The hash that holds the stream's {@code epoch} and {@code seq}. */
    public String metaKey() {
        return metaKey;
    }

    @Override
    public void start(String nodeId, BrokerListener listener) {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("The broker is closed");
            }
            if (client != null) {
                throw new IllegalStateException("The broker is started already; each node needs its own");
            }
            client = resources != null ? RedisClient.create(resources, uri) : RedisClient.create(uri);
            client.setOptions(options);
            Keys keys = new Keys(stream, metaKey, maxLength);
            PublishNumbers numbers = new PublishNumbers();
            StreamReader newReader = new StreamReader(client, keys, nodeId, numbers, listener);
            // A node delivers its own events from the stream only while it can also write there:
            // when publishing fails, the reader drops its connection (the node delivers directly)
            // and reads again once the publisher is back.
            publisher = new StreamPublisher(client, keys, nodeId, numbers, newReader::dropConnection);
            newReader.publisherReady(publisher::isConnected, publisher::reconnectSoon);
            reader = newReader;
            publisher.start();
            reader.start();
        }
    }

    @Override
    public void publish(String eventName, byte[] envelope, boolean deliveredHere) {
        StreamPublisher current = publisher; // set in start, before the first publish
        if (current != null) {
            current.publish(envelope, deliveredHere);
        }
    }

    /** {@code redis}. */
    @Override
    public String name() {
        return "redis";
    }

    @Override
    public long lag() {
        StreamReader current = reader; // set in start; a scrape must not wait for start or close
        return current == null ? -1 : current.lag();
    }

    @Override
    public long publishesLost() {
        StreamPublisher current = publisher;
        return current == null ? 0 : current.lost();
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (client == null) {
                return;
            }
            reader.close();
            publisher.close();
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** The keys and limits both sides use. */
    record Keys(String stream, String meta, long maxLength) {}

    /** Options for a {@link RedisBroker}. */
    public static final class Builder {
        private final RedisURI uri;
        private String stream = DEFAULT_STREAM;
        private String metaKey;
        private long maxLength = DEFAULT_MAX_LENGTH;
        private ClientOptions options = ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(10)))
                // Unanswered publishes while Redis stalls; past this they are counted as lost.
                .requestQueueSize(100_000)
                .build();
        private ClientResources resources;

        private Builder(RedisURI uri) {
            this.uri = uri;
        }

        /**
         * The stream key; default {@value #DEFAULT_STREAM}. Services that share a Redis use one
         * stream each. The meta hash is the key with its last {@code :}-segment replaced by {@code
         * meta} unless {@link #metaKey} says otherwise.
         */
        public Builder stream(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("The stream key must not be blank");
            }
            this.stream = key;
            return this;
        }

        /** The hash that numbers the entries; in a Redis Cluster it must hash to the stream's slot. */
        public Builder metaKey(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("The meta key must not be blank");
            }
            this.metaKey = key;
            return this;
        }

        /**
         * About how many entries the stream keeps ({@code MAXLEN ~}); default {@value
         * #DEFAULT_MAX_LENGTH}. A node that falls further behind than this gets a gap.
         */
        public Builder maxLength(long entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("maxLength must be at least 1, got " + entries);
            }
            this.maxLength = entries;
            return this;
        }

        /**
         * Lettuce's connection options (timeouts, socket options, SSL). Automatic reconnection is
         * always off: the broker reconnects by itself so that no publish is ever sent twice.
         */
        public Builder clientOptions(ClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Lettuce's threads and timers, to share them with the application's other clients. */
        public Builder clientResources(ClientResources resources) {
            this.resources = Objects.requireNonNull(resources, "resources");
            return this;
        }

        public RedisBroker build() {
            if (metaKey != null && metaKey.equals(stream)) {
                throw new IllegalArgumentException("The meta key must differ from the stream key: " + stream);
            }
            return new RedisBroker(this);
        }
    }
}
