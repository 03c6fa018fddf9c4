package dev.herald.sample.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.it.ws.Envelopes;
import dev.herald.jakarta.EventEndpoint;
import dev.herald.runtime.json.Jackson;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample app on a random port with real WebSocket clients: the events endpoint shares the port,
 * the login and the origin rules of the app's HTTP API.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.tomcat.connection-timeout=1s",
            "management.endpoints.web.exposure.include=prometheus",
            // Spring Boot's tests turn metrics export off unless a test asks for it
            "management.prometheus.metrics.export.enabled=true"
        })
class NotesAppTest {
    private static final Map<String, String> ALICE = basic("alice");
    private static final Map<String, String> BOB = basic("bob");

    @Value("${local.server.port}")
    int port;

    @Autowired
    EventEndpoint endpoint;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeAll
    static void versions() {
        System.out.println("Spring Boot " + SpringBootVersion.getVersion() + ", Herald's JSON on Jackson " + Jackson.detected());
    }

    private static Map<String, String> basic(String user) {
        return Map.of(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8)));
    }

    private WsClient connect(String pathAndQuery, Map<String, String> headers) throws InterruptedException {
        WsClient client = WsClient.open(port, pathAndQuery, headers);
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
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String createNote(Map<String, String> user, String title) throws Exception {
        HttpResponse<String> created = request("POST", "/api/notes", "{\"title\":\"" + title + "\"}", user);
        assertThat(created.statusCode()).isEqualTo(201);
        return created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    @AfterEach
    void closeClients() throws InterruptedException {
        for (WsClient client : clients) {
            client.closeBlocking();
        }
        awaitConnections(0);
    }

    /** Every test here runs on the servlet upgrade, behind the app's Spring Security filters. */
    @Test
    void onTomcat_theEndpointTakesItsConnectionsOverWithAServletUpgrade() {
        assertThat(endpoint.deployment()).contains(EventEndpoint.Deployment.SERVLET_UPGRADE);
    }

    @Test
    void aLoggedInUser_getsTheEventsOfTheirNotes_onTheAppsOwnPort() throws Exception {
        WsClient alice = connect("/api/events/ws", ALICE);
        awaitConnections(1);

        String id = createNote(ALICE, "Groceries"); // published through ApplicationEventPublisher
        assertThat(request("PUT", "/api/notes/" + id, "{\"title\":\"Shopping\"}", ALICE).statusCode())
                .isEqualTo(200);
        assertThat(request("DELETE", "/api/notes/" + id, null, ALICE).statusCode()).isEqualTo(204);

        List<String> frames = alice.awaitMessages(3, 5000);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0))
                .matches("\\{\"event\":\"note.created\",\"data\":\\{\"owner\":\"alice\",\"id\":\"" + id
                        + "\",\"title\":\"Groceries\"},\"ts\":\\d{13},\"id\":\"[a-z0-9]+-\\d+\"}");
        assertThat(frames.get(1)).startsWith("{\"event\":\"note.updated\",\"data\":{\"owner\":\"alice\",\"id\":\"" + id
                + "\",\"title\":\"Shopping\"}");
        assertThat(frames.get(2)).startsWith("{\"event\":\"note.deleted\",\"data\":{\"owner\":\"alice\",\"id\":\"" + id);
    }

    /**
     * The controller returns the event records themselves; Spring's mapper writes them with the
     * generated codecs the starter registered, so the HTTP body holds exactly the socket's
     * {@code data}, text that Jackson would otherwise write differently (emoji, escapes) included.
     */
    @Test
    void aControllerReturningEventRecords_writesTheSocketFramesData_byteForByte() throws Exception {
        WsClient alice = connect("/api/events/ws", ALICE);
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
        String body = new String(history.body(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("[" + Envelopes.data(frames.get(0)) + "," + Envelopes.data(frames.get(1)) + "]");
        assertThat(body).contains("\"title\":\"caf\u00e9 \\\"quoted\\\" ").contains("tab\\t end\"");
    }

    @Test
    void theAccessPolicy_showsEachUserOnlyTheirOwnNotes() throws Exception {
        WsClient alice = connect("/api/events/ws", ALICE);
        WsClient bob = connect("/api/events/ws", BOB);
        awaitConnections(2);

        createNote(ALICE, "alice's");
        createNote(BOB, "bob's");

        assertThat(alice.awaitMessages(1, 5000)).singleElement().asString().contains("\"owner\":\"alice\"");
        assertThat(bob.awaitMessages(1, 5000)).singleElement().asString().contains("\"owner\":\"bob\"");
        createNote(BOB, "bob's second"); // once alice's client could have had bob's first, it has had it
        assertThat(bob.awaitMessages(2, 5000)).hasSize(2);
        assertThat(alice.messages).hasSize(1);
    }

    @Test
    void aFormLoginsSessionCookie_admitsTheClient() throws Exception {
        HttpResponse<String> login = request(
                "POST",
                "/login",
                "username=alice&password=secret",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(cookie).startsWith("JSESSIONID=");

        WsClient client = connect("/api/events/ws?events=note.created", Map.of("Cookie", cookie));
        awaitConnections(1);
        createNote(ALICE, "via cookie");

        assertThat(client.awaitMessages(1, 5000)).singleElement().asString().contains("\"title\":\"via cookie\"");
    }

    /** The starter's meters reach the app's registry: Prometheus shows connections and refusals as they happen. */
    @Test
    void heraldsMeters_areAtActuatorPrometheus_andMoveWithConnectionsAndRefusals() throws Exception {
        double refusedBefore = meter("herald_connections_refused_total{code=\"4401\",transport=\"jakarta\"}");
        WsClient alice = connect("/api/events/ws", ALICE);
        awaitConnections(1);
        WsClient anonymous = connect("/api/events/ws", Map.of());
        assertThat(anonymous.awaitClose(5000)).isEqualTo(4401);

        assertThat(meter("herald_connections{transport=\"jakarta\"}")).isEqualTo(1);
        assertThat(meter("herald_connections_refused_total{code=\"4401\",transport=\"jakarta\"}"))
                .isEqualTo(refusedBefore + 1);
        createNote(ALICE, "counted");
        assertThat(alice.awaitMessages(1, 5000)).hasSize(1);
        assertThat(meter("herald_frames_sent_total{transport=\"jakarta\"}")).isPositive();
        assertThat(meter("herald_emit_to_write_seconds_count{transport=\"jakarta\"}")).isPositive();
    }

    /** One sample of {@code /actuator/prometheus}, as the logged-in user scrapes it; 0 when absent. */
    private double meter(String series) throws Exception {
        HttpResponse<String> scrape = request("GET", "/actuator/prometheus", null, ALICE);
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        return PrometheusScrape.sample(scrape.body(), series).orElse(0);
    }

    @Test
    void anonymous_isClosedWith4401_beforeAnyEvent() throws Exception {
        WsClient anonymous = connect("/api/events/ws", Map.of());
        createNote(ALICE, "not for strangers");

        assertThat(anonymous.awaitClose(5000)).isEqualTo(4401);
        assertThat(anonymous.closeReason).isEqualTo("not authenticated");
        assertThat(anonymous.messages).isEmpty();
    }

    @Test
    void aHalfSentUpgradeRequest_isClosedByTheServer_whileOthersAreServed() throws Exception {
        try (Socket half = new Socket("127.0.0.1", port)) {
            half.getOutputStream()
                    .write("GET /api/events/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            WsClient alice = connect("/api/events/ws", ALICE);
            awaitConnections(1);
            createNote(ALICE, "while another client dawdles");
            assertThat(alice.awaitMessages(1, 5000)).hasSize(1);

            half.setSoTimeout(10_000); // a read that times out fails the test
            byte[] buffer = new byte[1024];
            while (half.getInputStream().read(buffer) != -1) {
                // whatever the server answers before it closes (Tomcat may say 400 or nothing)
            }
        }
    }

    @Test
    void badInput_isRefusedAsTheEndpointSays_andTheAppKeepsServing() throws Exception {
        WsClient badQuery = connect("/api/events/ws?events=no-dot", ALICE);
        WsClient foreign = connect("/api/events/ws", Map.of("Origin", "https://evil.example.com", "Authorization", ALICE.get("Authorization")));
        WsClient wrongPath = connect("/api/events/other", ALICE);
        WsClient talker = connect("/api/events/ws", ALICE);
        awaitConnections(1);
        talker.send("x".repeat(5 * 1024));

        assertThat(badQuery.awaitClose(5000)).isEqualTo(4400);
        assertThat(foreign.awaitClose(5000)).isEqualTo(4403);
        assertThat(wrongPath.isOpen()).isFalse();
        assertThat(talker.awaitClose(5000)).isEqualTo(1009);
        assertThat(request("GET", "/api/notes", null, ALICE).statusCode()).isEqualTo(200);

        WsClient fine = connect("/api/events/ws", ALICE);
        awaitConnections(1);
        createNote(ALICE, "still working");
        assertThat(fine.awaitMessages(1, 5000)).hasSize(1);
    }
}
