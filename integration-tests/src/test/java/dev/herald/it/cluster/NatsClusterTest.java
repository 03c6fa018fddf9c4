package dev.herald.it.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.nats.NatsBroker;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.ws.EventWebSocketServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cluster guarantees over a real {@code nats-server -js}, plus what only NATS has. */
class NatsClusterTest extends ClusterBehaviourTest {
    private Connection admin;

    @Override
    protected BrokerProcess newServer() {
        return new NatsProcess();
    }

    @Override
    protected Broker broker(int port, long maxLength) {
        return NatsBroker.builder("nats://127.0.0.1:" + port)
                .maxMessages(maxLength)
                .build();
    }

    @Override
    protected void restartWithoutData() {
        server.kill();
        ((NatsProcess) server).deleteStore();
        server.start();
    }

    @Override
    protected void appendForeign(String eventName, byte[] body) throws Exception {
        if (admin == null) {
            admin = Nats.connect(server.url());
        }
        admin.publish(NatsBroker.DEFAULT_SUBJECT_PREFIX + "." + eventName, body); // JetStream keeps it
        admin.flush(java.time.Duration.ofSeconds(2));
    }

    @AfterEach
    void closeAdmin() throws InterruptedException {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void aServerWithoutJetStream_isOneClearStartupError() {
        try (NatsProcess plain = new NatsProcess(false)) {
            plain.start();
            EventWebSocketServer.Builder node = EventWebSocketServer.builder(EventBus.create())
                    .bindAddress(new InetSocketAddress("127.0.0.1", 0))
                    .broker(NatsBroker.create(plain.url()));

            assertThatThrownBy(() -> node.build().start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("JetStream is not enabled on the NATS server at " + plain.url())
                    .hasMessageContaining("-js");
        }
    }

    @Test
    void anUnreachableServer_isOneClearStartupError() {
        NatsProcess never = new NatsProcess(); // a free port, nothing listening
        EventWebSocketServer.Builder node = EventWebSocketServer.builder(EventBus.create())
                .bindAddress(new InetSocketAddress("127.0.0.1", 0))
                .broker(NatsBroker.create(never.url()));

        assertThatThrownBy(() -> node.build().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot reach NATS at " + never.url());
        never.close();
    }
}
