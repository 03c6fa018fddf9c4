package dev.herald.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST API under {@code /api}: JSON in and out, errors as {@code {"error": "..."}}. */
final class Api implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final int MAX_BODY = 1 << 20;

    private final ObjectMapper json = new ObjectMapper();
    private final AssetService assets;
    private final FileService files;
    private final TaskService tasks;

    Api(AssetService assets, FileService files, TaskService tasks) {
        this.assets = assets;
        this.files = files;
        this.tasks = tasks;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Object result = route(exchange);
            if (result == null) {
                respond(exchange, 204, null);
            } else {
                respond(exchange, "POST".equals(exchange.getRequestMethod()) ? 201 : 200, result);
            }
        } catch (ApiException e) {
            respond(exchange, e.status, Map.of("error", e.getMessage()));
        } catch (UncheckedIOException e) {
            LOG.warn("I/O error on {}", exchange.getRequestURI(), e);
            respond(
                    exchange,
                    500,
                    Map.of("error", "storage error: " + e.getCause().getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Failed on {}", exchange.getRequestURI(), e);
            respond(exchange, 500, Map.of("error", "internal error"));
        } finally {
            exchange.close();
        }
    }

    private Object route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        switch (method + " " + path) {
            case "GET /api/assets":
                return assets.list();
            case "POST /api/assets":
                return assets.create(text(body(exchange), "name"));
            case "GET /api/fs/list":
                return files.list(query.get("assetId"), query.getOrDefault("path", "/"));
            case "POST /api/fs/files": {
                JsonNode body = body(exchange);
                return files.create(
                        text(body, "assetId"),
                        text(body, "path"),
                        body.path("dir").asBoolean(false),
                        text(body, "content"));
            }
            case "POST /api/fs/rename": {
                JsonNode body = body(exchange);
                files.rename(text(body, "assetId"), text(body, "from"), text(body, "to"));
                return null;
            }
            case "DELETE /api/fs/files":
                files.delete(query.get("assetId"), query.get("path"));
                return null;
            case "GET /api/tasks":
                return tasks.list();
            case "POST /api/tasks":
                return tasks.start(text(body(exchange), "title"));
            default:
                break;
        }
        if (path.startsWith("/api/assets/") && method.equals("DELETE")) {
            assets.delete(path.substring("/api/assets/".length()));
            return null;
        }
        throw ApiException.notFound("no route " + method + " " + path);
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw ApiException.badRequest("body over 1 MiB");
            }
            JsonNode node = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    query.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("malformed query");
                }
            }
        }
        return query;
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
