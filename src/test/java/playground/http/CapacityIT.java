package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar on a small dyno's heap, with the JVM flags app.json gives the platform ({@code -Xmx300m}): VISITORS
 * visitors each open the page, press Start and watch their run train on the page's stream; the server holds them all
 * (every run trains, every page gets frames, /health stays quick). Then more visitors come until the server refuses
 * one with 503 and Retry-After; it goes on serving those it holds, and never runs out of memory. {@code
 * -Dcapacity.visitors=N} to try another number.
 */
class CapacityIT {
    static final int VISITORS = Integer.getInteger("capacity.visitors", 100);
    /** A run that trains for longer than the test watches it, at the page's own pace. */
    static final String PAGE = "/?epochs=1000";

    static final Pattern STREAM = Pattern.compile("/runs/([A-Za-z0-9_-]+)/stream\\?view=([A-Za-z0-9_-]+)");

    @Test
    void aSmallHeapHoldsAClassAndRefusesMoreWith503() throws Exception {
        String jarProp = System.getProperty("app.jar");
        Assumptions.assumeTrue(jarProp != null && new File(jarProp).isFile(), "no packaged jar (-Dapp.jar)");
        List<String> javaOpts = javaOptsOfAppJson();
        assertTrue(javaOpts.contains("-Xmx300m"), "app.json gives the dyno -Xmx300m: " + javaOpts);

        PackagedServer server = PackagedServer.start(javaOpts, Map.of());
        int port = server.port;
        Process p = server.process;
        ExecutorService pool = Executors.newFixedThreadPool(16, LoadTest.named("capacity-"));
        List<LoadTest.Sse> streams = Collections.synchronizedList(new ArrayList<>());
        try {
            // ---- the control: /health on this machine now, with the server up and no visitor ----
            Http idle = new Http(port);
            List<Double> controlMs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long a = System.nanoTime();
                assertEquals(200, idle.get("/health").statusCode());
                controlMs.add((System.nanoTime() - a) / 1e6);
                Thread.sleep(50);
            }
            double controlP99 = LoadTest.pct(controlMs, 99);

            // ---- VISITORS arrive: the page, Start, its stream ----
            List<Future<Visit>> arriving = new ArrayList<>();
            for (int i = 0; i < VISITORS; i++) arriving.add(pool.submit(() -> visit(port)));
            List<Visit> held = new ArrayList<>();
            for (Future<Visit> f : arriving) {
                Visit v = f.get(180, TimeUnit.SECONDS);
                assertEquals(200, v.status, "visitor " + held.size() + " was refused: " + v.body);
                held.add(v);
                streams.add(v.stream);
            }
            LoadTest.await(() -> streams.stream().allMatch(s -> s.frames.get() >= 2), 90, "every page gets frames");
            Http prober = new Http(port);
            JsonNode health = Http.json(prober.get("/health"));
            assertEquals(VISITORS, health.get("running").asInt(), "every visitor's run trains: " + health);
            assertEquals(VISITORS, health.get("streams").asInt(), "one stream per page: " + health);

            // ---- held: /health latency, heap, frames, for a few seconds ----
            int[] framesBefore = streams.stream().mapToInt(s -> s.frames.get()).toArray();
            List<Double> healthMs = new ArrayList<>();
            double heapMax = 0;
            long end = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < end) {
                long a = System.nanoTime();
                assertEquals(200, prober.get("/health").statusCode());
                healthMs.add((System.nanoTime() - a) / 1e6);
                heapMax = Math.max(heapMax, heap(prober));
                Thread.sleep(200);
            }
            int framesMin = Integer.MAX_VALUE;
            for (int i = 0; i < streams.size(); i++) {
                framesMin = Math.min(framesMin, streams.get(i).frames.get() - framesBefore[i]);
            }
            MetricsTest.Exposition m = MetricsTest.scrape(prober);
            double oldGen = m.value("jvm_memory_used_bytes", "id", "G1 Old Gen");
            double heapLimit = m.value("jvm_memory_max_bytes", "area", "heap");
            assertTrue(framesMin >= 1, "every page got frames while held (least: " + framesMin + ")");
            double healthP99 = LoadTest.pct(healthMs, 99);
            // within a second on a quiet machine; on a busy one, against /health with no visitor, measured just before
            double healthLimit = 1000 + 10 * controlP99;
            System.out.println("CAPACITY /health p99 " + LoadTest.fmt(healthP99) + " ms while full, "
                    + LoadTest.fmt(controlP99) + " ms with no visitor; limit " + LoadTest.fmt(healthLimit) + " ms");
            assertTrue(
                    healthP99 < healthLimit,
                    "/health answers within a second while full: p99 " + healthP99 + " ms (control " + controlP99
                            + " ms)");

