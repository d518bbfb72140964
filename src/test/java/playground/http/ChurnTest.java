package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Visitors who reload over and over: a thousand times, open a stream, read its first event, hang up. Nothing may be
 * left behind: no stream, no run, no threads beyond what the first hundred cycles needed.
 */
class ChurnTest {
    static final int CYCLES = Integer.getInteger("churn.cycles", 1000);
    static final int WARMUP = 100;
    static final int SESSIONS = 8;
    static final int WORKERS = 4;

    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void aThousandConnectAndHangUpCyclesLeakNothing() throws Exception {
        int port = server.port();
        // sessions with a running run (frames flow, 20 a second) and with an idle one (only heartbeats): half of each
        List<Http> visitors = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            Http v = new Http(port);
            HttpResponse<String> created = v.post("/api/runs", "{\"layers\":[2,3,2],\"epochs\":10000,\"speed\":20}");
            assertEquals(201, created.statusCode(), created.body());
            String id = Http.json(created).get("id").asText();
            if (i % 2 == 0)
                assertEquals(200, v.post("/api/runs/" + id + "/start", "").statusCode());
            visitors.add(v);
            // page streams and API streams alike
            paths.add(i % 4 < 2 ? "/runs/" + id + "/stream" : "/api/runs/" + id + "/events");
        }
        int runs = LoadTest.health(port).get("runs").asInt();

        AtomicInteger[] refused = {new AtomicInteger(), new AtomicInteger()}; // running, idle
        AtomicInteger empty = new AtomicInteger();
        long t0 = System.nanoTime();
        // Pools grow to the concurrency they meet (Jetty's, the sender pool) and shrink slowly: an idle pool is not a
        // leak. So the test compares rounds: the threads after the first half of the cycles against the second half.
        int half = WARMUP + (CYCLES - WARMUP) / 2;
        cycles(visitors, paths, 0, half, refused, empty);
        LoadTest.awaitHealth(port, h -> h.get("streams").asInt() == 0, 15, "no stream left after " + half + " cycles");
        int threadsAfterWarmup = LoadTest.serverThreads();
        int otherWarm = LoadTest.threadsOutsidePools();
        System.out.println("CHURN threads after " + half + ": " + LoadTest.threadNames());

        cycles(visitors, paths, half, CYCLES, refused, empty);
        double cyclesS = (System.nanoTime() - t0) / 1e9;
        long done = System.nanoTime();
        LoadTest.awaitHealth(
                port, h -> h.get("streams").asInt() == 0, 15, "no stream left after " + CYCLES + " cycles");
        double freedS = (System.nanoTime() - done) / 1e9;
        int threadsAfter = LoadTest.serverThreads();
        System.out.println("CHURN threads after " + CYCLES + ": " + LoadTest.threadNames());

        System.out.println(
                "CHURN {\"cycles\":" + CYCLES + ",\"seconds\":" + LoadTest.fmt(cyclesS) + ",\"refusedRunning\":"
                        + refused[0].get() + ",\"refusedIdle\":" + refused[1].get() + ",\"noEvent\":" + empty.get()
                        + ",\"streamsFreedS\":" + LoadTest.fmt(freedS)
                        + ",\"serverThreadsAfter" + half + "\":" + threadsAfterWarmup + ",\"serverThreadsAfter\":"
                        + threadsAfter + "}");
        assertEquals(runs, LoadTest.health(port).get("runs").asInt(), "the runs are the same ones");
        assertEquals(0, empty.get(), "every stream sent its first event before we hung up");
        // a hung-up stream is noticed on a failed write: at once while frames flow, after a heartbeat or two when idle
        // (so an idle run's session can hit its cap of streams when reloaded fast; see docs/load.md)
        assertEquals(0, refused[0].get(), "no stream of a running run refused: hung-up ones were noticed");
        // the sender pool is a cached pool: it keeps (for 60 s) as many threads as streams were drained at once, and a
        // heartbeat tick drains every idle stream at once. So it may grow up to the streams open at once (bounded by
        // the per-session cap), never with the number of cycles; every other pool must stay as it was.
        // Pools grow to the concurrency they meet and shrink only after a minute idle: Jetty's request pool (its
        // maximum is 250 threads), Javalin's async pool and our sender pool (bounded by the streams that can be open
        // at once). Our own threads outside those pools must not grow at all from round to round.
        var names = LoadTest.threadNames();
        int sendersWarm = names.getOrDefault("sse-sender-#", 0);
        int jetty = names.getOrDefault("JettyServerThreadPool-#", 0);
        int otherAfter = LoadTest.threadsOutsidePools();
        assertTrue(
                otherAfter <= otherWarm + 2,
                "threads outside the pools grew with churn: " + otherWarm + " -> " + otherAfter);
        assertTrue(jetty <= 250, "Jetty's pool within its bound: " + jetty);
        assertTrue(
                sendersWarm <= SESSIONS * 24 + 8,
                "sender threads beyond the streams that can be open at once: " + sendersWarm);
    }

    /** Cycles [from, to): round-robin over the sessions, on a few workers at once. */
    static void cycles(
            List<Http> visitors, List<String> paths, int from, int to, AtomicInteger[] refused, AtomicInteger empty)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS, LoadTest.named("load-churn-"));
        AtomicInteger next = new AtomicInteger(from);
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            fs.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                    int k = i % visitors.size();
                    LoadTest.Sse s = LoadTest.Sse.open(visitors.get(k), paths.get(k), null);
                    try {
                        if (s.status == 503) {
                            refused[k % 2].incrementAndGet();
                            continue;
                        }
                        assertEquals(200, s.status, paths.get(k));
                        long deadline = System.nanoTime() + 5_000_000_000L;
                        while (s.events.get() == 0 && !s.ended && System.nanoTime() < deadline) Thread.sleep(1);
                        if (s.events.get() == 0) empty.incrementAndGet();
                    } finally {
                        s.close();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get(120, TimeUnit.SECONDS);
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
}
