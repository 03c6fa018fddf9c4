package dev.herald.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.it.ws.TestClient;
import dev.herald.redis.RedisBroker;
import dev.herald.runtime.cluster.Broker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cluster guarantees over a real {@code redis-server}, plus what only Redis has. */
class RedisClusterTest extends ClusterBehaviourTest {
    private RedisClient admin;
    private StatefulRedisConnection<String, byte[]> adminConnection;

    @Override
    protected BrokerProcess newServer() {
        return new RedisProcess();
    }

    @Override
    protected Broker broker(int port, long maxLength) {
        return RedisBroker.builder("redis://127.0.0.1:" + port)
                .maxLength(maxLength)
                .build();
    }

    @Override
    protected void restartWithoutData() {
        server.kill(); // no RDB, no AOF: it comes back empty
        server.start();
    }

    @Override
    protected void appendForeign(String eventName, byte[] body) throws IOException {
        // Numbered like any node's entry, so that only its content is wrong.
        admin().sync()
                .eval(
                        publishScript(),
                        ScriptOutputType.INTEGER,
                        new String[] {"{herald}:meta", RedisBroker.DEFAULT_STREAM},
                        bytes("10000"),
                        bytes("intruder"),
                        bytes("intruder-epoch"),
                        bytes("d"),
                        body);
    }

    @AfterEach
    void closeAdmin() {
        if (admin != null) {
            admin.shutdown();
        }
    }

    @Test
    void anEntryWithoutNumbering_isSkippedAndLoggedOnce_withoutAGap() throws Exception {
        Node b = node("b");
        TestClient onB = b.client();

        String log;
        try (LogCapture capture = new LogCapture()) {
            admin().sync().xadd(RedisBroker.DEFAULT_STREAM, Map.of("hello", bytes("world")));
            admin().sync().xadd(RedisBroker.DEFAULT_STREAM, Map.of("hello", bytes("again")));
            appendForeign("fs.created", validFrom("a", 0));
            awaitReceived(onB, "a", 0);
            log = capture.text();
        }

        assertThat(onB.messages).hasSize(1);
        assertThat(log.split("it lacks the n, s and e fields", -1)).hasSize(2); // logged once
    }

    @Test
    void aNodeStartedWhileRedisIsDown_servesItsClients_andGivesThemResyncOnceRedisIsBack() throws Exception {
        server.kill();
        Node b = node("b"); // Redis unreachable: the node starts anyway
        TestClient onB = b.client();
        b.emit(0);
        awaitReceived(onB, "b", 0); // local events flow without Redis

        server.start();
        Node a = node("a");
        await("a $resync on b", () -> Received.of(onB).resyncs > 0);
        AtomicInteger next = new AtomicInteger();
        await(
                "b hearing a",
                () -> { // b reads the stream again
                    a.emit(next.getAndIncrement());
                    return Received.of(onB).max("a") >= 0;
                });
    }

    @Test
    void theMetaHashSitsBesideTheStream_inTheSameClusterSlot() {
        assertThat(RedisBroker.builder("redis://127.0.0.1:1").build().metaKey()).isEqualTo("{herald}:meta");
        assertThat(RedisBroker.builder("redis://127.0.0.1:1").stream("{orders}:events")
                        .build()
                        .metaKey())
                .isEqualTo("{orders}:meta");
        assertThat(RedisBroker.builder("redis://127.0.0.1:1").stream("plain")
                        .build()
                        .metaKey())
                .isEqualTo("plain:meta");
    }

    private StatefulRedisConnection<String, byte[]> admin() {
        if (admin == null) {
            admin = RedisClient.create(server.url());
            adminConnection = admin.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        }
        return adminConnection;
    }

    private static String publishScript() throws IOException {
        try (InputStream in = RedisBroker.class.getResourceAsStream("publish.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
