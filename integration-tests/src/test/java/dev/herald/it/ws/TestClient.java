package dev.herald.it.ws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A real WebSocket client on loopback that records what it receives and how it was closed; a
 * {@link #counting} one keeps only counts, for streams too long to hold.
 */
public final class TestClient extends WebSocketClient {
    private static final Pattern POSITION = Pattern.compile("\"position\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile(",\"id\":\"([^\"]+)\"}$");

    /** Frames received but {@code $position}: events and the other control frames. */
    public final List<String> messages = new CopyOnWriteArrayList<>();
    /** The positions of the {@code $position} frames received: bookkeeping for resuming, kept apart. */
    public final List<String> positions = new CopyOnWriteArrayList<>();
    /** Where this client would resume from: the last event's id or {@code $position}. */
    volatile String lastPosition;
    /** Frames received but {@code $position}, {@code $resync} included. */
    final AtomicInteger received = new AtomicInteger();
    /** {@code $resync} frames received. */
    final AtomicInteger resyncs = new AtomicInteger();
    /** Whether {@link #messages} records the frames. */
    private boolean keep = true;

    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    public volatile String closeReason;

    TestClient(int port, String pathAndQuery) {
        this(port, pathAndQuery, Map.of());
    }

    public TestClient(int port, String pathAndQuery, Map<String, String> headers) {
        this(URI.create("ws://127.0.0.1:" + port + pathAndQuery), headers);
    }

    /** A client of any URI, {@code wss://} among them (give it a socket factory). */
    TestClient(URI uri, Map<String, String> headers) {
        super(uri, headers);
        setTcpNoDelay(true);
    }

    public static TestClient connect(int port, String pathAndQuery, Map<String, String> headers)
            throws InterruptedException {
        TestClient client = new TestClient(port, pathAndQuery, headers);
        if (!client.connectBlocking(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + pathAndQuery);
        }
        return client;
    }

    public static TestClient connect(int port, String pathAndQuery) throws InterruptedException {
        return connect(port, pathAndQuery, Map.of());
    }

    /** A connected client that counts frames and {@code $resync}s and keeps none of them. */
    static TestClient counting(int port, String pathAndQuery) throws InterruptedException {
        TestClient client = new TestClient(port, pathAndQuery, Map.of());
        client.keep = false;
        if (!client.connectBlocking(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + pathAndQuery);
        }
        return client;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
        if (message.startsWith("{\"event\":\"$position\"")) {
            Matcher position = POSITION.matcher(message);
            if (position.find()) {
                positions.add(position.group(1));
                lastPosition = position.group(1);
            }
            return;
        }
        if (message.startsWith("{\"event\":\"$resync\"")) {
            resyncs.incrementAndGet();
        } else if (!message.startsWith("{\"event\":\"$")) {
            Matcher id = ID.matcher(message);
            if (id.find()) {
                lastPosition = id.group(1);
            }
        }
        received.incrementAndGet();
        if (keep) {
            messages.add(message);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeReason = reason;
        closeCode.complete(code);
    }

    @Override
    public void onError(Exception ex) {}

    /** Waits until at least {@code count} messages arrived; returns a copy of them. */
    public List<String> awaitMessages(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (messages.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return new ArrayList<>(messages);
    }

    /** Where this client would resume from, once it has one. */
    public String awaitPosition(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (lastPosition == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return lastPosition;
    }

    public int awaitClose(long timeoutMillis) throws Exception {
        return closeCode.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
