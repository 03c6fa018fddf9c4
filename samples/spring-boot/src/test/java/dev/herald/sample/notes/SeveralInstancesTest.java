package dev.herald.sample.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.it.cluster.BrokerProcess;
import dev.herald.it.cluster.NatsProcess;
import dev.herald.it.cluster.RedisProcess;
import dev.herald.jakarta.EventEndpoint;
import dev.herald.nats.NatsBroker;
import dev.herald.redis.RedisBroker;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.cluster.Broker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the app on one real broker, configured by a property alone: a note created
 * through one instance reaches its owner's client on the other, and the other's access policy
 * still hides it from everyone else. (Each instance keeps its notes in memory; a real app would
 * share a database, the events are what this shows.)
 */
class SeveralInstancesTest {
    private static final Map<String, String> ALICE = basic("alice");
    private static final Map<String, String> BOB = basic("bob");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "nats"})
    void aNoteCreatedOnOneInstance_reachesItsOwnerOnTheOther(String brokerName) throws Exception {
        try (BrokerProcess server = brokerServer(brokerName)) {
            String property = brokerProperty(brokerName, server);
            try (ConfigurableApplicationContext one = start(property);
                    ConfigurableApplicationContext two = start(property)) {
                assertThat(two.getBean(Broker.class))
                        .isInstanceOf(brokerName.equals("redis") ? RedisBroker.class : NatsBroker.class);
                WsClient aliceOnTwo = WsClient.open(port(two), "/api/events/ws", ALICE);
                WsClient bobOnTwo = WsClient.open(port(two), "/api/events/ws", BOB);
                EventEndpoint endpointTwo = two.getBean(EventEndpoint.class);
                long deadline = System.currentTimeMillis() + 5000;
                while (endpointTwo.connectionCount() < 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }

                HttpResponse<String> created = HttpClient.newHttpClient()
                        .send(
                                post(port(one), "/api/notes", "{\"title\":\"Across\"}", ALICE),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).isEqualTo(201);

                assertThat(aliceOnTwo.awaitMessages(1, 5000))
                        .singleElement()
                        .asString()
                        .startsWith("{\"event\":\"note.created\",\"data\":{\"owner\":\"alice\"")
                        .contains("\"title\":\"Across\"");
                HttpClient.newHttpClient()
                        .send(
                                post(port(one), "/api/notes", "{\"title\":\"Later\"}", ALICE),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(aliceOnTwo.awaitMessages(2, 5000)).hasSize(2); // bob could have had the first by now
                assertThat(bobOnTwo.messages).isEmpty();
                aliceOnTwo.closeBlocking();
                bobOnTwo.closeBlocking();
            }
        }
    }

    /**
     * A rolling deploy: one instance shuts down gracefully, its clients get 1012 (service restart)
     * and reconnect to the other with their last position, where they get what they missed and
     * {@code $resumed}: no re-fetch.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "nats"})
    void aGracefulShutdown_closesClientsWith1012_andTheyResumeOnTheOtherInstance(String brokerName)
            throws Exception {
        try (BrokerProcess server = brokerServer(brokerName)) {
            String property = brokerProperty(brokerName, server);
            try (ConfigurableApplicationContext one = start(property);
                    ConfigurableApplicationContext two = start(property)) {
                WsClient onOne = WsClient.open(port(one), "/api/events/ws", ALICE);
                HttpClient http = HttpClient.newHttpClient();
                http.send(post(port(two), "/api/notes", "{\"title\":\"Before\"}", ALICE), HttpResponse.BodyHandlers.ofString());
                assertThat(onOne.awaitMessages(1, 5000)).hasSize(1);

                one.close(); // graceful: the events endpoint drains first
                assertThat(onOne.awaitClose(5000)).isEqualTo(1012);
                http.send(post(port(two), "/api/notes", "{\"title\":\"While away\"}", ALICE), HttpResponse.BodyHandlers.ofString());
                WsClient onTwo = WsClient.open(port(two), "/api/events/ws?since=" + onOne.lastPosition, ALICE);

                List<String> got = onTwo.awaitMessages(2, 5000);
                assertThat(got.get(0)).startsWith("{\"event\":\"note.created\"").contains("While away");
                assertThat(got.get(1)).matches("\\{\"event\":\"\\$resumed\",\"ts\":\\d+,\"replayed\":1}");
                onTwo.closeBlocking();
            }
        }
    }

    /**
     * What the on-call engineer sees of a broker outage: {@code /actuator/health/herald} goes DOWN
     * with the broker's problem while the test's server is killed, and UP again once it is back;
     * the Prometheus scrape shows the broker down, the note that could not be published as lost,
     * and the lag once reading again.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "nats"})
    void aBrokerOutage_isDownInTheHealthIndicator_andUpAfterItsRestart(String brokerName) throws Exception {
        try (BrokerProcess server = brokerServer(brokerName)) {
            try (ConfigurableApplicationContext app = start(
                    brokerProperty(brokerName, server),
                    "management.endpoints.web.exposure.include=health,prometheus",
                    "management.endpoint.health.show-details=always",
                    "management.prometheus.metrics.export.enabled=true",
                    "management.metrics.distribution.percentiles-histogram.herald.emit.to.write=true")) {
                HttpClient http = HttpClient.newHttpClient();
                String up = awaitHealth(http, port(app), "UP");
                assertThat(up)
                        .contains("\"transport\":\"jakarta\"")
                        .contains("\"name\":\"" + brokerName + "\"")
                        .contains("\"reading\":true")
                        .contains("\"lag\":0");
                assertThat(meter(http, port(app), "herald_broker_up{broker=\"" + brokerName + "\",transport=\"jakarta\"}"))
                        .isEqualTo(1);

                server.kill();
                String down = awaitHealth(http, port(app), "DOWN");
                assertThat(down).contains("\"reading\":false").contains("\"problem\":");
                assertThat(meter(http, port(app), "herald_broker_up{broker=\"" + brokerName + "\",transport=\"jakarta\"}"))
                        .isZero();
                http.send(post(port(app), "/api/notes", "{\"title\":\"Unheard\"}", ALICE), HttpResponse.BodyHandlers.ofString());
                String lost = "herald_broker_publishes_lost_total{broker=\"" + brokerName + "\",transport=\"jakarta\"}";
                long deadline = System.currentTimeMillis() + 10_000;
                while (meter(http, port(app), lost) < 1 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(meter(http, port(app), lost)).isEqualTo(1);

                server.start();
                assertThat(awaitHealth(http, port(app), "UP")).contains("\"reading\":true");
                String scrape = http.send(
                                get(port(app), "/actuator/prometheus", ALICE), HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(dashboardSeries())
                        .as("what samples/grafana/herald-dashboard.json queries")
                        .hasSizeGreaterThan(10)
                        .allSatisfy(series -> assertThat(scrape).contains("\n" + series + "{"));
                assertThat(meter(http, port(app), "herald_broker_lag{broker=\"" + brokerName + "\",transport=\"jakarta\"}"))
                        .isZero();
            }
        }
    }

    /** The series names the sample Grafana dashboard queries. */
    private static Set<String> dashboardSeries() throws IOException {
        String dashboard = Files.readString(Path.of("..", "grafana", "herald-dashboard.json"));
        Set<String> series = new TreeSet<>();
        Matcher name = Pattern.compile("herald_[a-z_]+").matcher(dashboard);
        while (name.find()) {
            series.add(name.group());
        }
        return series;
    }

    /** {@code /actuator/health/herald} once it reports {@code status}, within 15 s. */
    private static String awaitHealth(HttpClient http, int port, String status) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        String body = "";
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> health = http.send(
                    get(port, "/actuator/health/herald", ALICE), HttpResponse.BodyHandlers.ofString());
            body = health.body();
            if (body.contains("\"status\":\"" + status + "\"")) { // first on Boot 3, last on Boot 4
                assertThat(health.statusCode()).isEqualTo(status.equals("UP") ? 200 : 503);
                return body;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("health never reported " + status + "; last: " + body);
    }

    /** One sample of {@code /actuator/prometheus}; NaN when absent. */
    private static double meter(HttpClient http, int port, String series) throws Exception {
        HttpResponse<String> scrape =
                http.send(get(port, "/actuator/prometheus", ALICE), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        return PrometheusScrape.sample(scrape.body(), series).orElse(Double.NaN);
    }

    /**
     * One instance. Each gets a bus of its own: by default the bus is the process-wide {@code
     * Herald.bus()}, and two instances in one JVM would share it (each would hear the other's
     * emits twice: in process and through the broker).
     */
    private static ConfigurableApplicationContext start(String brokerProperty, String... more) {
        return new SpringApplicationBuilder(NotesApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("heraldEventBus", EventBus.create()))
                .properties("server.port=0", "server.address=127.0.0.1", brokerProperty)
                .properties(more)
                .run();
    }

    /** A started server of the broker named {@code redis} or {@code nats}. */
    private static BrokerProcess brokerServer(String name) {
        BrokerProcess server = name.equals("redis") ? new RedisProcess() : new NatsProcess();
        server.start();
        return server;
    }

    /** The one property that points an instance at {@code server}. */
    private static String brokerProperty(String name, BrokerProcess server) {
        return name.equals("redis")
                ? "herald.broker.redis.uri=" + server.url()
                : "herald.broker.nats.url=" + server.url();
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static HttpRequest get(int port, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return request.build();
    }

    private static HttpRequest post(int port, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return request.build();
    }

    private static Map<String, String> basic(String user) {
        return Map.of(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8)));
    }
}
