package dev.herald.it.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.it.cluster.TcpProxy;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.fanout.ConnectionStats;
import dev.herald.runtime.fanout.EndpointCounters;
import dev.herald.runtime.fanout.EndpointOptions;
import dev.herald.runtime.fanout.Retention;
import dev.herald.seed.asset.AssetCreated;
import dev.herald.seed.fs.FsCreated;
import dev.herald.seed.task.TaskCompleted;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The events endpoint's behaviour with real WebSocket clients on loopback, the same on every
 * transport: each subclass starts one (Java-WebSocket, Jakarta on Tomcat, Jakarta on Jetty).
 */
abstract class EndpointBehaviourTest {
    /** A started endpoint, whatever its transport. */
    interface Endpoint {
        int port();

        int connectionCount();

        /** What it counted: the meters' source. */
        EndpointCounters counters();

        List<ConnectionStats> connections();

        /** Stops the endpoint (not its container). */
        void stop(Duration timeout);

        /** Stops whatever else the test started (the container); idempotent. */
        default void shutDown() throws Exception {}
    }

    protected final EventBus bus = EventBus.create();
    protected final List<AutoCloseable> toClose = new ArrayList<>();
    protected Endpoint server;

    /** Starts an endpoint on a free loopback port, its options set by {@code configure}. */
    protected abstract Endpoint start(EventBus bus, Consumer<EndpointOptions<?>> configure) throws Exception;

    private Endpoint start(Consumer<EndpointOptions<?>> configure) throws Exception {
        server = start(bus, configure);
        return server;
    }

    private TestClient client(String pathAndQuery) throws InterruptedException {
        return client(pathAndQuery, Map.of());
    }

    private TestClient client(String pathAndQuery, Map<String, String> headers) throws InterruptedException {
        TestClient client = TestClient.connect(server.port(), pathAndQuery, headers);
        toClose.add(client::closeBlocking);
        return client;
    }

