package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import playground.Wait;
import playground.data.Csv;
import playground.training.BusyException;
import playground.training.Runs;

/**
 * Fair shares, on a real server: page views that create nothing, per-address caps that a class fits in, uploads that
 * others cannot push out while their visitor is active.
 */
class FairShareTest {

    /** 500 cookie-less page views from one address make no run: a new visitor then trains and streams as before. */
    @Test
    void aBurstOfPageViewsTakesNoOnesPlace() throws Exception {
        try (Server server = Server.start(0)) {
            int port = server.port();
            double before = medianPageMillis(port, 5);
            int runsBefore = LoadTest.health(port).get("runs").asInt();
            HttpClient cookieless = HttpClient.newBuilder().build(); // no cookie jar: every request a new session
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long t0 = System.nanoTime();
            List<Future<Integer>> views = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                views.add(pool.submit(() -> cookieless
                        .send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            int ok = 0;
            for (Future<Integer> f : views) if (f.get() == 200) ok++;
            double burstSeconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            var health = LoadTest.health(port);
            double after = medianPageMillis(port, 5);

            Http visitor = new Http(port);
            HttpResponse<String> page = visitor.get("/?dataset=xor&speed=max");
            String id = runId(page.body());
            int started = visitor.post("/runs/" + id + "/start", "").statusCode();
            assertTrue(started / 100 == 2, "the new visitor trains: " + started);
            List<Http.Event> events = visitor.events("/runs/" + id + "/stream", 3, Duration.ofSeconds(20));
            System.out.println("FAIR burst of 500 cookie-less GET / in " + LoadTest.fmt(burstSeconds) + " s: " + ok
                    + " pages, runs " + runsBefore + " -> " + health.get("runs").asInt() + ", offers held "
                    + health.get("offers").asInt() + "; a new visitor's page " + LoadTest.fmt(before) + " ms before, "
                    + LoadTest.fmt(after) + " ms after; its stream sent " + events.size() + " events");
            assertEquals(500, ok, "every page view is answered");
            assertEquals(runsBefore, health.get("runs").asInt(), "page views alone make no run");
            assertTrue(health.get("offers").asInt() <= 500 + 10, "the burst's and the measures' page views");
            assertEquals(3, events.size(), "the new visitor's run streams");
            assertTrue(
                    after < 10 * before + 200, "a page takes " + after + " ms after the burst, " + before + " before");
            assertEquals(
                    runsBefore + 1, LoadTest.health(port).get("runs").asInt(), "the page that streamed has its run");
        }
    }

    /** One address may hold its share of runs, of runs training and of streams; past them it gets 503 and why. */
    @Test
    void anAddressHasItsShare() throws Exception {
        Runs.Limits limits = new Runs.Limits(8, 40, 60_000, 600_000, 1L << 30, 5, 3);
        try (Server server = Server.start(0, limits)) {
            int port = server.port();
            List<Http> visitors = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Http v = new Http(port);
                HttpResponse<String> r = v.post("/api/runs", "{\"epochs\":10000}");
                assertEquals(201, r.statusCode(), r.body());
                visitors.add(v);
                ids.add(Http.json(r).get("id").asText());
            }
            HttpResponse<String> sixth = new Http(port).post("/api/runs", "{}");
            System.out.println("FAIR a sixth run from the address: " + sixth.statusCode() + " " + sixth.body());
            assertEquals(503, sixth.statusCode());
            assertTrue(sixth.body().contains("Your network already has 5 runs"), sixth.body());
            assertTrue(sixth.headers().firstValue("Retry-After").isPresent());

            for (int i = 0; i < 3; i++) {
                assertEquals(
                        200,
                        visitors.get(i)
                                .post("/api/runs/" + ids.get(i) + "/start", "")
                                .statusCode());
            }
            HttpResponse<String> fourth = visitors.get(3).post("/api/runs/" + ids.get(3) + "/start", "");
            System.out.println(
                    "FAIR a fourth run training from the address: " + fourth.statusCode() + " " + fourth.body());
            assertEquals(503, fourth.statusCode());
            assertTrue(fourth.body().contains("runs training"), fourth.body());
            assertEquals(
                    200,
                    visitors.get(0)
                            .post("/api/runs/" + ids.get(0) + "/pause", "")
                            .statusCode());
            assertEquals(
                    200,
                    visitors.get(3)
                            .post("/api/runs/" + ids.get(3) + "/start", "")
                            .statusCode(),
                    "a place freed is a place to take");

            // streams: as many as the address may have runs
            List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    HttpResponse<java.io.InputStream> s = visitors.get(i)
                            .client
                            .send(
                                    HttpRequest.newBuilder(URI.create(
                                                    visitors.get(i).base + "/api/runs/" + ids.get(i) + "/events"))
                                            .header("Accept", "text/event-stream")
                                            .build(),
                                    HttpResponse.BodyHandlers.ofInputStream());
                    assertEquals(200, s.statusCode());
                    open.add(s);
                }
                Wait.until(
                        "the server counts the five streams",
                        Duration.ofSeconds(5),
                        () -> LoadTest.health(port).get("streams").asInt() >= 5,
                        () -> LoadTest.health(port).toString());
                Http.Opened refused = visitors.get(0).stream("/api/runs/" + ids.get(0) + "/events");
                System.out.println("FAIR a sixth stream from the address (" + LoadTest.health(port) + "): "
                        + refused.statusCode() + " " + refused.body());
                assertEquals(503, refused.statusCode());
                assertTrue(refused.body().contains("streams open"), refused.body());
            } finally {
                for (var s : open) s.body().close();
            }
        }
    }

    /** A visitor's uploads stay while the visitor is active; others are refused rather than take them. */
    @Test
    void anActiveVisitorsUploadsStay() {
        Csv[] files = new Csv[6];
        for (int i = 0; i < files.length; i++) {
            files[i] = Csv.parse(("a,b\n" + i + ",1\n2,3\n").getBytes(StandardCharsets.UTF_8), null, null);
        }
        long each = Uploads.estimate(files[0]);
        Set<String> active = new HashSet<>(Arrays.asList("teacher", "pupil"));
        Uploads store = new Uploads(3 * each, 2 * each, active::contains);
        store.put("teacher", "10.0.0.1", files[0]);
        store.put("pupil", "10.0.0.2", files[1]);
        store.put("pupil", "10.0.0.2", files[2]);
        // the store is full of active visitors' data: a stranger is refused, and nobody loses anything
        BusyException busy = assertThrows(BusyException.class, () -> store.put("stranger", "10.0.0.3", files[3]));
        System.out.println("FAIR an upload when only active visitors' data could go: " + busy.getMessage());
        for (int i = 0; i < 3; i++) {
            assertNotNull(store.find(i == 0 ? "teacher" : "pupil", files[i].name()), "file " + i + " stays");
        }
        // the pupil's address is at its share: another visitor there is refused too
        assertThrows(BusyException.class, () -> store.put("classmate", "10.0.0.2", files[4]));
        // once the pupil has left, the pupil's least recently used data is the first to go
        active.remove("pupil");
        store.put("stranger", "10.0.0.3", files[3]);
        assertNull(store.find("pupil", files[1].name()), "the pupil's oldest went");
        assertNotNull(store.find("teacher", files[0].name()), "the active teacher's data stays");
        // and at the address's share, the address's own data goes before anyone else's
        store.put("classmate", "10.0.0.2", files[4]);
        assertNull(store.find("pupil", files[2].name()), "the address's own oldest went");
        assertNotNull(store.find("stranger", files[3].name()));
        assertNotNull(store.find("teacher", files[0].name()));
    }

    /** The run id a page streams from. */
    static String runId(String page) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("data-run=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), "the page has a run");
        return m.group(1);
    }

    private static double medianPageMillis(int port, int n) throws Exception {
        Http v = new Http(port);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            assertEquals(200, v.get("/?seed=" + (7000 + i)).statusCode());
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[n / 2];
    }
}
