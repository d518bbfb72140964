package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static playground.http.LoadTest.await;
import static playground.http.LoadTest.awaitHealth;
import static playground.http.LoadTest.named;
import static playground.http.LoadTest.pct;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import playground.http.LoadTest.Sse;

/** A classroom on one server of its own (so that its threads do not count in LoadTest's rounds). */
class ClassroomLoadTest {
    static Server server;

    /** The server's own threads' CPU time (trainers, stream senders, Jetty's and Javalin's), not the test's clients. */
    static long serverCpu() {
        long sum = 0;
        for (String p : new String[] {"trainer-", "sse-", "JettyServerThreadPool", "JavalinDefault", "check"}) {
            sum += cpuOf(p);
        }
        return sum;
    }

    /** The CPU time of the live threads whose names start so (the trainers, the stream senders). */
    static long cpuOf(String prefix) {
        var mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().startsWith(prefix)) continue;
            long c = mx.getThreadCpuTime(t.getId());
            if (c > 0) sum += c;
        }
        return sum;
    }

    @BeforeAll
    static void start() {
        server = Server.start(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What one visitor alone gets on this machine now: /health p99 and the frames of one paced run. */
    record Control(double healthP99Ms, double framesPerSecond) {}

    static Control control(int port) throws Exception {
        Http v = new Http(port);
        HttpResponse<String> created =
                v.post("/api/runs", "{\"dataset\":\"xor\",\"epochs\":10000,\"speed\":\"10e\",\"seed\":99}");
        String id = Http.json(created).get("id").asText();
        try (Sse s = Sse.open(v, "/runs/" + id + "/stream?view=v&panels=sample,equations", "status", GZIP, true)) {
            v.post("/api/runs/" + id + "/start", "");
            await(() -> s.frames.get() > 2, 30, "the control's frames");
            List<Double> ms = new ArrayList<>();
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 3_000_000_000L) {
                long a = System.nanoTime();
                v.get("/health");
                ms.add((System.nanoTime() - a) / 1e6);
                Thread.sleep(50);
            }
            long t1 = System.nanoTime();
            v.post("/api/runs/" + id + "/pause", "");
            return new Control(pct(ms, 99), s.rateAndMaxGap(t0, t1)[0]);
        }
    }

    static final int CLASS = Integer.getInteger("load.classroom", 40);
    static final boolean GZIP = !Boolean.getBoolean("load.plain");

    /**
     * A class watching paced xor runs (10 epochs a second, pictures on, the page's default panels, gzipped as a
     * browser asks): /health stays quick, every page gets at least 2 frames a second, and the figures per visitor are
     * printed (server process CPU, bytes on the wire). {@code -Dload.classroom=300} for a whole school's class.
     */
    @Test
    void aClassWatchesPacedRunsWithPictures() throws Exception {
        int port = server.port();
        int seconds = LoadTest.SECONDS;
        ExecutorService pool = Executors.newFixedThreadPool(16, named("load-class-"));
        List<Sse> streams = Collections.synchronizedList(new ArrayList<>());
        List<Http> owners = Collections.synchronizedList(new ArrayList<>());
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try {
            Control control = control(port);
            List<Future<?>> setup = new ArrayList<>();
            for (int i = 0; i < CLASS; i++) {
                int seed = i;
                setup.add(pool.submit(() -> {
                    Http v = new Http(port);
                    HttpResponse<String> created = v.post(
                            "/api/runs",
                            "{\"dataset\":\"xor\",\"epochs\":10000,\"speed\":\"10e\",\"seed\":" + seed + "}");
                    assertEquals(201, created.statusCode(), created.body());
                    String id = Http.json(created).get("id").asText();
                    Sse s = Sse.open(v, "/runs/" + id + "/stream?view=v&panels=sample,equations", "status", GZIP, true);
                    assertEquals(200, s.status, "stream of " + id);
                    assertEquals(200, v.post("/api/runs/" + id + "/start", "").statusCode());
                    streams.add(s);
                    synchronized (ids) { // the i-th owner owns the i-th run
                        owners.add(v);
                        ids.add(id);
                    }
                    return null;
                }));
            }
            for (Future<?> f : setup) f.get(120, TimeUnit.SECONDS);
            await(() -> streams.stream().allMatch(s -> s.frames.get() > 2), 60, "every page gets frames");
            Thread.sleep(1000);
            long[] before = LoadTest.progress(pool, owners, ids);
            long trainer0 = cpuOf("trainer-"), sender0 = cpuOf("sse-"), server0 = serverCpu();
            long t0 = System.nanoTime();
            long cpu0 = os.getProcessCpuTime();
            long wire0 = streams.stream().mapToLong(s -> s.wireBytes.get()).sum();
            List<Double> healthMs = new ArrayList<>();
            Http prober = new Http(port);
            long end = t0 + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                long a = System.nanoTime();
                assertEquals(200, prober.get("/health").statusCode());
                healthMs.add((System.nanoTime() - a) / 1e6);
                Thread.sleep(50);
            }
            long t1 = System.nanoTime();
            long trainerNanos = cpuOf("trainer-") - trainer0, senderNanos = cpuOf("sse-") - sender0;
            long serverNanos = serverCpu() - server0;
            long[] after = LoadTest.progress(pool, owners, ids);
            double secs = (t1 - t0) / 1e9;
            long[] done = new long[after.length];
            for (int i = 0; i < done.length; i++) done[i] = after[i] - before[i];
            java.util.Arrays.sort(done);
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            long wire = streams.stream().mapToLong(s -> s.wireBytes.get()).sum() - wire0;
            double[] fps = streams.stream()
                    .mapToDouble(s -> s.rateAndMaxGap(t0, t1)[0])
                    .sorted()
                    .toArray();
            double minFps = fps.length == 0 ? 0 : fps[0];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("visitors", CLASS);
            m.put("seconds", Math.round(secs * 10) / 10.0);
            m.put("healthP50ms", pct(healthMs, 50));
            m.put("healthP99ms", pct(healthMs, 99));
            m.put("minFramesPerS", Math.round(minFps * 10) / 10.0);
            m.put("medianFramesPerS", Math.round(fps[fps.length / 2] * 10) / 10.0);
            // at 10 epochs a second, a run of xor trains 3350 samples a second if the trainers keep up
            m.put("runMedianSamplesPerS", Math.round(done[done.length / 2] / secs));
            m.put("trainerCores", Math.round(trainerNanos / 1e9 / secs * 100) / 100.0);
            m.put("senderCores", Math.round(senderNanos / 1e9 / secs * 100) / 100.0);
            double frames = java.util.Arrays.stream(fps).sum() * secs;
            m.put("senderCpuMsPerFrame", Math.round(senderNanos / 1e6 / Math.max(1, frames) * 100) / 100.0);
            m.put("trainerCpuMicrosPerSample", Math.round(trainerNanos / 1e3 / Math.max(1, sum(done)) * 100) / 100.0);
            m.put("serverCpuMsPerVisitorPerS", Math.round(serverNanos / 1e6 / secs / CLASS * 10) / 10.0);
            m.put("processCpuMsPerVisitorPerS", Math.round(cpu * 1000 / secs / CLASS * 10) / 10.0);
            m.put("wireBytesPerVisitorPerS", Math.round(wire / secs / CLASS));
            m.put("controlHealthP99ms", Math.round(control.healthP99Ms() * 100) / 100.0);
            m.put("controlFramesPerS", Math.round(control.framesPerSecond() * 10) / 10.0);
            System.out.println("CLASSROOM " + Http.JSON.writeValueAsString(m));
            // the goals (p99 under 300 ms, 2 frames a second) hold on a quiet machine; on a busy one, against what one
            // visitor alone gets on it, measured just before
            double healthBudget = 300 + 10 * control.healthP99Ms();
            double fpsFloor = Math.min(2, 0.3 * control.framesPerSecond());
            assertTrue(pct(healthMs, 99) < healthBudget, "GET /health p99 under " + healthBudget + " ms: " + m);
            assertTrue(minFps >= fpsFloor, "every page gets at least " + fpsFloor + " frames a second: " + m);
        } finally {
            for (Sse s : streams) s.close();
            for (int i = 0; i < ids.size(); i++) owners.get(i).post("/api/runs/" + ids.get(i) + "/pause", "");
            pool.shutdownNow();
        }
        awaitHealth(port, h -> h.get("streams").asInt() == 0, 20, "streams back to 0 after the class left");
        awaitHealth(port, h -> h.get("running").asInt() == 0, 20, "no trainer running after the class left");
    }

    private static long sum(long[] v) {
        long t = 0;
        for (long x : v) t += x;
        return t;
    }
}
