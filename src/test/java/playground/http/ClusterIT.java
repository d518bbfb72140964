package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/local-cluster.sh as documented: two instances of the packaged jar behind HAProxy with deploy/haproxy.cfg.
 * Visitors (each its own cookie jar) stick to the instance that first answered them and are spread about evenly;
 * streams come through the proxy live; when one instance is killed, its visitors' next requests land on the other,
 * where the same configuration gives the same numbers, and a real page whose instance was killed rebuilds its run on
 * the other by itself within 15 s, showing the same moment, losses and weights; SIGTERM to the script stops every
 * process. Needs the jar
 * ({@code -Dapp.jar}) and Debian's haproxy; skipped without them. {@code -Dcluster.visitors=100} for a bigger run.
 */
class ClusterIT {
    static final int VISITORS = Integer.getInteger("cluster.visitors", 40);

    static final java.time.Duration PAGE_WAIT = java.time.Duration.ofSeconds(30);

    private BrowserTest.Browser page;

    /** What a page shows of its run: the moment, the losses, the state, the weights panel. */
    static String[] shown(BrowserTest.Browser p) {
        return p.js("function t(id) { var e = document.getElementById(id);"
                        + " return e ? e.textContent.replace(/\\s+/g, ' ').trim() : ''; }"
                        + " return [t('epoch'), t('sample'), t('train-loss'), t('test-loss'), t('state-chip'),"
                        + " t('weights')].join('\\u0001')")
                .split("\u0001", -1);
    }

    static void awaitPage(BrowserTest.Browser p, String what, java.util.function.Predicate<BrowserTest.Browser> ok)
            throws InterruptedException {
        playground.Wait.until(what, PAGE_WAIT, () -> ok.test(p));
    }

