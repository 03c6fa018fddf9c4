package dev.herald.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.jakarta.EventEndpoint;
import dev.herald.seed.fs.FsCreated;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;

/**
 * The behaviour tests on {@link EventEndpoint} in embedded Tomcat 11, deployed on the servlet
 * context: Tomcat gets the servlet upgrade, Herald's fast path.
 */
class TomcatUpgradeEndpointTest extends TomcatEndpointTest {
    @Override
    protected void deploy(EventEndpoint endpoint, Context context, boolean started) throws Exception {
        if (!started) {
            endpoint.deploy(context.getServletContext());
        } else {
            assertThat(endpoint.deployment()).contains(EventEndpoint.Deployment.SERVLET_UPGRADE);
        }
    }

    /** The connector's TLS is the upgraded connection's: Herald's frames go out through it. */
    @Test
    void overTheConnectorsTls_eventsArriveAndStopClosesWith1012() throws Exception {
        TlsKeys keys = TlsKeys.create();
        server = start(bus, options -> {}, "", keys);
        TestClient client = new TestClient(URI.create("wss://localhost:" + server.port() + "/api/events/ws"), Map.of());
        client.setSocketFactory(keys.clientContext().getSocketFactory());
        assertThat(client.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
        toClose.add(client::closeBlocking);
        awaitConnections(1);

        for (int i = 0; i < 200; i++) {
            bus.emit(new FsCreated("asset-" + i, "/tls/" + "x".repeat(i * 10), false));
        }

        List<String> messages = client.awaitMessages(200, 10_000);
        assertThat(messages).hasSize(200);
        assertThat(messages.get(199)).contains("\"AssetID\":\"asset-199\"");
        server.stop(Duration.ofSeconds(2));
        assertThat(client.awaitClose(5000)).isEqualTo(1012);
    }

    /** A request that is no WebSocket handshake gets an HTTP status that says what is wrong, and no connection. */
    @Test
    void aBadHandshake_getsAStatusThatSaysWhy() throws Exception {
        server = start(bus, options -> {});
        String upgrade =
                "GET /api/events/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";

        assertThat(respond("GET /api/events/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                .startsWith("HTTP/1.1 426")
                .containsIgnoringCase("upgrade: websocket");
        assertThat(respond(upgrade + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n"))
                .startsWith("HTTP/1.1 426")
                .containsIgnoringCase("sec-websocket-version: 13");
        assertThat(respond(upgrade + "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(server.connectionCount()).isZero();
    }

    private String respond(String request) throws Exception {
        try (RawSocket raw = RawSocket.connect(server.port())) {
            raw.write(request);
            return raw.readHeaders();
        }
    }

    @Override
    protected int abandonedClientCloseMillis() {
        return 5000; // Herald's own close grace, not Tomcat's session close timeout
    }
}
