package dev.herald.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Serves the built page from the classpath ({@code /web}); unknown paths get the page (client routing). */
final class StaticFiles implements HttpHandler {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    private final int eventsPort;

    StaticFiles(int eventsPort) {
        this.eventsPort = eventsPort;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.contains("..")) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String resource = path.equals("/") ? "/index.html" : path;
            byte[] bytes = read("/web" + resource);
            if (bytes == null) {
                resource = "/index.html";
                bytes = read("/web/index.html");
            }
            if (bytes == null) {
                byte[] message =
                        "The page is not built: run the demo through scripts/demo.".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, message.length);
                exchange.getResponseBody().write(message);
                return;
            }
            if (resource.equals("/index.html")) {
                // The page finds the event endpoint on another port of this host.
                bytes = new String(bytes, StandardCharsets.UTF_8)
                        .replace("%HERALD_EVENTS_PORT%", Integer.toString(eventsPort))
                        .getBytes(StandardCharsets.UTF_8);
            }
            String extension = resource.substring(resource.lastIndexOf('.') + 1);
            exchange.getResponseHeaders()
                    .set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
            exchange.getResponseHeaders()
                    .set("Cache-Control", resource.startsWith("/assets/") ? "max-age=31536000, immutable" : "no-cache");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
