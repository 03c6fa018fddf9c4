package dev.herald.sample.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.it.ws.SseClient;
import dev.herald.jakarta.EventEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * With {@code herald.websocket.servlet-upgrade=false} the endpoint goes through Tomcat's Jakarta
 * WebSocket API, as on a server without the servlet upgrade, with the same login and events, and
 * the event stream through a servlet of its own at the same path.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "herald.websocket.servlet-upgrade=false")
class JakartaWebSocketPathTest {
    private static final Map<String, String> ALICE = Map.of(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));

    @Value("${local.server.port}")
    int port;

    @Autowired
    EventEndpoint endpoint;

    @Test
    void theEndpointUsesTheJakartaWebSocketApi_withTheSameLoginAndEvents() throws Exception {
        assertThat(endpoint.deployment()).contains(EventEndpoint.Deployment.JAKARTA_WEBSOCKET);
        WsClient alice = WsClient.open(port, "/api/events/ws", ALICE);
        SseClient aliceStream = SseClient.connect(port, "/api/events/ws", ALICE); // the event stream's own servlet
        try {
            long deadline = System.currentTimeMillis() + 5000;
            while (endpoint.connectionCount() != 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            HttpRequest.Builder create = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notes"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Groceries\"}"))
                    .header("Content-Type", "application/json");
            ALICE.forEach(create::header);
            HttpResponse<String> created =
                    HttpClient.newHttpClient().send(create.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);

            List<String> frames = alice.awaitMessages(1, 5000);
            assertThat(frames).singleElement().asString().startsWith("{\"event\":\"note.created\"");
            assertThat(aliceStream.awaitEvents(1, 5000)).isEqualTo(frames);
        } finally {
            alice.closeBlocking();
            aliceStream.close();
        }
    }
}
