package dev.herald.sample.notes;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A real WebSocket client that records what it receives and how it was closed. */
final class WsClient extends WebSocketClient {
    private static final Pattern POSITION = Pattern.compile("\"(?:position|id)\":\"([^\"]+)\"}$");

    /** Frames received but {@code $position}, which only moves {@link #lastPosition}. */
    final List<String> messages = new CopyOnWriteArrayList<>();
    /** The position a reconnect resumes from: the last event's id or {@code $position}. */
    volatile String lastPosition;
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    volatile String closeReason;

    WsClient(int port, String pathAndQuery, Map<String, String> headers) {
        super(URI.create("ws://127.0.0.1:" + port + pathAndQuery), headers);
    }

    /** Connects; true when the server upgraded the connection. */
    static WsClient open(int port, String pathAndQuery, Map<String, String> headers) throws InterruptedException {
        WsClient client = new WsClient(port, pathAndQuery, headers);
        client.connectBlocking(5, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
        Matcher position = POSITION.matcher(message);
        if (position.find()) {
            lastPosition = position.group(1);
        }
        if (!message.startsWith("{\"event\":\"$position\"")) {
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

    List<String> awaitMessages(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (messages.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return new ArrayList<>(messages);
    }

    int awaitClose(long timeoutMillis) throws Exception {
        return closeCode.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
