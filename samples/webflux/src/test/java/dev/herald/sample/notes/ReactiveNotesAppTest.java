package dev.herald.sample.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.it.ws.SseClient;
import dev.herald.it.ws.Envelopes;
import dev.herald.it.ws.TestClient;
import dev.herald.runtime.json.Jackson;
import dev.herald.webflux.ReactiveEventEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reactive notes app on a random port with real WebSocket and event-stream clients: Herald's
 * WebFlux starter serves both at the app's events path, behind Spring Security's reactive login,
 * with the app's access policy, its meters and its health.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,prometheus",
            "management.endpoint.health.show-details=always",
            // Spring Boot's tests turn metrics export off unless a test asks for it
            "management.prometheus.metrics.export.enabled=true"
        })
class ReactiveNotesAppTest {
    private static final Map<String, String> ALICE = basic("alice");
    private static final Map<String, String> BOB = basic("bob");

    @Value("${local.server.port}")
    int port;

    @Autowired
    ReactiveEventEndpoint endpoint;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    private static Map<String, String> basic(String user) {
        return Map.of(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8)));
    }

    private TestClient socket(Map<String, String> headers) throws InterruptedException {
        TestClient client = TestClient.connect(port, "/api/events/ws", headers);
        clients.add(client::closeBlocking);
        return client;
    }

    private SseClient stream(Map<String, String> headers) throws Exception {
        SseClient client = SseClient.connect(port, "/api/events/ws", headers);
        clients.add(client);
        return client;
    }

    private void awaitConnections(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (endpoint.connectionCount() != count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(endpoint.connectionCount()).isEqualTo(count);
    }

    private HttpResponse<String> request(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String createNote(Map<String, String> user, String title) throws Exception {
        HttpResponse<String> created = request("POST", "/api/notes", "{\"title\":\"" + title + "\"}", user);
        assertThat(created.statusCode()).isEqualTo(201);
        return created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void theWebFluxStarter_servesTheReactiveEndpoint_withoutAnyServletPart() {
        System.out.println("Spring Boot " + SpringBootVersion.getVersion());
        assertThat(endpoint.transport()).isEqualTo("webflux");
        assertThatThrownBy(() -> Class.forName("dev.herald.jakarta.EventEndpoint"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("jakarta.servlet.Servlet")).isInstanceOf(ClassNotFoundException.class);
    }

    /** Boot 3.5 brings Jackson 2 only; the Boot 4 build has no Jackson 2 jar, and Herald runs on Jackson 3. */
    @Test
    void herald_runsOnTheJacksonOfTheBootVersion() {
        boolean boot4 = SpringBootVersion.getVersion().startsWith("4.");
        assertThat(Jackson.detected()).isEqualTo(boot4 ? Jackson.V3 : Jackson.V2);
        if (boot4) {
            assertThatThrownBy(() -> Class.forName("com.fasterxml.jackson.core.JsonFactory"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void aLoggedInUser_getsTheEventsOfTheirNotes_overWebSocket_andNoOneElsesNotes() throws Exception {
        TestClient alice = socket(ALICE);
        TestClient bob = socket(BOB);
        awaitConnections(2);

        String id = createNote(ALICE, "Reactive");

        assertThat(alice.awaitMessages(1, 5000))
                .singleElement()
                .asString()
                .startsWith("{\"event\":\"note.created\",\"data\":{\"owner\":\"alice\",\"id\":\"" + id + "\"");
        assertThat(bob.awaitMessages(1, 300)).as("bob hears nothing of alice's notes").isEmpty();
    }

    /** A controller returning event records writes, through Boot's mapper, the socket frames' data. */
    @Test
    void aControllerReturningEventRecords_writesTheSocketFramesData_byteForByte() throws Exception {
        TestClient alice = socket(ALICE);
        awaitConnections(1);

        String id = createNote(ALICE, "caf\u00e9 \\\"quoted\\\" \uD83D\uDC4D </script>");
        assertThat(request("PUT", "/api/notes/" + id, "{\"title\":\"\uD83C\uDF89 tab\\t end\"}", ALICE).statusCode())
                .isEqualTo(200);
        List<String> frames = alice.awaitMessages(2, 5000);
        assertThat(frames).hasSize(2);

        HttpResponse<byte[]> history = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notes/" + id + "/history"))
                        .header("Authorization", ALICE.get("Authorization"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(new String(history.body(), StandardCharsets.UTF_8))
                .isEqualTo("[" + Envelopes.data(frames.get(0)) + "," + Envelopes.data(frames.get(1)) + "]");
    }

    @Test
    void anonymous_isRefused_with4401OnTheSocket_and401OnTheStream() throws Exception {
        TestClient socket = new TestClient(port, "/api/events/ws", Map.of());
        clients.add(socket::closeBlocking);
        socket.connectBlocking(); // upgraded, then closed with the refusal
        assertThat(socket.awaitClose(5000)).isEqualTo(4401);
        assertThat(socket.closeReason).isEqualTo("not authenticated");
        SseClient stream = stream(Map.of());
        assertThat(stream.status()).isEqualTo(401);
        assertThat(stream.body()).contains("not authenticated");
        assertThat(endpoint.connectionCount()).isZero();
    }

    @Test
    void theEventStream_carriesTheSameJson_andResumesFromTheLastEventId() throws Exception {
        SseClient alice = stream(ALICE);
        TestClient socket = socket(ALICE);
        assertThat(alice.status()).isEqualTo(200);
        assertThat(alice.header("Content-Type")).startsWith("text/event-stream");
        assertThat(alice.header("X-Accel-Buffering")).isEqualTo("no");
        awaitConnections(2);

        createNote(ALICE, "First");
        List<String> frames = socket.awaitMessages(1, 5000);
        assertThat(alice.awaitEvents(1, 5000)).isEqualTo(frames);
        String lastId = alice.ids.get(alice.ids.size() - 1);
        alice.close();
        awaitConnections(1);

        createNote(ALICE, "While away");
        List<String> missed = socket.awaitMessages(2, 5000);
        Map<String, String> resuming = new HashMap<>(ALICE);
        resuming.put("Last-Event-ID", lastId);
        SseClient back = stream(resuming);
        List<String> resumed = back.awaitEvents(2, 5000);
        assertThat(resumed).as("the missed event, then $resumed").hasSize(2);
        assertThat(resumed.get(0)).isEqualTo(missed.get(1));
        assertThat(resumed.get(1)).startsWith("{\"event\":\"$resumed\"").contains("\"replayed\":1");
    }

    @Test
    void heraldsMeters_andHealth_nameTheWebFluxTransport() throws Exception {
        socket(ALICE);
        awaitConnections(1);
        HttpResponse<String> scrape = request("GET", "/actuator/prometheus", null, ALICE);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).containsPattern("herald_connections\\{transport=\"webflux\"} 1\\.0");
        HttpResponse<String> health = request("GET", "/actuator/health/herald", null, Map.of());
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    /** Shutting the app down drains the endpoint: each client is closed with 1012, to come back elsewhere. */
    @Test
    void shuttingTheAppDown_closesEveryClientWith1012() throws Exception {
        SpringApplication app = new SpringApplication(ReactiveNotesApplication.class);
        app.setWebApplicationType(WebApplicationType.REACTIVE);
        ConfigurableApplicationContext context = app.run("--server.port=0", "--spring.jmx.enabled=false");
        int otherPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        TestClient client = TestClient.connect(otherPort, "/api/events/ws", ALICE);
        SseClient stream = SseClient.connect(otherPort, "/api/events/ws", ALICE);
        clients.add(stream);
        ReactiveEventEndpoint other = context.getBean(ReactiveEventEndpoint.class);
        long deadline = System.currentTimeMillis() + 5000;
        while (other.connectionCount() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }

        context.close();

        assertThat(client.awaitClose(5000)).isEqualTo(1012);
        assertThat(stream.awaitEnd(5000)).isTrue();
        assertThat(stream.other).anyMatch(line -> line.startsWith(": closed 1012"));
    }
}
