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
import java.util.Base64;
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
     * One instance. Each gets a bus of its own: by default the bus is the process-wide {@code
     * Herald.bus()}, and two instances in one JVM would share it (each would hear the other's
     * emits twice: in process and through the broker).
     */
    private static ConfigurableApplicationContext start(String brokerProperty) {
        return new SpringApplicationBuilder(NotesApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("heraldEventBus", EventBus.create()))
                .properties("server.port=0", "server.address=127.0.0.1", brokerProperty)
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
