package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import playground.training.Runs;

/**
 * Many visitors at once, each in its own session with a long run and an open page stream. Measures the latency of the
 * page and of /health, every run's progress, heap and threads; then everyone leaves and the server must let go of every
 * stream and stop every trainer. Two rounds: the second must not leave more threads behind than the first.
 *
 * <p>Size with {@code -Dload.visitors=200 -Dload.seconds=20}; the defaults (40 visitors, 8 s) keep CI fast.
 */
class LoadTest {
    static final int VISITORS = Integer.getInteger("load.visitors", 40);
    static final int SECONDS = Integer.getInteger("load.seconds", 8);
    static final String LONG_RUN = "{\"layers\":[2,3,2],\"epochs\":10000}";

    static Server server;

    @BeforeAll
    static void start() {
        // unwatched runs pause after 3 s, so that visitors who just leave stop their trainers quickly
        server = Server.start(0, new Runs.Limits(8, 10_000, 3_000, 30 * 60_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void manyVisitorsStreamAtOnceAndLeaveNothingBehind() throws Exception {
        int port = server.port();
        // the control: GET / and /health on this machine now, with no visitor
        Http quiet = new Http(port);
        List<Double> controlPageMs = new ArrayList<>();
        List<Double> controlHealthMs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long a = System.nanoTime();
            assertEquals(200, quiet.get("/").statusCode());
            long b = System.nanoTime();
            assertEquals(200, quiet.get("/health").statusCode());
            controlPageMs.add((b - a) / 1e6);
            controlHealthMs.add((System.nanoTime() - b) / 1e6);
            Thread.sleep(20);
        }
        double controlPageP99 = pct(controlPageMs, 99);
        double controlHealthP99 = pct(controlHealthMs, 99);
        System.out.println("LOAD control, no visitor: page p99 " + controlPageP99 + " ms, /health p99 "
                + controlHealthP99 + " ms");
        long heapBaseline = heapAfterGc();
        int runsBefore = health(port).get("runs").asInt();
        Map<String, Object> r1 = round(port, 1);
        int runsAfter1 = health(port).get("runs").asInt();
        // runs stay (paused) until freed: their memory is what an idle run costs
        double perRunKb = (heapAfterGc() - heapBaseline) / 1024.0 / Math.max(1, runsAfter1 - runsBefore);
        r1.put("idleRunKB", Math.round(perRunKb * 10) / 10.0);
        System.out.println("LOAD " + Http.JSON.writeValueAsString(r1));

        Map<String, Object> r2 = round(port, 2);
        System.out.println("LOAD " + Http.JSON.writeValueAsString(r2));

        // a loaded server still answers a visitor quickly: against the same requests with no visitor, just before
        double pageLimit = 1000 + 10 * controlPageP99;
        double healthLimit = 300 + 10 * controlHealthP99;
        for (Map<String, Object> r : List.of(r1, r2)) {
            assertTrue(
                    (double) r.get("pageP99ms") < pageLimit,
                    "GET / p99 under " + pageLimit + " ms (control " + controlPageP99 + " ms): " + r);
            assertTrue(
                    (double) r.get("healthP99ms") < healthLimit,
                    "GET /health p99 under " + healthLimit + " ms (control " + controlHealthP99 + " ms): " + r);
        }

        // pools grow to the concurrency they meet and shrink only after a minute idle (on a busy machine requests
        // overlap more, and Jetty's pool grows): a leak is a thread outside them that stays, visitor after visitor
        int t1 = (int) r1.get("threadsOutsidePoolsAfter");
        int t2 = (int) r2.get("threadsOutsidePoolsAfter");
        assertTrue(t2 <= t1 + 4, "threads outside the pools grew from round to round: " + t1 + " -> " + t2);
        Map<String, Integer> pools = threadNames();
        int jetty = pools.getOrDefault("JettyServerThreadPool-#", 0);
        assertTrue(jetty <= 250, "Jetty's pool within its bound: " + jetty);
        int senders = pools.getOrDefault("sse-sender-#", 0);
        assertTrue(senders <= VISITORS + 8, "sender threads beyond the streams open at once: " + senders);
    }

    /** One round: VISITORS arrive, start a long run each, stream it, then leave. Returns the figures. */
    static Map<String, Object> round(int port, int round) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16, named("load-setup-"));
        List<Http> visitors = new ArrayList<>();
        List<Visit> visits = Collections.synchronizedList(new ArrayList<>());
        List<Sse> streams = Collections.synchronizedList(new ArrayList<>());
        try {
            // ---- arrive: create, start, stream ----
            List<Future<?>> setup = new ArrayList<>();
            for (int i = 0; i < VISITORS; i++) {
                Http v = new Http(port);
                visitors.add(v);
                setup.add(pool.submit(() -> {
                    HttpResponse<String> created = v.post("/api/runs", LONG_RUN);
                    assertEquals(201, created.statusCode(), created.body());
                    String id = Http.json(created).get("id").asText();
                    HttpResponse<String> started = v.post("/api/runs/" + id + "/start", "");
                    assertEquals(200, started.statusCode(), started.body());
                    Sse s = Sse.open(v, "/runs/" + id + "/stream", "status");
                    assertEquals(200, s.status, "stream of " + id);
                    visits.add(new Visit(v, id, s));
                    streams.add(s);
                    return null;
                }));
            }
            for (Future<?> f : setup) f.get(60, TimeUnit.SECONDS);
            List<String> runIds = visits.stream().map(Visit::id).toList();
            List<Http> owners = visits.stream().map(Visit::visitor).toList();
            await(() -> streams.stream().allMatch(s -> s.frames.get() > 0), 30, "every stream got a first frame");
            assertEquals(VISITORS, health(port).get("streams").asInt(), "one stream per visitor");

            // ---- loaded: probe latency, progress, heap and threads ----
            long[] before = progress(pool, owners, runIds);
            long t0 = System.nanoTime();
            List<Double> pageMs = new ArrayList<>();
            List<Double> healthMs = new ArrayList<>();
            long heapMax = 0;
            int threadsMax = 0;
            int serverThreadsMax = 0;
            Http prober = new Http(port);
            long end = t0 + SECONDS * 1_000_000_000L;
            long nextSample = 0;
            while (System.nanoTime() < end) {
                long a = System.nanoTime();
                HttpResponse<String> page = prober.get("/");
                long b = System.nanoTime();
                assertEquals(200, page.statusCode());
                HttpResponse<String> h = prober.get("/health");
                long c = System.nanoTime();
                assertEquals(200, h.statusCode());
                pageMs.add((b - a) / 1e6);
                healthMs.add((c - b) / 1e6);
                if (c >= nextSample) {
                    heapMax = Math.max(heapMax, heapUsed());
                    threadsMax = Math.max(
                            threadsMax, ManagementFactory.getThreadMXBean().getThreadCount());
                    serverThreadsMax = Math.max(serverThreadsMax, serverThreads());
                    nextSample = c + 500_000_000L;
                }
                Thread.sleep(20);
            }
            long[] after = progress(pool, owners, runIds);
            double secs = (System.nanoTime() - t0) / 1e9;
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < runIds.size(); i++) rates.add((after[i] - before[i]) / secs);
            Collections.sort(rates);
            long heapLoadedGc = heapAfterGc();
            int framesMin = streams.stream().mapToInt(s -> s.frames.get()).min().orElse(0);
            assertTrue(rates.get(0) > 0, "a run made no progress under load (starved): " + rates);

            // ---- leave: half pause their run, half just close the tab ----
            for (Sse s : streams) s.close();
            for (int i = 0; i < runIds.size(); i += 2) {
                HttpResponse<String> p = owners.get(i).post("/api/runs/" + runIds.get(i) + "/pause", "");
                assertEquals(200, p.statusCode(), p.body());
            }
            long left = System.nanoTime();
            awaitHealth(port, h -> h.get("streams").asInt() == 0, 15, "streams back to 0 after everyone left");
            double streamsFreedS = (System.nanoTime() - left) / 1e9;
            awaitHealth(port, h -> h.get("running").asInt() == 0, 15, "no trainer running after everyone left");
            double runningZeroS = (System.nanoTime() - left) / 1e9;
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            Thread.sleep(1000);

            Map<String, Object> m = new LinkedHashMap<>();
            m.put("round", round);
            m.put("visitors", VISITORS);
            m.put("seconds", Math.round(secs * 10) / 10.0);
            m.put("pageP50ms", pct(pageMs, 50));
            m.put("pageP99ms", pct(pageMs, 99));
            m.put("healthP50ms", pct(healthMs, 50));
            m.put("healthP99ms", pct(healthMs, 99));
            m.put("probes", pageMs.size());
            m.put("runMinSamplesPerS", Math.round(rates.get(0)));
            m.put("runMedianSamplesPerS", Math.round(rates.get(rates.size() / 2)));
            m.put(
                    "totalSamplesPerS",
                    Math.round(rates.stream().mapToDouble(Double::doubleValue).sum()));
            m.put("framesMinPerStream", framesMin);
            m.put("heapMaxMB", mb(heapMax));
            m.put("heapLoadedAfterGcMB", mb(heapLoadedGc));
            m.put("threadsMax", threadsMax);
            m.put("serverThreadsMax", serverThreadsMax);
            m.put("streamsFreedS", Math.round(streamsFreedS * 10) / 10.0);
            m.put("runningZeroS", Math.round(runningZeroS * 10) / 10.0);
            m.put("serverThreadsAfter", serverThreads());
            m.put("threadsOutsidePoolsAfter", threadsOutsidePools());
            m.put("threadsAfter", ManagementFactory.getThreadMXBean().getThreadCount());
            return m;
        } finally {
            for (Sse s : streams) s.close();
            pool.shutdownNow();
        }
    }

    record Visit(Http visitor, String id, Sse stream) {}

    /** Samples trained so far by each run, read over the API by its owner. */
    static long[] progress(ExecutorService pool, List<Http> owners, List<String> ids) throws Exception {
        List<Future<Long>> fs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Http v = owners.get(i);
            String id = ids.get(i);
            fs.add(pool.submit(() -> {
                JsonNode s = Http.json(v.get("/api/runs/" + id));
                return s.get("epoch").asLong() * s.get("samples").asLong()
                        + s.get("sample").asLong();
            }));
        }
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) out[i] = fs.get(i).get(30, TimeUnit.SECONDS);
        return out;
    }

    // ---- shared helpers (also used by StuckClientTest and ChurnTest) ----

    static JsonNode health(int port) throws IOException, InterruptedException {
        return Http.json(new Http(port).get("/health"));
    }

    static void awaitHealth(int port, Predicate<JsonNode> ok, int seconds, String what) throws Exception {
        JsonNode h = playground.Wait.poll(Duration.ofSeconds(seconds), () -> health(port), ok);
        if (!ok.test(h)) throw new AssertionError(what + " within " + seconds + " s; /health: " + h);
    }

    static void await(playground.Wait.Condition ok, int seconds, String what) {
        playground.Wait.until(what, Duration.ofSeconds(seconds), ok);
    }

    /** Live threads of the server side: all but the test's HTTP clients and the test's own helpers. */
    static int serverThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (t.isAlive() && !name.startsWith("HttpClient-") && !name.startsWith("load-")) n++;
        }
        return n;
    }

    /**
     * The server's pools that grow to the concurrency they meet and shrink only after a minute idle (Jetty's request
     * pool, Javalin's async pool, our sender pool, the JDK's common pool), as {@link #threadNames} names them.
     */
    static final List<String> ELASTIC_POOLS = List.of(
            "JettyServerThreadPool-#",
            "JavalinDefaultAsyncThreadPool-#",
            "sse-sender-#",
            "ForkJoinPool.commonPool-worker-#");

    /** Live server-side threads outside {@link #ELASTIC_POOLS}: those must not grow with visitors. */
    static int threadsOutsidePools() {
        int n = 0;
        for (Map.Entry<String, Integer> e : threadNames().entrySet()) {
            if (!ELASTIC_POOLS.contains(e.getKey())) n += e.getValue();
        }
        return n;
    }

    /** Live server-side threads by name, digits dropped: "sse-sender-" -> 12. */
    static Map<String, Integer> threadNames() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (!t.isAlive() || name.startsWith("HttpClient-") || name.startsWith("load-")) continue;
            m.merge(name.replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        return m;
    }

    static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long heapAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, heapUsed());
        }
        return best;
    }

    static double mb(long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
    }

    static double pct(List<Double> xs, int p) {
        if (xs.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return Math.round(s.get(Math.max(0, Math.min(s.size() - 1, i))) * 100) / 100.0;
    }

    static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * One SSE stream read on its own thread, counting frames: events named {@code frameEvent} (or every event when it
     * is null), with their arrival times.
     */
    static final class Sse implements AutoCloseable {
        private static final AtomicInteger COUNT = new AtomicInteger();
        final int status;
        final AtomicInteger frames = new AtomicInteger();
        final AtomicInteger events = new AtomicInteger();
        final List<Long> frameNanos = Collections.synchronizedList(new ArrayList<>());
        final List<String> names = Collections.synchronizedList(new ArrayList<>());
        private final InputStream body;
        private volatile boolean closed;
        volatile boolean ended;
        /** The name of the last event read. */
        volatile String last;

        private Sse(int status, InputStream body) {
            this.status = status;
            this.body = body;
        }

        /** Bytes read off the wire (compressed, when the stream is). */
        final java.util.concurrent.atomic.AtomicLong wireBytes = new java.util.concurrent.atomic.AtomicLong();

        static Sse open(Http v, String path, String frameEvent) throws IOException, InterruptedException {
            return open(v, path, frameEvent, false);
        }

        /** With {@code gzip}, asks for a compressed stream as a browser does, and counts its bytes on the wire. */
        static Sse open(Http v, String path, String frameEvent, boolean gzip) throws IOException, InterruptedException {
            return open(v, path, frameEvent, gzip, false);
        }

        /**
         * With {@code lean}, counts the frames only ({@code frames}, {@code frameNanos}, the bytes), from the bytes as
         * they come, without making text of the events: hundreds of clients in the server's own process then cost it
         * what a browser elsewhere would not, and the figures are the server's.
         */
        static Sse open(Http v, String path, String frameEvent, boolean gzip, boolean lean)
                throws IOException, InterruptedException {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(v.base + path))
                    .header("Accept", "text/event-stream")
                    .GET();
            if (gzip) req.header("Accept-Encoding", "gzip, deflate, br, zstd");
            HttpResponse<InputStream> r = v.client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            boolean zipped =
                    r.headers().firstValue("Content-Encoding").orElse("").equals("gzip");
            Sse s = new Sse(r.statusCode(), r.body());
            s.zipped = zipped;
            if (r.statusCode() != 200) {
                r.body().close();
                s.ended = true;
                return s;
            }
            Thread t = new Thread(
                    () -> {
                        if (lean) s.count(frameEvent);
                        else s.read(frameEvent);
                    },
                    "load-sse-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            t.start();
            return s;
        }

        private volatile boolean zipped;

        /** Counts the lines "event: FRAME" (each frame is one write, so its first line dates it). */
        private void count(String frameEvent) {
            byte[] pattern = ("\nevent: " + frameEvent + "\n").getBytes(StandardCharsets.UTF_8);
            try (InputStream in = zipped ? new java.util.zip.GZIPInputStream(counted(), 8192) : counted()) {
                byte[] buf = new byte[8192];
                int matched = 1; // the stream starts as if after a line's end
                for (int n; (n = in.read(buf)) > 0; ) {
                    for (int i = 0; i < n; i++) {
                        // the pattern's only line end is its first byte: a mismatch can restart only there
                        if (buf[i] == pattern[matched]) {
                            if (++matched == pattern.length) {
                                frameNanos.add(System.nanoTime());
                                frames.incrementAndGet();
                                matched = 1;
                            }
                        } else {
                            matched = buf[i] == '\n' ? 1 : 0;
                        }
                    }
                }
            } catch (IOException e) {
                // closed by us, or by the server
            } finally {
                ended = true;
            }
        }

        /** The body, counting its bytes on the wire. */
        private InputStream counted() {
            return new java.io.FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) wireBytes.incrementAndGet();
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) wireBytes.addAndGet(n);
                    return n;
                }
            };
        }

        private void read(String frameEvent) {
            InputStream counted = counted();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    zipped ? new java.util.zip.GZIPInputStream(counted, 512) : counted, StandardCharsets.UTF_8))) {
                String name = null;
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event:")) name = line.substring(6).trim();
                    else if (line.isEmpty() && name != null) {
                        events.incrementAndGet();
                        if (names.size() < 64) names.add(name);
                        last = name;
                        if (frameEvent == null || frameEvent.equals(name)) {
                            frameNanos.add(System.nanoTime());
                            frames.incrementAndGet();
                        }
                        name = null;
                    }
                }
            } catch (IOException e) {
                // closed by us, or by the server
            } finally {
                ended = true;
            }
        }

        /** Frames per second and the longest gap (ms) between frames in [from, to] (nanoTime). */
        double[] rateAndMaxGap(long from, long to) {
            List<Long> ts;
            synchronized (frameNanos) {
                ts = new ArrayList<>(frameNanos);
            }
            long prev = from;
            long maxGap = 0;
            int n = 0;
            for (long t : ts) {
                if (t < from || t > to) continue;
                maxGap = Math.max(maxGap, t - prev);
                prev = t;
                n++;
            }
            maxGap = Math.max(maxGap, to - prev);
            return new double[] {n / ((to - from) / 1e9), maxGap / 1e6};
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            try {
                body.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
