package dev.herald.nats;

import dev.herald.runtime.cluster.BrokerListener;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's ordered consumer of the stream and the numbering check on what it delivers: each
 * message's stream sequence must be the last plus one, else the messages between were deleted
 * before this node read them (also when the library had to recreate the consumer).
 *
 * <p>Threading: the library's dispatcher thread delivers messages ({@link #onMessage}) and the
 * broker's maintenance thread runs {@link #check}; both hold {@link #lock} while they read or move
 * the position or call the listener, so the listener hears one thing at a time, in stream order. A
 * consumer replaced by {@link #resume} may still deliver; its messages carry an old generation and
 * are dropped.
 */
final class StreamFollower {
    private static final Logger LOG = LoggerFactory.getLogger(NatsBroker.class);

    private final Connection connection;
    private final String stream;
    private final String subjects;
    private final String lostSubject;
    private final String nodeId;
    private final BrokerListener listener;
    private final Dispatcher dispatcher;

    private final Object lock = new Object();
    private long lastSeq; // guarded by lock
    private ZonedDateTime created; // guarded by lock: a new one means the server lost the stream
    private int generation; // guarded by lock
    private JetStreamSubscription consumer; // guarded by lock

    StreamFollower(Connection connection, String stream, String prefix, String nodeId, BrokerListener listener) {
        this.connection = connection;
        this.stream = stream;
        this.subjects = prefix + ".>";
        this.lostSubject = prefix + "." + NatsBroker.LOST;
        this.nodeId = nodeId;
        this.listener = listener;
        this.dispatcher = connection.createDispatcher();
    }

    /** Follows the stream from the message after its last one now. */
    void start(StreamInfo info) throws IOException, JetStreamApiException {
        int current;
        long from;
        synchronized (lock) {
            created = info.getCreateTime();
            lastSeq = info.getStreamState().getLastSequence();
            current = ++generation;
            from = lastSeq + 1;
        }
        follow(current, from);
    }

    /**
     * After a reconnect: a new consumer from the message after the last one read, because the
     * library's own would sit out a heartbeat alarm before it resumes. When the server lost the
     * stream (created anew, or its sequence went back), a gap first, and from its current end.
     * Otherwise the numbering of what comes next shows whether anything was deleted meanwhile.
     */
    void resume(StreamInfo info) throws IOException, JetStreamApiException {
        JetStreamSubscription old;
        int current;
        long from;
        synchronized (lock) {
            long serverLast = info.getStreamState().getLastSequence();
            if (!info.getCreateTime().equals(created) || serverLast < lastSeq) {
                gap("the NATS server lost the stream " + stream + " (it was created anew)");
                created = info.getCreateTime();
                lastSeq = serverLast;
            }
            old = consumer;
            current = ++generation; // what the old consumer still delivers is dropped from here on
            from = lastSeq + 1;
        }
        stop(old);
        follow(current, from);
    }

    void close() {
        JetStreamSubscription old;
        synchronized (lock) {
            generation++;
            old = consumer;
        }
        stop(old);
    }

    /**
     * Starts a consumer of generation {@code current} at stream sequence {@code from}. Never under
     * the lock: the library's calls may wait for a delivery that waits for the lock.
     */
    private void follow(int current, long from) throws IOException, JetStreamApiException {
        PushSubscribeOptions options = PushSubscribeOptions.builder().stream(stream)
                .ordered(true)
                .configuration(ConsumerConfiguration.builder()
                        .deliverPolicy(DeliverPolicy.ByStartSequence)
                        .startSequence(from)
                        .build())
                .build();
        JetStreamSubscription started = connection
                .jetStream()
                .subscribe(subjects, dispatcher, message -> onMessage(current, message), false, options);
        boolean replaced;
        synchronized (lock) {
            replaced = current != generation;
            if (!replaced) {
                consumer = started;
            }
        }
        if (replaced) {
            stop(started); // closed or resumed meanwhile
        }
    }

    private void stop(JetStreamSubscription consumer) {
        if (consumer != null && consumer.isActive()) {
            dispatcher.unsubscribe(consumer);
        }
    }

    private void onMessage(int from, Message message) {
        synchronized (lock) {
            if (from != generation) {
                return; // a replaced consumer
            }
            long seq = message.metaData().streamSequence();
            if (seq <= lastSeq) {
                return; // delivered before: a consumer that restarted a little early
            }
            if (seq != lastSeq + 1) {
                gap("messages " + (lastSeq + 1) + " to " + (seq - 1) + " were deleted before this node read them");
            }
            lastSeq = seq;
            Headers headers = message.getHeaders();
            String sender = headers == null ? null : headers.getFirst(NatsBroker.NODE_HEADER);
            if (nodeId.equals(sender)) {
                return; // this node's clients had it locally
            }
            if (message.getSubject().equals(lostSubject)) {
                gap("node " + sender + " could not publish " + new String(message.getData(), StandardCharsets.US_ASCII)
                        + " events");
                return;
            }
            try {
                listener.received(message.getData());
            } catch (RuntimeException e) {
                LOG.error("The fan-out core failed on an envelope from another node", e);
            }
        }
    }

    private void gap(String reason) {
        try {
            listener.gap(reason);
        } catch (RuntimeException e) {
            LOG.error("The fan-out core failed on a gap", e);
        }
    }
}
