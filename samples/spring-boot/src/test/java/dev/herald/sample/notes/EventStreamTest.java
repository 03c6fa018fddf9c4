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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * For browsers behind a proxy that refuses WebSocket upgrades: the endpoint's path serves the
 * events as Server-Sent Events, behind the same login and access policy, with the socket's JSON.
 * (A context of its own: a closed stream is noticed at the server's next write to it, so its
 * connections would still count in the other tests' context for a while.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "herald.websocket.event-stream=true")
class EventStreamTest {
    private static final Map<String, String> ALICE = basic("alice");
    private static final Map<String, String> BOB = basic("bob");

    @Value("${local.server.port}")
    int port;

    @Autowired
    EventEndpoint endpoint;

    @Test
    void theEndpointsPath_servesTheEventStream_withTheLoginAndTheAccessPolicy() throws Exception {
        SseClient alice = SseClient.connect(port, "/api/events/ws", ALICE);
        SseClient bob = SseClient.connect(port, "/api/events/ws", BOB);
        SseClient anonymous = SseClient.connect(port, "/api/events/ws", Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).contains("not authenticated");
        assertThat(alice.status()).isEqualTo(200);
        assertThat(alice.header("Content-Type")).startsWith("text/event-stream");
        long deadline = System.currentTimeMillis() + 5000;
        while (endpoint.connectionCount() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }

        HttpRequest.Builder create = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notes"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Streamed\"}"))
                .header("Content-Type", "application/json");
        ALICE.forEach(create::header);
        HttpResponse<String> created = HttpClient.newHttpClient().send(create.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        assertThat(alice.awaitEvents(1, 5000))
                .singleElement()
                .asString()
                .startsWith("{\"event\":\"note.created\",\"data\":{\"owner\":\"alice\",\"id\":\"" + id + "\"");
        assertThat(alice.ids).last().asString().matches("[a-z0-9]+-\\d+");
        assertThat(bob.awaitEvents(1, 300)).isEmpty();
        alice.close();
        bob.close();
    }

    private static Map<String, String> basic(String user) {
        return Map.of(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8)));
    }
}