    @Test
    void visitorsStickSpreadAndFailOverToTheSurvivor() throws Exception {
        String jarProp = System.getProperty("app.jar");
        Assumptions.assumeTrue(jarProp != null && new File(jarProp).isFile(), "no packaged jar (-Dapp.jar)");
        Assumptions.assumeTrue(onPath("haproxy"), "haproxy is not installed (apt-get install haproxy)");
        File script = new File("deploy/local-cluster.sh");
        assertTrue(script.isFile(), "deploy/local-cluster.sh is in the repo");

        int port = freePort();
        int base = freePort();
        while (base + 1 == port) base = freePort();
        ProcessBuilder pb = new ProcessBuilder("bash", script.getPath());
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("BASE_PORT", String.valueOf(base));
        pb.environment().put("JAR", new File(jarProp).getAbsolutePath());
        pb.environment().remove("INSTANCES"); // the default: 2
        pb.redirectErrorStream(true);
        Process cluster = pb.start();
        Map<String, Long> pids = new ConcurrentHashMap<>();
        StringBuffer log = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(cluster.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (log.length() < 200_000) log.append(line).append('\n');
                    String[] w = line.split(" ");
                    if (w.length == 6 && w[0].equals("started") && w[2].equals("pid")) {
                        pids.put(w[1], Long.parseLong(w[3]));
                    }
                }
            } catch (java.io.IOException e) {
                // the script ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        ExecutorService pool = Executors.newFixedThreadPool(8, LoadTest.named("cluster-"));
        try {
            LoadTest.await(() -> log.indexOf("ready: ") >= 0 || !cluster.isAlive(), 90, "the cluster to be ready");
            assertTrue(cluster.isAlive(), "the script ended:\n" + log);
            assertEquals(3, pids.size(), "two instances and haproxy started:\n" + log);

            // ---- N visitors arrive through the proxy: each creates a run and trains one epoch ----
            List<Visitor> visitors = new ArrayList<>();
            for (int i = 0; i < VISITORS; i++) visitors.add(new Visitor(new Http(port), i));
            for (Future<?> f : pool.invokeAll(visitors.stream()
                    .map(v -> (java.util.concurrent.Callable<Void>) () -> {
                        v.instance = v.instance();
                        v.numbers = v.train();
                        return null;
                    })
                    .toList())) {
                f.get(120, TimeUnit.SECONDS);
            }
            // sticky: every later request of a visitor answers from the same instance, and its run is there
            for (Visitor v : visitors) {
                for (int k = 0; k < 3; k++) assertEquals(v.instance, v.instance(), "visitor " + v.seed + " moved");
                assertEquals(200, v.http.get("/api/runs/" + v.runId).statusCode(), "its run is on its instance");
            }
            Map<String, Integer> spread = new TreeMap<>();
            for (Visitor v : visitors) spread.merge(v.instance, 1, Integer::sum);
            System.out.println("CLUSTER visitors=" + VISITORS + " spread=" + spread);
            assertEquals(2, spread.size(), "both instances got visitors: " + spread);
            for (int n : spread.values()) {
                assertTrue(n >= VISITORS * 0.3, "about evenly spread (each at least 30 %): " + spread);
            }

            // ---- a stream through the proxy arrives live, frame by frame ----
            Http watcher = visitors.get(0).http;
            HttpResponse<String> created = watcher.post("/api/runs", LoadTest.LONG_RUN);
            assertEquals(201, created.statusCode(), created.body());
            String longId = Http.json(created).get("id").asText();
            HttpResponse<String> started = watcher.post("/api/runs/" + longId + "/start", "");
            assertEquals(200, started.statusCode(), started.body());
            try (LoadTest.Sse s = LoadTest.Sse.open(watcher, "/runs/" + longId + "/stream", "status")) {
                assertEquals(200, s.status);
                LoadTest.await(() -> s.frames.get() >= 5, 20, "5 frames through the proxy");
                long first = s.frameNanos.get(0);
                long fifth = s.frameNanos.get(4);
                assertTrue(fifth - first > 100_000_000L, "frames arrive one by one, not in one buffered burst");
            }
            assertEquals(200, watcher.post("/api/runs/" + longId + "/pause", "").statusCode());
            // an idle stream gets its heartbeat through the proxy, well inside the proxies' idle limits (55-60 s)
            double heartbeatS = secondsToHeartbeat(watcher, "/runs/" + longId + "/stream");
            System.out.println("CLUSTER an idle stream's first heartbeat through the proxy after "
                    + LoadTest.fmt(heartbeatS) + " s");
            assertTrue(heartbeatS < 3 * Streams.HEARTBEAT_SECONDS, "a heartbeat within 15 s: " + heartbeatS);

            // ---- a page through the proxy, paused at a moment (the browser's own instance is the one killed) ----
            boolean withPage = BrowserTest.hasBrowser();
            String[] shownBefore = null;
            if (withPage) {
                page = BrowserTest.Browser.open(1280, 720, false);
                page.openAllPanels("http://localhost:" + port);
                page.driver().get("http://localhost:" + port + "/?dataset=xor&seed=3&speed=50e");
                page.waitForStream(PAGE_WAIT);
                page.click("btn-epoch", PAGE_WAIT);
                awaitPage(
                        page,
                        "an epoch",
                        p -> p.text("state-chip").equals("paused")
                                && p.text("epoch").equals("1"));
                page.click("btn-step", PAGE_WAIT);
                awaitPage(page, "a step", p -> p.text("sample").equals("1"));
                shownBefore = shown(page);
            }

            // ---- kill one instance: its visitors get going on the survivor, with the same numbers ----
            String victim =
                    withPage ? page.driver().manage().getCookieNamed("SERVERID").getValue() : visitors.get(1).instance;
            String survivor = spread.keySet().stream()
                    .filter(k -> !k.equals(victim))
                    .findFirst()
                    .orElseThrow();
            long pid = pids.get(victim);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // a crash, not a drain
            long killed = System.nanoTime();
            LoadTest.await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), 10, victim + " gone");
            List<Visitor> moved =
                    visitors.stream().filter(v -> v.instance.equals(victim)).toList();
            List<Double> recoverS = Collections.synchronizedList(new ArrayList<>());
            for (Future<?> f : pool.invokeAll(moved.stream()
                    .map(v -> (java.util.concurrent.Callable<Void>) () -> {
                        String session = v.cookie("bp_session");
                        assertEquals(survivor, v.instance(), "visitor " + v.seed + " now answered by the survivor");
                        // the instances share SESSION_SECRET (the script draws one for all): the session goes on
                        assertEquals(session, v.cookie("bp_session"), "the survivor took the session cookie");
                        assertEquals(survivor, v.cookie("SERVERID"), "the proxy's cookie now names the survivor");
                        String before = v.runId;
                        JsonNode again = v.train();
                        recoverS.add((System.nanoTime() - killed) / 1e9);
                        assertNotEquals(before, v.runId, "a new run on the survivor");
                        assertEquals(v.numbers, again, "visitor " + v.seed + ": the same numbers on the survivor");
                        return null;
                    })
                    .toList())) {
                f.get(120, TimeUnit.SECONDS);
            }
            Collections.sort(recoverS);
            System.out.println("CLUSTER failover: " + moved.size() + " visitors of " + victim + " trained again on "
                    + survivor + "; all done " + LoadTest.fmt(recoverS.get(recoverS.size() - 1))
                    + " s after the kill (first " + LoadTest.fmt(recoverS.get(0)) + " s)");
            if (withPage) {
                // the page noticed its stream fail and rebuilt its run on the survivor, at the moment it showed
                String note = "The server restarted; your run was rebuilt at epoch 1, sample 1";
                awaitPage(
                        page,
                        "the page rebuilt on the survivor",
                        p -> p.text("recovery-note").equals(note));
                double pageS = (System.nanoTime() - killed) / 1e9;
                System.out.println("CLUSTER the page rebuilt its run on the survivor " + LoadTest.fmt(pageS)
                        + " s after the kill");
                assertTrue(pageS <= 15, "the page recovers within 15 s: " + pageS);
                String[] after = shown(page);
                assertEquals(String.join(" | ", shownBefore), String.join(" | ", after), "the same numbers");
                assertEquals(
                        survivor,
                        page.driver().manage().getCookieNamed("SERVERID").getValue());
            }
            // the survivor's own visitors noticed nothing: same instance, same run
            for (Visitor v : visitors) {
                if (!v.instance.equals(survivor) || moved.contains(v)) continue;
                assertEquals(survivor, v.instance());
                assertEquals(200, v.http.get("/api/runs/" + v.runId).statusCode());
            }

