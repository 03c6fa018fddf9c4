package dev.herald.runtime.fanout;

import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.cluster.BrokerListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-memory stand-in for a broker's stream, shared by the nodes of a test (as centrifuge tests
 * its hub with a memory broker): one numbered list of entries; each node reads all of it in order
 * on a delivery thread of its own, its own entries included but for those it delivered itself.
 * Tests of real brokers live in their modules.
 */
final class MemoryBrokers {
    static final String EPOCH = "memory";

    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final List<Entry> stream = new ArrayList<>(); // guarded by this

    private record Entry(long seq, String node, boolean deliveredHere, byte[] envelope) {}

    Node node() {
        return new Node();
    }

    /** Appends raw bytes, as a foreign writer to the stream would. */
    void inject(byte[] envelope) {
        append("foreign", envelope, false);
    }

    private void append(String node, byte[] envelope, boolean deliveredHere) {
        synchronized (this) {
            stream.add(new Entry(stream.size() + 1, node, deliveredHere, envelope));
        }
        nodes.forEach(Node::readSoon);
    }

    private synchronized List<Entry> after(long seq) {
        return new ArrayList<>(stream.subList((int) Math.min(seq, stream.size()), stream.size()));
    }

    private synchronized long lastSeq() {
        return stream.size();
    }

    final class Node implements Broker {
        private final ExecutorService delivery = Executors.newSingleThreadExecutor();
        volatile String nodeId;
        volatile BrokerListener listener;
        volatile boolean closed;
        /** While false the node cannot read: it heard unavailable. */
        private volatile boolean reading = true;

        private long position; // the delivery thread's

        @Override
        public void start(String nodeId, BrokerListener listener) {
            this.nodeId = nodeId;
            this.listener = listener;
            long last = lastSeq();
            position = Math.max(0, last - listener.retainedEvents());
            listener.streaming(EPOCH, position);
            read(); // the retained entries, before start returns
            nodes.add(this);
        }

        @Override
        public void publish(String eventName, byte[] envelope, boolean deliveredHere) {
            append(nodeId, envelope, deliveredHere);
        }

        /** Tells this node that events may have been lost. */
        void gap(String reason) {
            delivery.execute(() -> listener.gap(reason));
        }

        /** This node loses the stream, until {@link #back}. */
        void outage() {
            delivery.execute(() -> {
                reading = false;
                listener.unavailable("test outage");
            });
        }

        /** This node reads the stream again, from where it stopped. */
        void back() {
            delivery.execute(() -> {
                reading = true;
                listener.streaming(EPOCH, position);
                read();
            });
        }

        private void readSoon() {
            if (!closed) {
                delivery.execute(this::read);
            }
        }

        private void read() {
            if (!reading || closed) {
                return;
            }
            for (Entry entry : after(position)) {
                position = entry.seq();
                if (!(entry.deliveredHere() && entry.node().equals(nodeId))) {
                    listener.received(EPOCH, entry.seq(), System.currentTimeMillis(), entry.envelope());
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            nodes.remove(this);
            delivery.shutdown();
        }
    }
}
