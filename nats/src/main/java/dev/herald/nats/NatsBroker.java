package dev.herald.nats;

import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.cluster.BrokerListener;
import dev.herald.runtime.cluster.LossReporter;
import dev.herald.runtime.cluster.PublishNumbers;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries events between the instances of a service over NATS JetStream: one stream (default
 * {@value #DEFAULT_STREAM}) on the subjects {@code herald.events.<name>}, an ordered consumer per
 * node from the latest messages the node keeps for resuming. Positions are the stream's: its
 * creation time (base 36) as the epoch, the stream sequence as the seq.
 *
 * <pre>{@code
 * NatsBroker broker = NatsBroker.create("nats://127.0.0.1:4222");
 * EventWebSocketServer.builder(bus).broker(broker).build().start();
 * }</pre>
 *
 * <p>A node gets a gap (every client: {@code $resync}) when the stream sequence jumps (messages
 * deleted by the stream's limits before this node read them, also after its consumer was
 * recreated), when the server lost the stream (it was created anew), or when another node could not
 * publish. The server must be reachable and have JetStream enabled at start; later outages never
 * fail or block an emit.
 */
public final class NatsBroker implements Broker {
    private static final Logger LOG = LoggerFactory.getLogger(NatsBroker.class);

    /** The stream's name unless {@link Builder#stream} says otherwise. */
    public static final String DEFAULT_STREAM = "HERALD";

    /** Subjects are this prefix, a dot and the event name, unless {@link Builder#subjectPrefix}. */
    public static final String DEFAULT_SUBJECT_PREFIX = "herald.events";

    /** How many messages the stream keeps unless {@link Builder#maxMessages} says otherwise. */
    public static final long DEFAULT_MAX_MESSAGES = 10_000;

    /** The header that names the node a message came from. */
    static final String NODE_HEADER = "Herald-Node";

    /** The header with the node's publish number, to recognise a publish it counted as lost. */
    static final String NUMBER_HEADER = "Herald-Pub";

    /** The header that says its node delivered it to its own clients already (it skips it on reading). */
    static final String HERE_HEADER = "Herald-Here";

    /** The subject (after the prefix) of a node's note that some of its events were lost. */
    static final String LOST = "$lost";

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    private final String url;
    private final String stream;
    private final String subjectPrefix;
    private final long maxMessages;
    private final StorageType storage;
    private final int replicas;
    private final Consumer<Options.Builder> connectionOptions;

    private final LossReporter losses = new LossReporter("NATS", "herald-nats", this::repair);
    private final AtomicBoolean reconnected = new AtomicBoolean();
    /** Between a disconnect and the reconnect: the library reports each failed attempt, logged once. */
    private final AtomicBoolean disconnected = new AtomicBoolean();
    /**
     * This node's publishes in flight and those counted as lost (failed, or unacknowledged when the
     * connection broke; the library may still send them after reconnecting): read back, the
     * follower skips them.
     */
    private final PublishNumbers numbers = new PublishNumbers();

    private final Object lifecycle = new Object();
    private volatile Connection connection;
    private volatile JetStream jetStream;
    private volatile StreamFollower follower;
    private String nodeId;
    private PublishOptions publishOptions;
    private volatile boolean closed;

    private NatsBroker(Builder builder) {
        this.url = builder.url;
        this.stream = builder.stream;
        this.subjectPrefix = builder.subjectPrefix;
        this.maxMessages = builder.maxMessages;
        this.storage = builder.storage;
        this.replicas = builder.replicas;
        this.connectionOptions = builder.connectionOptions;
    }

    /** A broker on the NATS server at {@code url} ({@code nats://host:port}). */
    public static NatsBroker create(String url) {
        return builder(url).build();
    }

    /** Options for a broker on the NATS server at {@code url}. */
    public static Builder builder(String url) {
        return new Builder(Objects.requireNonNull(url, "url"));
    }

    /** The stream's name. */
    public String stream() {
        return stream;
    }

    /**
     * Connects, checks that JetStream is enabled, creates the stream when it does not exist and
     * starts this node's consumer from the next message.
     *
     * @throws IllegalStateException when the server cannot be reached or has no JetStream
     */
    @Override
    public void start(String nodeId, BrokerListener listener) {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("The broker is closed");
            }
            if (connection != null) {
                throw new IllegalStateException("The broker is started already; each node needs its own");
            }
            Options.Builder options = new Options.Builder()
                    .server(url)
                    .connectionName("herald:" + nodeId)
                    .maxReconnects(-1)
                    .reconnectWait(Duration.ofMillis(100))
                    .connectionTimeout(Duration.ofSeconds(2))
                    // A full queue throws (counted as lost) instead of blocking the emitting thread.
                    .discardMessagesWhenOutgoingQueueFull()
                    .connectionListener(this::connectionEvent)
                    .errorListener(new QuietErrors());
            connectionOptions.accept(options);
            try {
                connection = Nats.connect(options.build());
            } catch (IOException e) {
                throw new IllegalStateException("Cannot reach NATS at " + url + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while connecting to NATS at " + url, e);
            }
            try {
                requireJetStream();
                this.nodeId = nodeId;
                publishOptions = PublishOptions.builder().expectedStream(stream).build();
                StreamInfo info = ensureStream();
                follower = new StreamFollower(connection, stream, subjectPrefix, nodeId, numbers, listener);
                follower.start(info);
                jetStream = connection.jetStream(); // last: publish() reads it first (volatile)
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                closeConnection();
                if (e instanceof IllegalStateException state) {
                    throw state;
                }
                throw new IllegalStateException("Could not set up the JetStream stream " + stream + ": " + e, e);
            }
        }
    }

    /** Never blocks and never throws: a failure is counted and reported to the other nodes later. */
    @Override
    public void publish(String eventName, byte[] envelope, boolean deliveredHere) {
        JetStream js = jetStream;
        if (js == null || closed) {
            return;
        }
        long number = numbers.begin();
        Headers headers = new Headers().put(NODE_HEADER, nodeId).put(NUMBER_HEADER, Long.toString(number));
        if (deliveredHere) {
            headers.put(HERE_HEADER, "1");
        }
        CompletableFuture<?> sent;
        try {
            sent = js.publishAsync(subjectPrefix + "." + eventName, headers, envelope, publishOptions);
        } catch (RuntimeException e) { // the outgoing or reconnect buffer is full
            numbers.failed(number);
            losses.lost(1, e);
            return;
        }
        sent.orTimeout(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ack, failure) -> {
            if (failure == null) {
                numbers.acknowledged(number);
            } else if (numbers.failed(number)) { // else counted when the connection broke
                losses.lost(1, failure);
            }
        });
    }

    /** {@code nats}. */
    @Override
    public String name() {
        return "nats";
    }

    @Override
    public long lag() {
        StreamFollower current = follower;
        return current == null ? -1 : current.lag();
    }

    @Override
    public long publishesLost() {
        return losses.total();
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            losses.close();
            if (follower != null) {
                follower.close();
            }
            closeConnection();
        }
    }

    private void closeConnection() {
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void requireJetStream() throws IOException {
        try {
            connection.jetStreamManagement().getAccountStatistics();
        } catch (JetStreamApiException | IOException | IllegalStateException e) {
            throw new IllegalStateException(
                    "JetStream is not enabled on the NATS server at " + url
                            + ": start nats-server with -js (or a jetstream block in its configuration)",
                    e);
        }
    }

    /** The stream's info, after creating it when the server has none (first start, or lost data). */
    private StreamInfo ensureStream() throws IOException, JetStreamApiException {
        JetStreamManagement management = connection.jetStreamManagement();
        try {
            return management.getStreamInfo(stream);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != 10059) { // stream not found
                throw e;
            }
        }
        try {
            StreamInfo created = management.addStream(StreamConfiguration.builder()
                    .name(stream)
                    .subjects(subjectPrefix + ".>")
                    .storageType(storage)
                    .replicas(replicas)
                    .maxMessages(maxMessages)
                    .discardPolicy(DiscardPolicy.Old)
                    .build());
            LOG.info("Created the JetStream stream {} on {}", stream, url);
            return created;
        } catch (JetStreamApiException e) { // another node created it meanwhile
            return management.getStreamInfo(stream);
        }
    }

    private void connectionEvent(Connection source, ConnectionListener.Events event) {
        // After the library re-established its subscriptions (its request inbox among them); on
        // RECONNECTED alone, requests and new consumers can fail.
        if (event == ConnectionListener.Events.RESUBSCRIBED && !closed) {
            LOG.info("Reconnected to NATS at {}", url);
            disconnected.set(false);
            reconnected.set(true);
            losses.repairSoon();
        } else if (event == ConnectionListener.Events.DISCONNECTED && !closed) {
            // What was sent and not acknowledged is lost with the connection; say so now rather
            // than when each publish times out, so the other nodes hear of it once NATS is back.
            long inFlight = numbers.failAllInFlight();
            if (disconnected.compareAndSet(false, true)) {
                LOG.warn("Disconnected from NATS at {}; reconnecting", url);
            }
            StreamFollower current = follower;
            if (current != null) {
                current.unavailable("disconnected from NATS");
            }
            if (inFlight > 0) {
                losses.lost(inFlight, new IOException("disconnected before the acknowledgement"));
            }
        }
    }

    /**
     * After a reconnect or a failed publish: recreate the stream when the server lost it, resume
     * the follower after a reconnect, and tell the other nodes what this one could not publish.
     */
    private void repair(long lost) throws IOException, JetStreamApiException {
        boolean resumeFollower = reconnected.getAndSet(false);
        try {
            StreamInfo info = ensureStream();
            if (resumeFollower) {
                follower.resume(info);
            }
            if (lost > 0) {
                jetStream.publish(
                        subjectPrefix + "." + LOST,
                        new Headers().put(NODE_HEADER, nodeId),
                        Long.toString(lost).getBytes(StandardCharsets.US_ASCII),
                        publishOptions);
            }
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            reconnected.compareAndSet(false, resumeFollower); // the next round resumes it
            throw e;
        }
    }

    /** The library's reports at debug level: the broker logs what matters (outages, losses) itself. */
    private static final class QuietErrors implements ErrorListener {
        @Override
        public void errorOccurred(Connection connection, String error) {
            LOG.debug("NATS: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            LOG.debug("NATS: {}", exception.toString());
        }

        @Override
        public void heartbeatAlarm(
                Connection connection, JetStreamSubscription subscription, long streamSeq, long consumerSeq) {
            LOG.debug("NATS: the consumer missed heartbeats after stream sequence {}", streamSeq);
        }
    }

    /** Options for a {@link NatsBroker}. */
    public static final class Builder {
        private final String url;
        private String stream = DEFAULT_STREAM;
        private String subjectPrefix = DEFAULT_SUBJECT_PREFIX;
        private long maxMessages = DEFAULT_MAX_MESSAGES;
        private StorageType storage = StorageType.File;
        private int replicas = 1;
        private Consumer<Options.Builder> connectionOptions = options -> {};

        private Builder(String url) {
            this.url = url;
        }

        /** The stream's name; default {@value #DEFAULT_STREAM}. Services that share a server use one each. */
        public Builder stream(String name) {
            if (name == null || name.isBlank() || name.contains(".") || name.contains(" ")) {
                throw new IllegalArgumentException("A stream name is one word without dots: " + name);
            }
            this.stream = name;
            return this;
        }

        /** The subjects' prefix; default {@value #DEFAULT_SUBJECT_PREFIX}. */
        public Builder subjectPrefix(String prefix) {
            if (prefix == null || prefix.isBlank() || prefix.endsWith(".") || prefix.contains(">")) {
                throw new IllegalArgumentException("Not a subject prefix: " + prefix);
            }
            this.subjectPrefix = prefix;
            return this;
        }

        /**
         * How many messages the stream keeps (when it is created here); default {@value
         * #DEFAULT_MAX_MESSAGES}. A node that falls further behind gets a gap.
         */
        public Builder maxMessages(long messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("maxMessages must be at least 1, got " + messages);
            }
            this.maxMessages = messages;
            return this;
        }

        /** File (default; survives a server restart) or memory. */
        public Builder storage(StorageType storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** The stream's replicas in a JetStream cluster; default 1. */
        public Builder replicas(int replicas) {
            if (replicas < 1 || replicas > 5) {
                throw new IllegalArgumentException("replicas is 1 to 5, got " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        /**
         * More connection options (credentials, TLS, more servers) on top of the broker's own
         * (endless reconnects, a connection name, a queue that never blocks the emitting thread).
         */
        public Builder connectionOptions(Consumer<Options.Builder> options) {
            this.connectionOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        public NatsBroker build() {
            return new NatsBroker(this);
        }
    }
}
