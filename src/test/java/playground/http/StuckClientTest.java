package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Browsers that open a stream and never read it (a frozen tab, a dead network) must cost only their own stream: the
 * healthy visitors keep getting frames at a steady rate, and the stuck streams are eventually closed and freed.
 */
class StuckClientTest {
    static final int STUCK = 3;
    static final int HEALTHY = 10;
    static final int MEASURE_SECONDS = 6;
    /** Jetty's idle timeout is 30 s; the stuck streams must be gone well within this. */
    static final int FREED_WITHIN_SECONDS = 45;

    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void stuckClientsDoNotStallTheOthersAndAreFreedInTheEnd() throws Exception {
        int port = server.port();
        List<Socket> stuck = new ArrayList<>();
        List<LoadTest.Sse> healthy = new ArrayList<>();
        try {
            // ---- stuck: a big network's page stream, read by no one ----
            for (int i = 0; i < STUCK; i++) {
                Http v = new Http(port);
                HttpResponse<String> created = v.post("/api/runs", "{\"layers\":[2,64,64,2],\"epochs\":1000}");
                assertEquals(201, created.statusCode(), created.body());
                String id = Http.json(created).get("id").asText();
                assertEquals(200, v.post("/api/runs/" + id + "/start", "").statusCode());
                // every panel open, so that it sends what its budgets allow
                stuck.add(neverReading(
                        port, "/runs/" + id + "/stream?view=s&panels=sample,equations,weights", sessionCookie(v)));
            }
            LoadTest.awaitHealth(port, h -> h.get("streams").asInt() == STUCK, 10, "the stuck streams are open");
            // their sender tasks fill the socket buffers and then block in a write
            LoadTest.await(() -> blockedSenders() >= STUCK, 30, STUCK + " senders blocked writing to stuck clients");

            // ---- healthy: small runs shown at 20 samples a second, one frame each ----
            for (int i = 0; i < HEALTHY; i++) {
                Http v = new Http(port);
                HttpResponse<String> created =
                        v.post("/api/runs", "{\"layers\":[2,3,2],\"epochs\":10000,\"speed\":20}");
                assertEquals(201, created.statusCode(), created.body());
                String id = Http.json(created).get("id").asText();
                assertEquals(200, v.post("/api/runs/" + id + "/start", "").statusCode());
                LoadTest.Sse s = LoadTest.Sse.open(v, "/runs/" + id + "/stream", "status");
                assertEquals(200, s.status);
                healthy.add(s);
            }
            long from = System.nanoTime();
            Thread.sleep(MEASURE_SECONDS * 1000L);
            long to = System.nanoTime();
            assertTrue(blockedSenders() >= STUCK, "the stuck clients were still stuck while we measured");
            List<String> figures = new ArrayList<>();
            double minRate = Double.MAX_VALUE;
            double maxGap = 0;
            for (LoadTest.Sse s : healthy) {
                double[] rg = s.rateAndMaxGap(from, to);
                figures.add(LoadTest.fmt(rg[0]) + "/s gap " + Math.round(rg[1]) + " ms");
                minRate = Math.min(minRate, rg[0]);
                maxGap = Math.max(maxGap, rg[1]);
            }
            System.out.println("STUCK healthy clients: " + figures);
            // on a busy machine every rate falls alike: compare each healthy client with the others (the control),
            // and keep an absolute floor that a stall (no frame for many seconds) cannot pass
            List<Double> rates = new ArrayList<>();
            for (LoadTest.Sse s : healthy) rates.add(s.rateAndMaxGap(from, to)[0]);
            java.util.Collections.sort(rates);
            double median = rates.get(rates.size() / 2);
            assertTrue(minRate >= 1, "a healthy client got fewer than 1 frame/s: " + figures);
            assertTrue(minRate >= 0.5 * median, "a healthy client got less than half the others' rate: " + figures);
            assertTrue(maxGap <= 2000, "a healthy client waited more than 2 s for a frame: " + figures);

            // ---- the healthy ones leave; the stuck ones are cut off by the server in the end ----
            for (LoadTest.Sse s : healthy) s.close();
            long left = System.nanoTime();
            LoadTest.awaitHealth(
                    port, h -> h.get("streams").asInt() <= STUCK, 15, "the healthy streams are freed after they left");
            LoadTest.awaitHealth(
                    port,
                    h -> h.get("streams").asInt() == 0,
                    FREED_WITHIN_SECONDS,
                    "the stuck streams are closed and freed");
            System.out.println("STUCK stuck streams freed after " + LoadTest.fmt((System.nanoTime() - left) / 1e9)
                    + " s; blocked senders now " + blockedSenders());
            LoadTest.await(() -> blockedSenders() == 0, 10, "no sender thread still blocked");
        } finally {
            for (LoadTest.Sse s : healthy) s.close();
            for (Socket s : stuck) s.close();
        }
    }

    static String sessionCookie(Http v) {
        CookieManager jar = (CookieManager) v.client.cookieHandler().orElseThrow();
        for (HttpCookie c : jar.getCookieStore().getCookies()) {
            if (c.getName().equals(Sessions.COOKIE)) return c.getName() + "=" + c.getValue();
        }
        throw new AssertionError("no session cookie");
    }

    /** Opens a raw connection, asks for the stream, and never reads a byte of the answer. */
    static Socket neverReading(int port, String path, String cookie) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096); // before connect, so that the window stays small
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nCookie: " + cookie
                        + "\r\nAccept: text/event-stream\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** Sender threads of our streams that are blocked in a socket write. */
    static int blockedSenders() {
        int n = 0;
        for (Map.Entry<Thread, StackTraceElement[]> e :
                Thread.getAllStackTraces().entrySet()) {
            if (!e.getKey().getName().startsWith("sse-sender-")) continue;
            boolean writing = false;
            boolean parked = e.getKey().getState() != Thread.State.RUNNABLE;
            for (StackTraceElement f : e.getValue()) {
                String m = f.getMethodName();
                // a frame (Streams' send) or a heartbeat (Javalin's sendComment) being written
                boolean frame = m.equals("send") && f.getClassName().startsWith(Streams.class.getName());
                if (frame || m.equals("sendEvent") || m.equals("sendComment")) writing = true;
            }
            if (writing && parked) n++;
        }
        return n;
    }
}
