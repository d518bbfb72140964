package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import playground.Wait;

/**
 * What the page's stream costs on the wire: gzipped with a flush per event, only the open panels' fragments, and at
 * most {@value #BUDGET} bytes a second at full speed on the presets a class opens first.
 */
class StreamBytesTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    /** Bytes a second per visitor on the wire: about 80 kB/s, so a classroom of 30 on one link stays near 20 Mbit/s. */
    static final int BUDGET = 80_000;

    /** Chromium's own header. */
    static final String BROWSER_ENCODINGS = "gzip, deflate, br, zstd";

    private Http visitor() {
        return new Http(server.port());
    }

    private static String runId(String html) {
        return html.replaceAll("(?s).*data-run=\"([^\"]+)\".*", "$1");
    }

    /** What a stream delivered in a few seconds: its bytes on the wire, and its events by name once unzipped. */
    record Received(String encoding, long wireBytes, double seconds, Map<String, Integer> events, long rawBytes) {
        double wirePerSecond() {
            return wireBytes / seconds;
        }
    }

    /** Opens the page's stream as a browser does, starts the run, and reads it for {@code seconds}. */
    static Received watch(Http v, String id, String panels, double seconds) throws Exception {
        return read(v, "/runs/" + id + "/stream?view=t1&panels=" + panels, seconds, () -> {
            try {
                assertEquals(204, v.post("/runs/" + id + "/start", "").statusCode());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Opens a stream as a browser does, runs {@code opened} once it answers, and reads it for {@code seconds}. */
    static Received read(Http v, String path, double seconds, Runnable opened) throws Exception {
        HttpResponse<InputStream> r = v.client.send(
                HttpRequest.newBuilder(URI.create(v.base + path))
                        .header("Accept", "text/event-stream")
                        .header("Accept-Encoding", BROWSER_ENCODINGS)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String encoding = r.headers().firstValue("Content-Encoding").orElse("");
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        InputStream in = r.body();
        opened.run();
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep((long) (seconds * 1000));
                in.close();
            } catch (Exception ignored) {
                // best effort
            }
        });
        closer.setDaemon(true);
        closer.start();
        byte[] buf = new byte[8192];
        try {
            int n;
            while (System.nanoTime() < end && (n = in.read(buf)) >= 0) wire.write(buf, 0, n);
        } catch (java.io.IOException closed) {
            // closed by the timer
        }
        double took = (System.nanoTime() - t0) / 1e9;
        byte[] body = wire.toByteArray();
        String text;
        if (encoding.equals("gzip")) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try (GZIPInputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                int n;
                while ((n = gz.read(buf)) > 0) raw.write(buf, 0, n);
            } catch (java.io.EOFException cutOff) {
                // the stream was cut off mid-way: what came before is whole (a flush per event)
            }
            text = raw.toString(StandardCharsets.UTF_8);
        } else {
            text = new String(body, StandardCharsets.UTF_8);
        }
        Map<String, Integer> events = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("event:")) events.merge(line.substring(6).trim(), 1, Integer::sum);
        }
        return new Received(encoding, body.length, took, events, text.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?dataset=exp-sin&epochs=10000&speed=max", "/?dataset=xor&epochs=10000&speed=max"})
    void aVisitorCostsAtMost80kBASecondAtFullSpeed(String page) throws Exception {
        Http v = visitor();
        String id = runId(v.get(page).body());
        // the page's default panels: the sample and the equations open
        Received r = watch(v, id, "sample,equations", 5);
        System.out.printf(
                "%s: %.0f bytes/s on the wire (%s), %.0f bytes/s unzipped, events %s%n",
                page, r.wirePerSecond(), r.encoding(), r.rawBytes() / r.seconds(), r.events());
        assertEquals("gzip", r.encoding(), "the stream is compressed for a browser");
        assertTrue(r.events().getOrDefault("status", 0) >= 10, "events arrive live, one by one: " + r.events());
        assertTrue(r.events().getOrDefault("state", 0) >= 3, "the sample's numbers are streamed: " + r.events());
        assertTrue(r.wirePerSecond() <= BUDGET, "at most 80 kB/s: " + r.wirePerSecond());
        assertTrue(r.rawBytes() > 2 * r.wireBytes(), "compression pays: " + r.rawBytes() + " vs " + r.wireBytes());
        v.post("/runs/" + id + "/pause", "");
    }

    /**
     * The compare page (its own stream, and each run's pictures) costs at most what two main pages cost: measured here
     * against one main page of the same configuration at the same speed, with its default panels open.
     */
    @Test
    void theComparePageCostsAtMostTwoPages() throws Exception {
        Http v = visitor();
        String id = runId(v.get("/?dataset=xor&epochs=10000&speed=max").body());
        Received page = watch(v, id, "sample,equations", 4);
        v.post("/runs/" + id + "/pause", "");
        String html = v.get("/compare?a=" + Pages.encode("dataset=xor&epochs=10000&speed=max") + "&b="
                        + Pages.encode("dataset=xor&epochs=10000&lr=0.3"))
                .body();
        String a = html.replaceAll("(?s).*data-a=\"([^\"]+)\".*", "$1");
        String b = html.replaceAll("(?s).*data-b=\"([^\"]+)\".*", "$1");
        List<String> paths = List.of(
                "/compare/stream?a=" + a + "&b=" + b,
                "/runs/" + a + "/stream?view=c-a&panels=&parts=diagram,heatmap",
                "/runs/" + b + "/stream?view=c-b&panels=&parts=diagram,heatmap");
        java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(paths.size());
        List<java.util.concurrent.Future<Received>> reading = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(paths.size());
        try {
            for (String p : paths) reading.add(pool.submit(() -> read(v, p, 4, open::countDown)));
            assertTrue(open.await(20, java.util.concurrent.TimeUnit.SECONDS), "the three streams open");
            assertEquals(204, v.post("/runs/" + a + "/start", "").statusCode());
            assertEquals(204, v.post("/runs/" + b + "/start", "").statusCode());
            double compare = 0;
            Map<String, Integer> events = new LinkedHashMap<>();
            for (var f : reading) {
                Received r = f.get();
                assertEquals("gzip", r.encoding(), "compressed");
                compare += r.wirePerSecond();
                r.events().forEach((k, n) -> events.merge(k, n, Integer::sum));
            }
            System.out.printf(
                    "compare page: %.0f bytes/s on the wire (one main page: %.0f), events %s%n",
                    compare, page.wirePerSecond(), events);
            assertTrue(events.getOrDefault("compare_chart", 0) >= 3, "the chart is streamed: " + events);
            assertTrue(events.getOrDefault("diagram", 0) >= 4, "both runs' pictures are streamed: " + events);
            assertFalse(events.containsKey("chart"), "each run's own chart is not sent: " + events);
            assertTrue(
                    compare <= 2 * page.wirePerSecond(), compare + " bytes/s, two pages " + 2 * page.wirePerSecond());
        } finally {
            pool.shutdownNow();
            v.post("/runs/" + a + "/pause", "");
            v.post("/runs/" + b + "/pause", "");
        }
    }

    @Test
    void aClosedPanelCostsNothingAndOpeningItSendsItAtOnce() throws Exception {
        Http v = visitor();
        String id = runId(v.get("/?dataset=xor&epochs=10000&speed=max").body());
        Received closed = watch(v, id, "", 2);
        v.post("/runs/" + id + "/pause", "");
        System.out.println("panels closed: " + closed.events());
        for (String name : List.of("state", "equations", "weights", "timeline")) {
            assertFalse(closed.events().containsKey(name), name + " is not sent while its panel is closed");
        }
        assertTrue(closed.events().getOrDefault("status", 0) >= 4, "the status still is: " + closed.events());

        // a stream whose page opens the weights panel while it runs
        String page = v.get("/?dataset=xor&epochs=10000&speed=max&seed=5").body();
        String other = runId(page);
        List<Http.Event> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                v.events("/runs/" + other + "/stream?view=page1&panels=", 10_000, Duration.ofSeconds(3), seen::add);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        Wait.until("the stream's first event", Duration.ofSeconds(5), () -> !seen.isEmpty());
        assertTrue(seen.stream().noneMatch(e -> e.name().equals("weights")));
        // paused and idle: nothing changes, yet the opened panel comes at once
        HttpResponse<String> opened = v.form("/runs/" + other + "/view", "view=page1&panels=weights");
        assertEquals(204, opened.statusCode());
        Wait.until(
                "the opened panel is sent",
                Duration.ofSeconds(2),
                () -> seen.stream().anyMatch(e -> e.name().equals("weights")),
                seen::toString);
        reader.join();

        HttpResponse<String> bad = v.form("/runs/" + other + "/view", "view=page1&panels=secrets");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("panels"), bad.body());
    }

    @Test
    void thePaceChangesWithoutReloadingAndBadPacesAreExplained() throws Exception {
        Http v = visitor();
        String id = runId(v.get("/?dataset=xor").body());
        HttpResponse<String> ok = v.form("/runs/" + id + "/speed", "speed=20e");
        assertEquals(204, ok.statusCode());
        assertEquals("20e", ok.headers().firstValue("X-Run-Speed").orElse(""));
        assertEquals("20e", Http.json(v.get("/api/runs/" + id)).path("speed").asText());
        HttpResponse<String> bad = v.form("/runs/" + id + "/speed", "speed=2000e");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("epochs a second"), bad.body());
        HttpResponse<String> page = v.get("/?dataset=xor&speed=fast");
        assertTrue(page.body().contains("Pace: must be auto, max"), "the page explains a bad pace in a link");
    }
}
