package dev.herald.nats;

import dev.herald.runtime.cluster.BrokerListener;
import dev.herald.runtime.cluster.PublishNumbers;
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
 * before this node read them (also when the library had to recreate the consumer). Every message
 * goes to the listener with its position, this node's own too, but for those it delivered itself
 * (the {@value NatsBroker#HERE_HEADER} header).
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
    /** This node's publishes counted as lost: read back, they are skipped (its clients get $resync for them). */
    private final PublishNumbers numbers;

    private final Dispatcher dispatcher;

    private final Object lock = new Object();
    private long lastSeq; // guarded by lock
    private ZonedDateTime created; // guarded by lock: a new one means the server lost the stream
    private int generation; // guarded by lock
    private JetStreamSubscription consumer; // guarded by lock
    /** Messages of the stream after the last one read, as the server said with that one. */
    private volatile long lag;
    /** False from unavailable to resume: messages still buffered then come again after resume. Guarded by lock. */
    private boolean reading = true;

    StreamFollower(
            Connection connection,
            String stream,
            String prefix,
            String nodeId,
            PublishNumbers numbers,
            BrokerListener listener) {
        this.numbers = numbers;
        this.connection = connection;
        this.stream = stream;
        this.subjects = prefix + ".>";
        this.lostSubject = prefix + "." + NatsBroker.LOST;
        this.nodeId = nodeId;
        this.listener = listener;
        this.dispatcher = connection.createDispatcher();
    }

    /**
     * Follows the stream from the latest messages the listener keeps (they arrive through the
     * consumer like new ones), after telling the listener where they start.
     */
    void start(StreamInfo info) throws IOException, JetStreamApiException {
        int current;
        long from;
        synchronized (lock) {
            created = info.getCreateTime();
            long last = info.getStreamState().getLastSequence();
            long first = Math.max(1, info.getStreamState().getFirstSequence());
            lastSeq = Math.max(first - 1, last - Math.max(0, listener.retainedEvents()));
            current = ++generation;
            from = lastSeq + 1;
            listener.streaming(epoch(), lastSeq);
        }
        follow(current, from);
    }

    /** The connection is lost: the listener delivers this node's events itself until {@link #resume}. */
    void unavailable(String reason) {
        synchronized (lock) {
            reading = false;
            listener.unavailable(reason);
        }
    }

    /** Messages of the stream this node has not read yet, as last measured. */
    long lag() {
        return lag;
    }

    /** The stream's epoch: its creation time, in base 36. */
    private String epoch() {
        return Long.toString(created.toInstant().toEpochMilli(), 36);
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
            lag = Math.max(0, serverLast - lastSeq);
            old = consumer;
            current = ++generation; // what the old consumer still delivers is dropped from here on
            from = lastSeq + 1;
            reading = true;
            listener.streaming(epoch(), lastSeq);
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
            if (from != generation || !reading) {
                return; // a replaced consumer, or one that delivers again after resume
            }
            long seq = message.metaData().streamSequence();
            if (seq <= lastSeq) {
                return; // delivered before: a consumer that restarted a little early
            }
            if (seq != lastSeq + 1) {
                gap("messages " + (lastSeq + 1) + " to " + (seq - 1) + " were deleted before this node read them");
            }
            lastSeq = seq;
            lag = message.metaData().pendingCount();
            Headers headers = message.getHeaders();
            String sender = headers == null ? null : headers.getFirst(NatsBroker.NODE_HEADER);
            if (message.getSubject().equals(lostSubject)) {
                gap("node " + sender + " could not publish " + new String(message.getData(), StandardCharsets.US_ASCII)
                        + " events");
                return;
            }
            if (nodeId.equals(sender)
                    && (headers.getFirst(NatsBroker.HERE_HEADER) != null
                            || countedLost(headers.getFirst(NatsBroker.NUMBER_HEADER)))) {
                return; // this node delivered it itself, or counted it as lost (a $resync covers it)
            }
            try {
                listener.received(
                        epoch(), seq, message.metaData().timestamp().toInstant().toEpochMilli(), message.getData());
            } catch (RuntimeException e) {
                LOG.error("The fan-out core failed on an envelope from the stream", e);
            }
        }
    }

    private boolean countedLost(String number) {
        try {
            return number != null && numbers.countedLost(Long.parseLong(number));
        } catch (NumberFormatException e) {
            return false;
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
