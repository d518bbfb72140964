package playground.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test visitor: its own cookie jar (so its own session), over real HTTP. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    final String base;
    final HttpClient client;

    Http(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a run through the API and answers its id. */
    String newRun(String json) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/runs", json);
        if (r.statusCode() != 201)
            throw new AssertionError("creating a run answered " + r.statusCode() + ": " + r.body());
        return json(r).get("id").asText();
    }

    /** Posts a form, as the page's controls do. */
    HttpResponse<String> form(String path, String body) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What opening an SSE stream answered: its status, headers and, when refused, its body. */
    record Opened(int statusCode, java.net.http.HttpHeaders headers, String body) {}

    /** Opens an SSE stream as a page does and closes it at once. */
    Opened stream(String path) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> r = client.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = r.body()) {
            String body = r.statusCode() == 200 ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Opened(r.statusCode(), r.headers(), body);
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** One SSE event as read off the wire. */
    record Event(String name, String data) {}

    /** Reads events from an SSE stream until {@code max} events or the timeout; then closes it. */
    List<Event> events(String path, int max, Duration timeout) throws IOException, InterruptedException {
        return events(path, max, timeout, e -> {});
    }

    /** As above, telling {@code onEvent} of each event as it arrives. */
    List<Event> events(String path, int max, Duration timeout, java.util.function.Consumer<Event> onEvent)
            throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> r = client.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<Event> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
                r.body().close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        });
        closer.setDaemon(true);
        closer.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while (out.size() < max && System.nanoTime() < deadline && (line = in.readLine()) != null) {
                if (line.startsWith("event:")) name = line.substring(6).trim();
                else if (line.startsWith("data:")) data.append(line.substring(5).trim());
                else if (line.isEmpty() && name != null) {
                    Event event = new Event(name, data.toString());
                    out.add(event);
                    onEvent.accept(event);
                    name = null;
                    data.setLength(0);
                }
            }
        } catch (IOException closedByTimeout) {
            // the stream was closed by the timer
        }
        closer.interrupt();
        return out;
    }
}
