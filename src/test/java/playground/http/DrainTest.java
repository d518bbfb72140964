package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping drains (what SIGTERM does, see App): the listening socket closes at once, a request on a connection kept
 * alive from before answers 503 (so that a page tries again, elsewhere or here once restarted), every stream that reads
 * gets a last {@code reconnect} event, a stream nobody reads does not hold the stop past its farewell time, and the
 * runs stop. A stream of a run that is not here answers 404, so that a page's EventSource stops and it rebuilds.
 */
class DrainTest {
    @Test
    void stoppingSaysReconnectToEveryStreamAndRefusesNewWork() throws Exception {
        Server server = Server.start(0);
        int port = server.port();
        Socket stuck = null;
        LoadTest.Sse stream = null;
        try {
            Http v = new Http(port);
            HttpResponse<String> created = v.post("/api/runs", LoadTest.LONG_RUN);
            assertEquals(201, created.statusCode(), created.body());
            String id = Http.json(created).get("id").asText();
            assertEquals(200, v.post("/api/runs/" + id + "/start", "").statusCode());
            stream = LoadTest.Sse.open(v, "/runs/" + id + "/stream", "status");
            LoadTest.Sse s = stream;
            LoadTest.await(() -> s.frames.get() >= 2, 10, "frames on the stream");

            assertEquals(404, LoadTest.Sse.open(v, "/runs/no-such-run/stream", null).status, "a run not here");

            // a page stream that nobody reads, its sender blocked in a write
            Http w = new Http(port);
            HttpResponse<String> big = w.post("/api/runs", "{\"layers\":[2,64,64,2],\"epochs\":1000}");
            String bigId = Http.json(big).get("id").asText();
            assertEquals(200, w.post("/api/runs/" + bigId + "/start", "").statusCode());
            stuck = StuckClientTest.neverReading(
                    port,
                    "/runs/" + bigId + "/stream?view=s&panels=sample,equations,weights",
                    StuckClientTest.sessionCookie(w));
            LoadTest.await(DrainTest::blockedForASecond, 60, "a sender blocked on the stuck stream");

            Http kept = new Http(port);
            assertEquals(200, kept.get("/health").statusCode()); // a connection kept alive from before

            long t0 = System.nanoTime();
            CompletableFuture<Void> stop = CompletableFuture.runAsync(server::close);
            LoadTest.await(() -> s.ended, 5, "the reading stream ends");
            double ended = (System.nanoTime() - t0) / 1e9;
            assertEquals(Streams.RECONNECT, s.last, "its last event tells the page to reconnect");
            // the stuck stream holds the stop for its farewell time: meanwhile, a request on a kept connection
            HttpResponse<String> during = kept.get("/health");
            assertEquals(503, during.statusCode(), during.body());
            assertEquals("true", during.headers().firstValue("X-Restarting").orElse(""));
            assertTrue(during.body().contains("restarting"), during.body());
            assertThrows(ConnectException.class, () -> new Http(port).get("/health"), "no new connections");
            assertTrue(!stop.isDone(), "all this while the stuck stream held the stop");
            stop.get(Streams.FAREWELL_MILLIS + 8000, TimeUnit.MILLISECONDS);
            double stopped = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "DRAIN reading stream told and closed in %.2f s, stopped in %.2f s (farewell %d ms)%n",
                    ended,
                    stopped,
                    Streams.FAREWELL_MILLIS);
            assertTrue(ended < stopped, "the reading stream did not wait for the stuck one");
            assertTrue(stopped < Streams.FAREWELL_MILLIS / 1000.0 + 3, "the stuck stream held the stop only so long");
            assertEquals(0, server.runs().running(), "the runs stopped");
        } finally {
            if (stream != null) stream.close();
            if (stuck != null) stuck.close();
            server.close();
        }
    }

    /** A sender blocked in a write, all through a second (not a write that is just slow). */
    private static boolean blockedForASecond() {
        try {
            for (int i = 0; i < 5; i++) {
                if (StuckClientTest.blockedSenders() < 1) return false;
                Thread.sleep(200);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
