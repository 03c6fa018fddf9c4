package dev.herald.runtime.fanout;

import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.cluster.BrokerListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-memory stand-in for a broker server, shared by the nodes of a test (as centrifuge tests its
 * hub with a memory broker): each node's {@link Broker} delivers what the others publish, in
 * publish order, on a delivery thread of its own. Tests of real brokers live in their modules.
 */
final class MemoryBrokers {
    private final List<Node> nodes = new CopyOnWriteArrayList<>();

    Node node() {
        return new Node();
    }

    /** Delivers raw bytes to every node, as a foreign writer to the stream would. */
    void inject(byte[] envelope) {
        nodes.forEach(node -> node.delivery.execute(() -> node.listener.received(envelope)));
    }

    final class Node implements Broker {
        private final ExecutorService delivery = Executors.newSingleThreadExecutor();
        volatile String nodeId;
        volatile BrokerListener listener;
        volatile boolean closed;

        @Override
        public void start(String nodeId, BrokerListener listener) {
            this.nodeId = nodeId;
            this.listener = listener;
            nodes.add(this);
        }

        @Override
        public void publish(String eventName, byte[] envelope) {
            for (Node other : nodes) {
                if (!other.nodeId.equals(nodeId)) {
                    other.delivery.execute(() -> other.listener.received(envelope));
                }
            }
        }

        /** Tells this node that events may have been lost. */
        void gap(String reason) {
            delivery.execute(() -> listener.gap(reason));
        }

        @Override
        public void close() {
            closed = true;
            nodes.remove(this);
            delivery.shutdown();
        }
    }
}
