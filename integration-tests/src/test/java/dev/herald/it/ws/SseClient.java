package dev.herald.it.ws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client for tests, as a browser's would read the stream: {@code id:} and
 * {@code data:} lines up to a blank line make an event; comments and {@code retry:} are kept apart.
 * Reads on a thread of its own until the stream ends.
 */
public final class SseClient implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public final HttpResponse<InputStream> response;
    /** Each event's {@code data}, in order. */
    public final List<String> data = new CopyOnWriteArrayList<>();
    /** Each event's {@code id}, or {@code null} for one without. */
    public final List<String> ids = new CopyOnWriteArrayList<>();
    /** Comment lines and {@code retry:} lines, as sent. */
    public final List<String> other = new CopyOnWriteArrayList<>();
    /** Completes when the stream ends. */
    public final CompletableFuture<Void> ended = new CompletableFuture<>();

    private volatile String body = "";

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
    }

    /** GETs {@code pathAndQuery} with {@code Accept: text/event-stream} and {@code headers}; returns once the headers are in. */
    public static SseClient connect(int port, String pathAndQuery, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Accept", "text/event-stream");
        headers.forEach(request::header);
        SseClient client = new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        Thread reader = new Thread(client::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The response's body when it is no stream (a refusal's reason). */
    public String body() throws Exception {
        ended.get(5, TimeUnit.SECONDS);
        return body;
    }

    private void read() {
        StringBuilder refused = new StringBuilder();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            List<String> dataLines = new ArrayList<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (response.statusCode() != 200) {
                    refused.append(line).append('\n');
                } else if (line.isEmpty()) {
                    if (!dataLines.isEmpty()) {
                        ids.add(id);
                        data.add(String.join("\n", dataLines));
                    }
                    id = null;
                    dataLines.clear();
                } else if (line.startsWith("data: ")) {
                    dataLines.add(line.substring(6));
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else {
                    other.add(line);
                }
            }
        } catch (IOException e) {
            other.add("! " + e); // closed by close(), or the connection broke: the stream ended either way
        } finally {
            body = refused.toString();
            ended.complete(null);
        }
    }

    /** Waits for {@code count} events; returns what arrived by then. */
    public List<String> awaitData(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (data.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return List.copyOf(data);
    }

    /**
     * Waits for {@code count} frames other than {@code $position} (which moves a quiet stream's
     * position on, as on a WebSocket); returns those that arrived by then.
     */
    public List<String> awaitEvents(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (events().size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return events();
    }

    private List<String> events() {
        return data.stream()
                .filter(frame -> !frame.startsWith("{\"event\":\"$position\""))
                .toList();
    }

    /** Whether the stream ended within the time. */
    public boolean awaitEnd(long timeoutMillis) {
        try {
            ended.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
