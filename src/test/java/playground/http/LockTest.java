package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lock discipline: while several visitors create big runs at once (each computing its initial losses over
 * 10 000 samples), an innocent visitor's GET / stays quick. The control: how long one such creation takes alone.
 */
class LockTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    static final String BIG = "{\"layers\":[2,256,256,256,2],\"epochs\":1}";
    static final int CREATORS = 4;

    @Test
    void anInnocentPageStaysQuickWhileOthersCreateBigRuns() throws Exception {
        Http innocent = new Http(server.port());
        assertEquals(200, innocent.get("/").statusCode());
        List<Double> baseline = new ArrayList<>();
        for (int i = 0; i < 20; i++) baseline.add(timeGet(innocent));
        long c0 = System.nanoTime();
        assertEquals(201, new Http(server.port()).post("/api/runs", BIG).statusCode());
        double oneCreationMs = (System.nanoTime() - c0) / 1e6;

        ExecutorService pool = Executors.newFixedThreadPool(CREATORS);
        List<Double> during = Collections.synchronizedList(new ArrayList<>());
        List<Integer> codes = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> creations = new ArrayList<>();
            for (int i = 0; i < CREATORS; i++) {
                creations.add(pool.submit(() -> {
                    HttpResponse<String> r = new Http(server.port()).post("/api/runs", BIG);
                    codes.add(r.statusCode());
                    return null;
                }));
            }
            Thread.sleep(50);
            while (creations.stream().anyMatch(f -> !f.isDone())) {
                during.add(timeGet(innocent));
                Thread.sleep(20);
            }
            for (Future<?> f : creations) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        double base = median(baseline);
        double p50 = median(during);
        double max = Collections.max(during);
        System.out.println("LOCK one creation alone " + LoadTest.fmt(oneCreationMs)
                + " ms; innocent GET / baseline p50 "
                + LoadTest.fmt(base) + " ms; during " + CREATORS + " parallel creations (" + during.size()
                + " requests) p50 " + LoadTest.fmt(p50) + " ms, max " + LoadTest.fmt(max) + " ms; creations " + codes);
        for (int code : codes) assertTrue(code == 201 || code == 503, "creation answered " + code);
        assertTrue(p50 <= 10 * base + 50, "p50 " + p50 + " ms against a baseline of " + base + " ms");
        assertTrue(
                max < Math.max(0.5 * oneCreationMs, 10 * base + 100),
                "max " + max + " ms against one creation's " + oneCreationMs + " ms");
    }

    static double timeGet(Http v) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = v.get("/");
        assertEquals(200, r.statusCode());
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
