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
import java.util.Collections;
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
            // ---- big: three big networks training at full speed, each with its page's stream read as it comes ----
            List<Http> owners = new ArrayList<>();
            List<String> bigStreams = new ArrayList<>();
            List<LoadTest.Sse> reading = new ArrayList<>();
            for (int i = 0; i < STUCK; i++) {
                Http v = new Http(port);
                HttpResponse<String> created = v.post("/api/runs", "{\"layers\":[2,64,64,2],\"epochs\":1000}");
                assertEquals(201, created.statusCode(), created.body());
                String id = Http.json(created).get("id").asText();
                assertEquals(200, v.post("/api/runs/" + id + "/start", "").statusCode());
                // every panel open, so that it sends what its budgets allow
                owners.add(v);
                bigStreams.add("/runs/" + id + "/stream?view=s&panels=sample,equations,weights");
                reading.add(LoadTest.Sse.open(v, bigStreams.get(i), "status"));
            }

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
            LoadTest.await(() -> healthy.stream().allMatch(s -> s.frames.get() > 2), 30, "every healthy page's frames");

            // ---- the control: the same load on this machine now, with the big pages read (no stuck neighbour) ----
            Window control = Window.measure(healthy);
            System.out.println("STUCK control, no stuck neighbour: " + control.figures());

            // ---- stuck: the big networks' page streams, now read by no one ----
            for (LoadTest.Sse r : reading) r.close();
            for (int i = 0; i < STUCK; i++) {
                stuck.add(neverReading(port, bigStreams.get(i), sessionCookie(owners.get(i))));
            }
            LoadTest.awaitHealth(
                    port, h -> h.get("streams").asInt() == HEALTHY + STUCK, 10, "the stuck streams are open");
            // their sender tasks fill the socket buffers and then block in a write
            LoadTest.await(() -> blockedSenders() >= STUCK, 30, STUCK + " senders blocked writing to stuck clients");

            // (the window starts with every stuck client's sender blocked; the server may cut one off before it ends,
            // WRITE_TIMEOUT_MILLIS after its first blocked write, on a machine slow to block them all)
            Window measured = Window.measure(healthy);
            System.out.println("STUCK senders still blocked at the window's end: " + blockedSenders() + " of " + STUCK);
            System.out.println("STUCK healthy clients: " + measured.figures());
            // on a busy machine every rate falls alike: compare each healthy client with the others, and with what
            // the same clients got just before with no stuck neighbour (the control); a stall (no frame for seconds)
            // passes neither
            String both = measured.figures() + " against the control " + control.figures();
            assertTrue(
                    measured.minRate() >= 0.5 * control.minRate(),
                    "a healthy client got less than half the control's least rate: " + both);
            assertTrue(
                    measured.minRate() >= 0.5 * measured.median(),
                    "a healthy client got less than half the others' rate: " + both);
            double gapLimit = Math.max(2000, 3 * control.maxGap());
            assertTrue(
                    measured.maxGap() <= gapLimit,
                    "a healthy client waited more than " + Math.round(gapLimit) + " ms for a frame: " + both);

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

    /** The healthy clients' frames over {@link #MEASURE_SECONDS}: each one's rate and longest wait. */
    record Window(List<String> figures, double minRate, double median, double maxGap) {
        static Window measure(List<LoadTest.Sse> clients) throws InterruptedException {
            long from = System.nanoTime();
            Thread.sleep(MEASURE_SECONDS * 1000L);
            long to = System.nanoTime();
            List<String> figures = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            double maxGap = 0;
            for (LoadTest.Sse s : clients) {
                double[] rg = s.rateAndMaxGap(from, to);
                figures.add(LoadTest.fmt(rg[0]) + "/s gap " + Math.round(rg[1]) + " ms");
                rates.add(rg[0]);
                maxGap = Math.max(maxGap, rg[1]);
            }
            Collections.sort(rates);
            return new Window(figures, rates.get(0), rates.get(rates.size() / 2), maxGap);
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