            // ---- SIGTERM to the script stops the rest ----
            cluster.destroy();
            assertTrue(cluster.waitFor(20, TimeUnit.SECONDS), "the script ended on SIGTERM:\n" + tail(log));
            for (var e : pids.entrySet()) {
                long p = e.getValue();
                LoadTest.await(
                        () -> ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true),
                        20,
                        e.getKey() + " stopped with the script");
            }
        } catch (Throwable e) {
            System.out.println("CLUSTER the script's output:\n" + tail(log));
            throw e;
        } finally {
            if (page != null) page.close();
            pool.shutdownNow();
            if (cluster.isAlive()) cluster.destroy();
            cluster.waitFor(20, TimeUnit.SECONDS);
            for (long p : pids.values()) ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A visitor with its own cookies and its own seed, so that its numbers are its own. */
    static final class Visitor {
        final Http http;
        final int seed;
        volatile String instance;
        volatile String runId;
        volatile JsonNode numbers;

        Visitor(Http http, int seed) {
            this.http = http;
            this.seed = seed;
        }

        String cookie(String name) {
            var store = ((java.net.CookieManager) http.client.cookieHandler().orElseThrow()).getCookieStore();
            return store.getCookies().stream()
                    .filter(c -> c.getName().equals(name))
                    .map(java.net.HttpCookie::getValue)
                    .findFirst()
                    .orElse(null);
        }

        String instance() throws Exception {
            HttpResponse<String> h = http.get("/health");
            assertEquals(200, h.statusCode(), h.body());
            return Http.json(h).get("instance").asText();
        }

        /** Creates the run of its configuration, trains one epoch, and answers the losses and weights. */
        JsonNode train() throws Exception {
            HttpResponse<String> created =
                    http.post("/api/runs", "{\"layers\":[2,3,2],\"epochs\":5,\"seed\":" + (1000 + seed) + "}");
            assertEquals(201, created.statusCode(), created.body());
            runId = Http.json(created).get("id").asText();
            HttpResponse<String> epoch = http.post("/api/runs/" + runId + "/epoch", "");
            assertEquals(200, epoch.statusCode(), epoch.body());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                JsonNode s = Http.json(http.get("/api/runs/" + runId));
                if (s.get("epoch").asInt() >= 1 && !s.get("state").asText().equals("running")) {
                    JsonNode out = Http.JSON
                            .createObjectNode()
                            .put("epoch", s.get("epoch").asInt())
                            .set("trainLoss", s.get("trainLoss"));
                    ((com.fasterxml.jackson.databind.node.ObjectNode) out).set("weights", s.get("weights"));
                    return out;
                }
                assertTrue(System.nanoTime() < deadline, "one epoch within 30 s: " + s);
                Thread.sleep(50);
            }
        }
    }

    /** Seconds from opening a stream to its first comment line (a heartbeat); the stream is then closed. */
    static double secondsToHeartbeat(Http v, String path) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<java.io.InputStream> r = v.client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(v.base + path))
                        .header("Accept", "text/event-stream")
                        .timeout(java.time.Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(":")) return (System.nanoTime() - t0) / 1e9;
                assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "no heartbeat within 30 s");
            }
        }
        throw new AssertionError("the stream ended before a heartbeat");
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) return true;
        }
        return new File("/usr/sbin/" + command).canExecute(); // where Debian puts it; the script looks there too
    }

    private static String tail(StringBuffer log) {
        return log.substring(Math.max(0, log.length() - 4000));
    }
}