            // ---- more visitors, until one is refused ----
            int more = 0;
            Visit refused = null;
            while (refused == null && more < 400) {
                List<Future<Visit>> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) batch.add(pool.submit(() -> visit(port)));
                for (Future<Visit> f : batch) {
                    Visit v = f.get(180, TimeUnit.SECONDS);
                    if (v.status == 200) {
                        more++;
                        streams.add(v.stream);
                    } else if (refused == null) {
                        refused = v;
                    }
                }
            }
            assertTrue(refused != null, "no visitor refused after " + more + " more");
            assertEquals(503, refused.status, "a full server answers 503: " + refused.body);
            assertTrue(refused.retryAfter.matches("\\d+"), "with Retry-After in seconds: " + refused.retryAfter);
            assertTrue(p.isAlive(), "the server is alive");
            assertEquals(200, prober.get("/health").statusCode(), "and answers /health");
            int[] framesAtFull =
                    held.stream().mapToInt(v -> v.stream.frames.get()).toArray();
            LoadTest.await(
                    () -> {
                        for (int i = 0; i < held.size(); i++) {
                            if (held.get(i).stream.frames.get() <= framesAtFull[i]) return false;
                        }
                        return true;
                    },
                    30,
                    "the first visitors' pages still get frames when the server is full");
            double heapFull = heap(prober);
            String out = server.log();
            assertFalse(out.contains("OutOfMemoryError"), "no OutOfMemoryError in the log");

            Map<String, Object> fig = new LinkedHashMap<>();
            fig.put("javaOpts", String.join(" ", javaOpts));
            fig.put("held", VISITORS);
            fig.put("healthP50ms", LoadTest.pct(healthMs, 50));
            fig.put("healthP99ms", healthP99);
            fig.put("framesMinPerPageIn8s", framesMin);
            fig.put("heapMaxMB", LoadTest.mb((long) heapMax));
            fig.put("oldGenMB", LoadTest.mb((long) oldGen));
            fig.put("heapLimitMB", LoadTest.mb((long) heapLimit));
            fig.put("refusedAfterMore", more);
            fig.put("heapWhenFullMB", LoadTest.mb((long) heapFull));
            fig.put("refusal", refused.body.length() > 160 ? refused.body.substring(0, 160) : refused.body);
            System.out.println("CAPACITY " + Http.JSON.writeValueAsString(fig));
        } finally {
            for (LoadTest.Sse s : streams) s.close();
            pool.shutdownNow();
            server.close();
        }
    }

    /** One visitor: its page, Start, and the page's stream (gzipped, as a browser asks). */
    static Visit visit(int port) throws Exception {
        Http v = new Http(port);
        HttpResponse<String> page = v.get(PAGE);
        if (page.statusCode() != 200) {
            return new Visit(
                    page.statusCode(), page.headers().firstValue("Retry-After").orElse(""), page.body(), null);
        }
        Matcher m = STREAM.matcher(page.body());
        assertTrue(m.find(), "the page names its stream");
        String id = m.group(1);
        HttpResponse<String> start = v.post("/runs/" + id + "/start", "");
        if (start.statusCode() == 503) {
            // the page's run becomes the visitor's when the page asks for it: the server may have filled meanwhile
            return new Visit(503, start.headers().firstValue("Retry-After").orElse(""), start.body(), null);
        }
        assertTrue(start.statusCode() / 100 == 2, "Start: " + start.statusCode() + " " + start.body());
        LoadTest.Sse s =
                LoadTest.Sse.open(v, "/runs/" + id + "/stream?view=" + m.group(2) + "&panels=", "status", true);
        if (s.status != 200) return new Visit(s.status, "", "the stream answered " + s.status, null);
        return new Visit(200, "", "", s);
    }

    record Visit(int status, String retryAfter, String body, LoadTest.Sse stream) {}

    /** The heap in use now, by the server's own /metrics. */
    static double heap(Http prober) throws Exception {
        return MetricsTest.scrape(prober).value("jvm_memory_used_bytes", "area", "heap");
    }

    /** The JAVA_OPTS app.json gives the platform, as a list of flags. */
    static List<String> javaOptsOfAppJson() throws Exception {
        JsonNode app = Http.JSON.readTree(new File("app.json"));
        String opts = app.path("env").path("JAVA_OPTS").path("value").asText("");
        return Arrays.stream(opts.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