    /** Waits until the server has admitted {@code count} connections (admission follows the upgrade). */
    protected void awaitConnections(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (server.connectionCount() != count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.connectionCount()).isEqualTo(count);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                // already closed
            }
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
            server.shutDown();
        }
    }

    /**
     * Starts the endpoint behind a TLS connector with {@code keys}; {@code null} where the test's
     * server has no such connector.
     */
    protected Endpoint startOverTls(EventBus bus, TlsKeys keys) throws Exception {
        return null;
    }

    /** Whether Herald's servlet answers the handshake itself (it takes the connections over). */
    protected boolean answersTheHandshakeItself() {
        return false;
    }

    /** The connector's TLS is the connection's: Herald's frames go out through it. */
    @Test
    void overTheConnectorsTls_eventsArriveAndStopClosesWith1012() throws Exception {
        TlsKeys keys = TlsKeys.create();
        server = startOverTls(bus, keys);
        assumeTrue(server != null, "no TLS connector here");
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
        assumeTrue(answersTheHandshakeItself(), "the container answers the handshake");
        start(b -> {});
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

    @Test
    void sendsOneTextFramePerEvent_exactlyTheEnvelope() throws Exception {
        start(b -> {});
        TestClient client = client("/api/events/ws");
        awaitConnections(1);
        long before = System.currentTimeMillis();

        bus.emit(new FsCreated("asset-123", "/home/user/newfile.txt", false));

        List<String> messages = client.awaitMessages(1, 5000);
        // Issue 31: a first event after connect went missing, rarely, on both Tomcat paths.
        assertThat(messages)
                .as("positions the client got %s; the server's connections %s", client.positions, server.connections())
                .hasSize(1);
        assertThat(messages.get(0))
                .matches(
                        "\\{\"event\":\"fs.created\",\"data\":\\{\"AssetID\":\"asset-123\",\"Path\":\"/home/user/newfile.txt\","
                                + "\"IsDir\":false},\"ts\":\\d{13},\"id\":\"[a-z0-9]+-\\d+\"}");
        long ts = Long.parseLong(messages.get(0).replaceAll(".*\"ts\":(\\d+),.*", "$1"));
        assertThat(ts).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void eventsQueryFiltersByName_urlEncoded_andUnknownNamesAreIgnored() throws Exception {
        start(b -> {});
        TestClient onlyFs = client("/api/events/ws?events=fs.created");
        TestClient encoded = client("/api/events/ws?events=fs.created%2Casset.created");
        TestClient withUnknown = client("/api/events/ws?events=%20fs.created%20,future.thing,fs.created");
        TestClient empty = client("/api/events/ws?events=");
        TestClient all = client("/api/events/ws");
        awaitConnections(5);

        bus.emit(new FsCreated("a", "/1", false));
        bus.emit(new AssetCreated("a"));
        bus.emit(new TaskCompleted("t", true, Optional.empty()));

        assertThat(all.awaitMessages(3, 5000)).hasSize(3);
        assertThat(empty.awaitMessages(3, 5000)).hasSize(3);
        assertThat(encoded.awaitMessages(2, 5000)).hasSize(2).allMatch(m -> !m.contains("task.completed"));
        Thread.sleep(100);
        assertThat(onlyFs.messages).hasSize(1).allMatch(m -> m.startsWith("{\"event\":\"fs.created\""));
        assertThat(withUnknown.messages).hasSize(1).allMatch(m -> m.startsWith("{\"event\":\"fs.created\""));
        assertThat(encoded.messages).hasSize(2);
    }

    @Test
    void refusalsCloseAtOnceWithCodeAndReason_beforeAnyEvent() throws Exception {
        start(b -> b.allowedOrigins("https://app.example.com")
                .authenticator(handshake -> handshake.header("x-user").orElse(null))
                .maxConnections(2));
        Map<String, String> user = Map.of("X-User", "alice");
        String many = "a.b,".repeat(0)
                + String.join(
                        ",", IntStream.range(0, 257).mapToObj(i -> "g.e" + i).toList());

        assertOtherPathRefused(user);
        assertRefused("/api/events/ws?events=nodot", user, 4400, "invalid event name 'nodot'");
        assertRefused("/api/events/ws?events=fs.1bad", user, 4400, "invalid event name");
        assertRefused("/api/events/ws?events=" + many, user, 4400, "more than 256 event names");
        assertRefused("/api/events/ws", Map.of(), 4401, "not authenticated");
        assertRefused(
                "/api/events/ws",
                Map.of("X-User", "alice", "Origin", "https://evil.example.com"),
                4403,
                "origin not allowed");

        client("/api/events/ws", Map.of("X-User", "alice", "Origin", "https://app.example.com"));
        client("/api/events/ws", user);
        awaitConnections(2);
        assertRefused("/api/events/ws", user, 4429, "too many connections");
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    /** One user's connections are bounded; others are not held to it, and a closed one frees a place. */
    @Test
    void theConnectionsOfOneUser_areLimited_andAPlaceFreesWhenOneCloses() throws Exception {
        start(b -> b.authenticator(handshake -> handshake.header("x-user").orElse(null))
                .maxConnectionsPerUser(2));
        Map<String, String> alice = Map.of("X-User", "alice");
        TestClient first = client("/api/events/ws", alice);
        client("/api/events/ws", alice);
        awaitConnections(2);

        assertRefused("/api/events/ws", alice, 4429, "too many connections for this user");
        TestClient bob = client("/api/events/ws", Map.of("X-User", "bob"));
        awaitConnections(3);
        assertThat(server.counters().refused(4429)).isEqualTo(1);

        first.closeBlocking();
        awaitConnections(2);
        TestClient again = client("/api/events/ws", alice);
        awaitConnections(3);
        bus.emit(new FsCreated("a", "/for-everyone", false));
        assertThat(again.awaitMessages(1, 5000)).singleElement().asString().contains("/for-everyone");
        assertThat(bob.awaitMessages(1, 5000)).hasSize(1);
    }

    // ---- Server-Sent Events at the same path, where the endpoint serves them -----------------------

    /** Whether this endpoint serves the event stream (servlet containers do; the stand-alone server does not). */
    protected boolean servesEventStream() {
        return false;
    }

    private SseClient sse(String pathAndQuery, Map<String, String> headers) throws Exception {
        SseClient client = SseClient.connect(server.port(), pathAndQuery, headers);
        toClose.add(client);
        return client;
    }

    @Test
    void theEventStream_carriesTheWebSocketsFrames_withTheirIds_filteredAndAllowedAlike() throws Exception {
        assumeTrue(servesEventStream());
        start(b -> b.authenticator(handshake -> handshake.header("x-user").orElse(null))
                .accessPolicy((user, type, event) -> !(event instanceof TaskCompleted) || user.equals("admin")));
        TestClient socket = client("/api/events/ws", Map.of("X-User", "admin"));
        SseClient stream = sse("/api/events/ws", Map.of("X-User", "admin"));
        SseClient onlyFs = sse("/api/events/ws?events=fs.created", Map.of("X-User", "admin"));
        SseClient guest = sse("/api/events/ws", Map.of("X-User", "guest"));
        awaitConnections(4);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        assertThat(stream.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(stream.header("X-Accel-Buffering")).isEqualTo("no");

        bus.emit(new FsCreated("a", "/one", false));
        bus.emit(new TaskCompleted("t1", true, Optional.empty()));
        bus.emit(new FsCreated("a", "/two", true));

        List<String> frames = socket.awaitMessages(3, 5000);
        assertThat(stream.awaitEvents(3, 5000)).isEqualTo(frames);
        for (int i = 0; i < stream.data.size(); i++) {
            String frame = stream.data.get(i);
            String position = frame.startsWith("{\"event\":\"$position\"")
                    ? frame.replaceAll(".*\"position\":\"([^\"]+)\"}$", "$1")
                    : frame.replaceAll(".*\"id\":\"([^\"]+)\"}$", "$1");
            assertThat(stream.ids.get(i)).as("the id line of %s", frame).isEqualTo(position);
        }
        assertThat(onlyFs.awaitEvents(2, 5000)).containsExactly(frames.get(0), frames.get(2));
        assertThat(guest.awaitEvents(2, 5000)).containsExactly(frames.get(0), frames.get(2));
        assertThat(stream.other.get(0)).matches("retry: \\d+");
        int retry = Integer.parseInt(stream.other.get(0).substring("retry: ".length()));
        assertThat(retry).isBetween(500, 2500);
    }

    @Test
    void theEventStream_refusesWithHttpStatuses_beforeAnyEvent() throws Exception {
        assumeTrue(servesEventStream());
        start(b -> b.allowedOrigins("https://app.example.com")
                .authenticator(handshake -> handshake.header("x-user").orElse(null))
                .maxConnections(1));
        Map<String, String> user = Map.of("X-User", "alice");
        assertStreamRefused("/api/events/ws?events=nodot", user, 400, "invalid event name");
        assertStreamRefused("/api/events/ws", Map.of(), 401, "not authenticated");
        assertStreamRefused(
                "/api/events/ws", Map.of("X-User", "alice", "Origin", "https://evil.example.com"), 403, "origin");
        sse("/api/events/ws", user);
        awaitConnections(1);
        assertStreamRefused("/api/events/ws", user, 429, "too many connections");
        assertThat(server.counters().refused(4429)).isEqualTo(1);
    }

    /** A page of another origin the endpoint admits reads the stream, and a refusal's status; a refused origin reads nothing. */
    @Test
    void theEventStream_isReadableByAnAdmittedPageOfAnotherOrigin() throws Exception {
        assumeTrue(servesEventStream());
        String app = "https://app.example.com";
        start(b -> b.allowedOrigins(app)
                .authenticator(handshake -> handshake.header("x-user").orElse(null)));
        SseClient page = sse("/api/events/ws", Map.of("X-User", "alice", "Origin", app));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Access-Control-Allow-Origin")).isEqualTo(app);
        assertThat(page.header("Vary")).contains("Origin");
        SseClient anonymous = sse("/api/events/ws", Map.of("Origin", app));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Access-Control-Allow-Origin"))
                .as("the page reads the 401, and does not retry")
                .isEqualTo(app);
        SseClient evil = sse("/api/events/ws", Map.of("X-User", "alice", "Origin", "https://evil.example.com"));
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
        SseClient sameOrigin = sse("/api/events/ws", Map.of("X-User", "alice"));
        assertThat(sameOrigin.header("Access-Control-Allow-Origin")).isNull();
    }

    private void assertStreamRefused(String pathAndQuery, Map<String, String> headers, int status, String reason)
            throws Exception {
        SseClient refused = sse(pathAndQuery, headers);
        bus.emit(new FsCreated("a", "/refused", false));
        assertThat(refused.status()).as(pathAndQuery).isEqualTo(status);
        assertThat(refused.body()).contains(reason);
        assertThat(refused.data).isEmpty();
    }

    @Test
    void theEventStream_resumesFromLastEventId_andStopEndsIt() throws Exception {
        assumeTrue(servesEventStream());
        start(b -> {});
        SseClient first = sse("/api/events/ws", Map.of());
        assertThat(first.status())
                .as("status; body %s", first.response.headers())
                .isEqualTo(200);
        awaitConnections(1);
        bus.emit(new FsCreated("a", "/seen", false));
        assertThat(first.awaitEvents(1, 5000)).hasSize(1);
        String lastId = first.ids.get(first.ids.size() - 1);
        first.close(); // the server notices at its next write: a heartbeat, at the latest

        bus.emit(new FsCreated("a", "/missed", false));
        SseClient again = sse("/api/events/ws", Map.of("Last-Event-ID", lastId));
        List<String> got = again.awaitEvents(2, 5000);
        assertThat(got.get(0)).contains("/missed");
        assertThat(got.get(1)).startsWith("{\"event\":\"$resumed\"").contains("\"replayed\":1");

        server.stop(Duration.ofSeconds(2));
        assertThat(again.awaitEnd(5000)).as("the stream ends at stop").isTrue();
        assertThat(again.other).anyMatch(line -> line.startsWith(": closed 1012"));
        assertStreamRefusedAfterStop();
    }

    /** After stop the endpoint refuses with 503 where it is still deployed (a container keeps serving its path). */
    protected void assertStreamRefusedAfterStop() throws Exception {
        SseClient late = sse("/api/events/ws", Map.of());
        assertThat(late.status()).isEqualTo(503);
    }

    /** The container's timeouts for requests (its async timeout, its connection timeout, 1 s in these tests) never end a healthy stream. */
    @Test
    void theEventStream_outlivesTheContainersTimeouts() throws Exception {
        assumeTrue(servesEventStream());
        start(b -> {});
        SseClient stream = sse("/api/events/ws", Map.of());
        awaitConnections(1);
        Thread.sleep(2500);

        bus.emit(new FsCreated("a", "/later", false));
        assertThat(stream.awaitEvents(1, 5000))
                .as(
                        "ended %s, other %s, data %s, connections %s",
                        stream.ended.isDone(), stream.other, stream.data, server.connections())
                .singleElement()
                .asString()
                .contains("/later");
        assertThat(stream.ended).isNotDone();
    }

    /** As when a server comes back: a thousand event streams asked for at once are all served. */
    @Test
    void aThousandEventStreams_requestedAtOnce_allGetTheNextEvent() throws Exception {
        assumeTrue(servesEventStream());
        start(b -> b.maxConnections(2000));
        int streams = 1000;
        List<Socket> sockets = new ArrayList<>();
        try {
            byte[] request = "GET /api/events/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < streams; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request); // every request in flight before any is read
                sockets.add(socket);
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (server.connectionCount() < streams && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.connectionCount()).isEqualTo(streams);

            bus.emit(new FsCreated("a", "/at-once", false));

            int served = 0;
            for (Socket socket : sockets) {
                StringBuilder got = new StringBuilder();
                byte[] buffer = new byte[4096];
                while (got.indexOf("/at-once") < 0) {
                    int read = socket.getInputStream().read(buffer);
                    if (read < 0) {
                        break;
                    }
                    got.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
                if (got.toString().startsWith("HTTP/1.1 200") && got.indexOf("/at-once") >= 0) {
                    served++;
                }
            }
            assertThat(served).isEqualTo(streams);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aStreamThatStopsReading_isHeldToItsBudget_whileAnotherGetsEverything() throws Exception {
        assumeTrue(servesEventStream());
        long budget = 256 * 1024;
        start(b -> b.byteBudget(budget).overBudgetTimeout(Duration.ofMillis(500)));
        try (Socket stalled = new Socket("127.0.0.1", server.port())) {
            stalled.setReceiveBufferSize(4096);
            stalled.getOutputStream()
                    .write(("GET /api/events/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            SseClient healthy = sse("/api/events/ws", Map.of());
            awaitConnections(2);

            String bigPath = "/" + "p".repeat(2000);
            int events = 3000; // about 6 MB: past the budget and the socket buffers of the stalled one
            long maxQueued = 0;
            for (int i = 0; i < events; i++) {
                bus.emit(new FsCreated("a", bigPath + i, false));
                if (i % 5 == 0) {
                    Thread.sleep(1);
                    for (ConnectionStats stats : server.connections()) {
                        maxQueued = Math.max(maxQueued, stats.queuedBytes());
                    }
                }
            }
            assertThat(healthy.awaitEvents(events, 30_000)).hasSize(events);
            assertThat(maxQueued).isLessThanOrEqualTo(budget);
            awaitConnections(1);
            assertThat(server.counters().closedForBudget()).isEqualTo(1);
            assertThat(healthy.data).noneMatch(frame -> frame.contains("$resync"));
        }
    }

    /** A path other than the endpoint's: closed with 4400 where the endpoint owns the port. */
    protected void assertOtherPathRefused(Map<String, String> headers) throws Exception {
        assertRefused("/other/path", headers, 4400, "unknown path");
    }

    protected void assertRefused(String pathAndQuery, Map<String, String> headers, int code, String reason)
            throws Exception {
        TestClient client = new TestClient(server.port(), pathAndQuery, headers);
        client.connectBlocking();
        bus.emit(new FsCreated("a", "/refused", false));
        assertThat(client.awaitClose(5000)).as(pathAndQuery).isEqualTo(code);
        assertThat(client.closeReason).contains(reason);
        assertThat(client.messages).as("events reaching a refused client").isEmpty();
    }

    @Test
    void originWithoutAllowList_mustBeTheServersHost() throws Exception {
        start(b -> {});
        client("/api/events/ws", Map.of("Origin", "http://127.0.0.1:5173"));
        awaitConnections(1);

        TestClient other = new TestClient(server.port(), "/api/events/ws", Map.of("Origin", "http://evil.test"));
        other.connectBlocking();
        assertThat(other.awaitClose(5000)).isEqualTo(4403);
    }

    @Test
    void accessPolicyHidesAnEventFromOneClientButNotAnother() throws Exception {
        start(b -> b.authenticator(handshake -> handshake.queryParameter("user").orElse(null))
                .accessPolicy((user, type, event) -> !(event instanceof TaskCompleted) || user.equals("admin")));
        TestClient admin = client("/api/events/ws?user=admin");
        TestClient guest = client("/api/events/ws?user=guest");
        awaitConnections(2);

        bus.emit(new TaskCompleted("t", true, Optional.empty()));
        bus.emit(new FsCreated("a", "/after", false));

        assertThat(admin.awaitMessages(2, 5000)).hasSize(2);
        assertThat(guest.awaitMessages(1, 5000)).hasSize(1).allMatch(m -> m.contains("fs.created"));
        Thread.sleep(100);
        assertThat(guest.messages).hasSize(1);
        assertThat(server.connections())
                .extracting(ConnectionStats::principal)
                .containsExactlyInAnyOrder("admin", "guest");
    }

    @Test
    void aClientFrameOver4KiB_closesWith1009_whileSmallFramesAreIgnored() throws Exception {
        start(b -> {});
        TestClient client = client("/api/events/ws");
        awaitConnections(1);
        client.send("hello, ignored");
        client.send("x".repeat(1000));
        bus.emit(new FsCreated("a", "/still-open", false));
        assertThat(client.awaitMessages(1, 5000)).hasSize(1);

        client.send("x".repeat(5 * 1024));

        assertThat(client.awaitClose(5000)).isEqualTo(1009);
        awaitConnections(0);
        assertThat(server.counters().closedForProtocol())
                .as("closed for its frames")
                .isEqualTo(1);
        assertThat(server.counters().closedForBudget()).isZero();
    }

    @Test
    void aClientThatStopsReading_staysWithinBudget_othersGetEverything_thenResyncAfterDraining() throws Exception {
        // A budget a healthy reader never reaches even when a busy machine pauses it for 100 ms,
        // and a stream (about 12 MB) that fills it plus the kernel's socket buffers for the
        // stalled one.
        long budget = 1 << 20;
        start(b -> b.byteBudget(budget));
        RawSocket stalled = RawSocket.upgraded(server.port(), "/api/events/ws");
        toClose.add(stalled);
        TestClient healthy = client("/api/events/ws");
        awaitConnections(2);

        String bigPath = "/" + "p".repeat(2000);
        int events = 6000;
        long maxQueued = 0;
        for (int i = 0; i < events; i++) {
            bus.emit(new FsCreated("a", bigPath + i, false));
            if (i % 5 == 0) {
                Thread.sleep(1); // a steady stream the healthy client keeps up with, not one burst
                for (ConnectionStats stats : server.connections()) {
                    maxQueued = Math.max(maxQueued, stats.queuedBytes());
                }
            }
        }

        List<String> got = healthy.awaitMessages(events, 30_000);
        assertThat(got.size())
                .as(
                        "events the healthy client got (a $resync among them: %s)",
                        got.stream().anyMatch(m -> m.contains("$resync")))
                .isEqualTo(events);
        ConnectionStats slow = server.connections().stream()
                .filter(s -> s.dropped() > 0)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the stalled client dropped nothing: " + server.connections()));
        assertThat(slow.overBudget()).isTrue();
        assertThat(maxQueued).isLessThanOrEqualTo(budget);

        String received = stalled.drainText(3000);
        assertThat(received).contains("{\"event\":\"$resync\",\"ts\":");
        assertThat(received.indexOf("$resync")).isEqualTo(received.lastIndexOf("$resync"));
        ConnectionStats after = server.connections().stream()
                .filter(s -> s.id() == slow.id())
                .findFirst()
                .orElseThrow();
        assertThat(after.resyncs()).isEqualTo(1);
        assertThat(after.overBudget()).isFalse();
    }

    /** The index an event of {@link #emitNumbered} carries in its path. */
    private static int indexOf(String frame) {
        return Integer.parseInt(frame.replaceAll(".*\"Path\":\"/n(\\d+)\".*", "$1"));
    }

    private static List<String> events(TestClient client) {
        return client.messages.stream()
                .filter(frame -> !frame.startsWith("{\"event\":\"$"))
                .toList();
    }

    /**
     * A blip: the TCP connection is cut (a proxy between them drops it) while events are emitted;
     * the client reconnects with the last id it processed and gets exactly what it missed, in
     * order, then live events, and no {@code $resync}. (With resume off, {@code retention(0, ..)},
     * the same reconnect gets {@code $resync}: the assertion on it fails.)
     */
    @Test
    void aBlipWhileEventsAreEmitted_theReconnectGetsExactlyTheMissedEvents_inOrder_andNoResync() throws Exception {
        start(b -> {});
        TcpProxy proxy = new TcpProxy(server.port());
        toClose.add(proxy);
        TestClient before = TestClient.connect(proxy.port(), "/api/events/ws?events=fs.created");
        toClose.add(before::closeBlocking);
        awaitConnections(1);
        int total = 600;
        Thread emitter = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                bus.emit(new FsCreated("a", "/n" + i, false));
                if (i % 10 == 0) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        emitter.start();
        while (events(before).size() < 100) {
            Thread.sleep(1);
        }

        proxy.cut();
        assertThat(before.awaitClose(5000)).isNotEqualTo(1012);
        Thread.sleep(20); // events go by while it is away
        TestClient after = TestClient.connect(
                proxy.port(), "/api/events/ws?events=fs.created&since=" + before.awaitPosition(1000));
        toClose.add(after::closeBlocking);
        emitter.join(10_000);
        long deadline = System.currentTimeMillis() + 10_000;
        while (events(before).size() + events(after).size() < total && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }

        List<Integer> received = new ArrayList<>();
        events(before).forEach(frame -> received.add(indexOf(frame)));
        events(after).forEach(frame -> received.add(indexOf(frame)));
        assertThat(after.messages).noneMatch(frame -> frame.startsWith("{\"event\":\"$resync\""));
        assertThat(after.messages).anyMatch(frame -> frame.startsWith("{\"event\":\"$resumed\""));
        assertThat(received)
                .as(
                        "event indexes over both connections (the first up to %s, the second from %s after %s;"
                                + " the server handed the second one %s)",
                        events(before).isEmpty()
                                ? "-"
                                : indexOf(events(before).get(events(before).size() - 1)),
                        events(after).isEmpty() ? "-" : indexOf(events(after).get(0)),
                        after.messages.stream()
                                .filter(frame -> frame.startsWith("{\"event\":\"$resumed\""))
                                .findFirst()
                                .orElse("no $resumed"),
                        server.connections())
                .hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(received.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aPositionFromBeforeARestart_getsResyncForItsEpoch_andLiveEventsAfter() throws Exception {
        start(b -> {});
        TestClient before = client("/api/events/ws");
        awaitConnections(1);
        bus.emit(new FsCreated("a", "/n0", false));
        String since = before.awaitPosition(5000);
        before.awaitMessages(1, 5000);
        server.stop(Duration.ofSeconds(2));
        assertThat(before.awaitClose(5000)).isEqualTo(1012);
        server.shutDown();

        start(b -> {});
        TestClient after = client("/api/events/ws?since=" + since);
        awaitConnections(1);
        bus.emit(new FsCreated("a", "/n1", false));

        List<String> messages = after.awaitMessages(2, 5000);
        assertThat(messages.get(0)).matches("\\{\"event\":\"\\$resync\",\"ts\":\\d+,\"reason\":\"epoch\"}");
        assertThat(messages.get(1)).contains("\"/n1\"");
    }

    @Test
    void aClientThatFallsBehindWithinBudget_getsEveryFrameWholeAndInOrder_onceItReads() throws Exception {
        start(b -> b.byteBudget(64L << 20));
        RawSocket lagging = RawSocket.upgraded(server.port(), "/api/events/ws");
        toClose.add(lagging);
        awaitConnections(1);

        // About 8 MB: past the kernel's socket buffers, inside the budget, so the server's queue
        // backs up and its writes go out partly written and gathered.
        int events = 6000;
        long maxQueued = 0;
        for (int i = 0; i < events; i++) {
            bus.emit(new FsCreated("a", "/" + i + "/" + "z".repeat(1000 + i % 300), false));
            if (i % 200 == 0) {
                Thread.sleep(5);
                maxQueued = Math.max(maxQueued, server.connections().get(0).queuedBytes());
            }
        }
        // Its position first (on joining), then every event.
        List<String> frames;
        try {
            frames = lagging.drainTextFrames(events + 1, 20_000);
        } catch (SocketTimeoutException e) {
            // The server stopped writing: say where its queue stood (issue 31 saw this once on Tomcat).
            throw new AssertionError("no more frames for 20 s; the server's connections: " + server.connections(), e);
        }
        assertThat(frames.get(0)).startsWith("{\"event\":\"$position\"");
        frames = frames.subList(1, frames.size());

        assertThat(frames).hasSize(events);
        for (int i = 0; i < events; i++) {
            assertThat(frames.get(i))
                    .startsWith("{\"event\":\"fs.created\",\"data\":{\"AssetID\":\"a\",\"Path\":\"/" + i + "/"
                            + "z".repeat(1000 + i % 300) + "\",\"IsDir\":false},\"ts\":");
        }
        assertThat(maxQueued).as("bytes queued in the server at some point").isGreaterThan(1 << 20);
        assertThat(server.connections().get(0).dropped()).isZero();
    }

    @Test
    void aClientOverBudgetForTooLong_isClosedWith4008() throws Exception {
        start(b -> b.byteBudget(16 * 1024).overBudgetTimeout(Duration.ofMillis(500)));
        RawSocket stalled = RawSocket.upgraded(server.port(), "/api/events/ws");
        toClose.add(stalled);
        awaitConnections(1);
        String bigPath = "/" + "q".repeat(2000);
        // Keep emitting: the kernel's socket buffer fills first, then the server's queue stays over budget.
        long deadline = System.currentTimeMillis() + 15_000;
        while (server.connectionCount() > 0 && System.currentTimeMillis() < deadline) {
            for (int i = 0; i < 50; i++) {
                bus.emit(new FsCreated("a", bigPath, false));
            }
            Thread.sleep(5);
        }
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void aHalfSentHandshake_isClosedAfterTheTimeout() throws Exception {
        start(b -> b.handshakeTimeout(Duration.ofMillis(300)));
        RawSocket half = RawSocket.connect(server.port());
        toClose.add(half);
        half.write("GET /api/events/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n");

        assertThat(half.closedByServerWithin(5000)).isTrue();
    }

    @Test
    void aConnectionThatNeverAnswersPings_isClosed() throws Exception {
        start(b -> b.heartbeat(Duration.ofMillis(100), Duration.ofMillis(400)));
        RawSocket silent = RawSocket.upgraded(server.port(), "/api/events/ws");
        toClose.add(silent);
        awaitConnections(1);

        awaitConnections(0); // no more events for it at once
        assertThat(silent.closedByServerWithin(abandonedClientCloseMillis())).isTrue();
    }

    /**
     * How long the transport may take to drop the TCP connection of a client that answers nothing,
     * not even the close frame. A container waits for the answer first (Tomcat: the session close
     * timeout, checked by its background thread every 10 s).
     */
    protected int abandonedClientCloseMillis() {
        return 5000;
    }

    @Test
    void stopWithAStalledClient_returnsInTime_andLaterEmitsAreHarmless() throws Exception {
        start(b -> {});
        RawSocket stalled = RawSocket.upgraded(server.port(), "/api/events/ws");
        toClose.add(stalled);
        TestClient client = client("/api/events/ws");
        awaitConnections(2);
        String bigPath = "/" + "s".repeat(2000);
        for (int i = 0; i < 3000; i++) {
            bus.emit(new FsCreated("a", bigPath, false)); // fills the stalled client's socket
        }

        long start = System.nanoTime();
        server.stop(Duration.ofMillis(500));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMillis).isLessThan(3_000);
        assertThat(client.awaitClose(5000)).isEqualTo(1012);
        bus.emit(new FsCreated("a", "/after-stop", false));
        assertThat(server.connectionCount()).isZero();
    }

    /**
     * A burst faster than the fan-out, 20,000 events of 8 KiB (160 MiB of JSON), with one client
     * that stopped reading: whatever the core drops, the memory between {@code emit()} and the
     * sockets stays bounded in bytes (the hand-off's byte bound, three budgets of 1 MiB, the
     * transport's buffers, and the frames kept for resuming, 16 MiB by default), and clients that
     * read get their 1012 close frame on stop.
     */
    @Test
    void aBurstWithAStalledClient_keepsTheHeapBounded_andReadersGetTheirCloseFrameOnStop() throws Exception {
        // During the burst, an access policy that takes 20 us (a cache look-up), so that the
        // emitting thread outruns the fan-out and the hand-off fills, as under a burst on a busy
        // machine; before the stop, a quick one, so that readers have frames queued when it comes.
        AtomicBoolean slowPolicy = new AtomicBoolean(true);
        start(b -> b.accessPolicy((principal, type, event) -> {
            long until = System.nanoTime() + (slowPolicy.get() ? 20_000 : 0);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return true;
        }));
        RawSocket stalled = RawSocket.upgraded(server.port(), "/api/events/ws");
        toClose.add(stalled);
        TestClient all = TestClient.counting(server.port(), "/api/events/ws");
        toClose.add(all::closeBlocking);
        TestClient fsOnly = TestClient.counting(server.port(), "/api/events/ws?events=fs.created");
        toClose.add(fsOnly::closeBlocking);
        awaitConnections(3);
        long before = HeapMeter.usedAfterGc();

        int events = 20_000;
        String path = "/" + "h".repeat(8 * 1024);
        for (int i = 0; i < events; i++) {
            bus.emit(new FsCreated("a", path + i, false));
        }
        // What the heap holds while the queues are at their fullest, and after the burst.
        long most = HeapMeter.usedAfterGc() - before;
        awaitEverythingOrResync(all, events);
        awaitEverythingOrResync(fsOnly, events);
        Thread.sleep(500);
        long after = HeapMeter.usedAfterGc() - before;
        most = Math.max(most, after);
        System.out.printf(
                "%s: heap grown by a burst of %d events of 8 KiB with a stalled client: at most %.1f MiB,"
                        + " %.1f MiB after it (%d and %d frames received)%n",
                getClass().getSimpleName(),
                events,
                most / 1048576.0,
                after / 1048576.0,
                all.received.get(),
                fsOnly.received.get());

        assertThat(most)
                .as("heap grown by the burst, in MiB: %.1f (%s)", most / 1048576.0, server.connections())
                .isLessThan((16L << 20) + Retention.DEFAULT.bytes());

        // A client on a slow network: it reads, with pauses, so the server often waits for it.
        RawSocket slowReader = RawSocket.upgraded(server.port(), "/api/events/ws");
        toClose.add(slowReader);
        awaitConnections(4);
        CompletableFuture<Integer> slowReaderClose = CompletableFuture.supplyAsync(() -> {
            try {
                return slowReader.slowlyReadUntilClose(40, 20_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        slowPolicy.set(false);
        for (int i = 0; i < 2_000; i++) {
            bus.emit(new FsCreated("a", path + i, false));
        }
        server.stop(Duration.ofSeconds(2));

        assertThat(all.awaitClose(10_000)).as("close code of a reading client").isEqualTo(1012);
        assertThat(fsOnly.awaitClose(10_000))
                .as("close code of a reading client")
                .isEqualTo(1012);
        assertThat(slowReaderClose.get(20, TimeUnit.SECONDS))
                .as("close code of a slowly reading client")
                .isEqualTo(1012);
    }

    /** Waits until {@code client} got {@code count} frames, or got {@code $resync} and then stayed quiet. */
    private static void awaitEverythingOrResync(TestClient client, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        int last = -1;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            int now = client.received.get();
            if (now >= count) {
                return;
            }
            if (now != last) {
                last = now;
                quietSince = System.currentTimeMillis();
            } else if (client.resyncs.get() > 0 && System.currentTimeMillis() - quietSince > 300) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("got " + client.received.get() + " of " + count + " frames and no $resync");
    }

    @Test
    void aThousandConnectAndDisconnectCycles_leaveNothingBehind() throws Exception {
        start(b -> {});
        TestClient witness = client("/api/events/ws");
        for (int round = 0; round < 100; round++) {
            List<TestClient> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(TestClient.connect(server.port(), "/api/events/ws"));
            }
            bus.emit(new FsCreated("a", "/round-" + round, false));
            for (TestClient c : batch) {
                c.closeBlocking();
            }
        }

        awaitConnections(1);
        assertThat(server.connections())
                .singleElement()
                .satisfies(stats -> assertThat(stats.dropped()).isZero());
        assertThat(witness.awaitMessages(100, 10_000)).hasSize(100);
    }
}
