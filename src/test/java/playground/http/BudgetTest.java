package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No response builds more than a few MB, however big the network a link asks for: a link is cheap to send and must
 * not be able to exhaust the server's memory.
 */
class BudgetTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    static final String HUGE = "2,256,256,256,256,256,256,256,256,2";

    /** Eight cookie-less visitors open a link to a 10x256 net at once: every page is 200 (or 503), and small. */
    @Test
    void linksToAHugeNetworkGiveSmallPages() throws Exception {
        Http innocent = new Http(server.port());
        assertEquals(200, innocent.get("/").statusCode());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> pages = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                pages.add(pool.submit(() -> new Http(server.port()).get("/?dataset=notebook-example&layers=" + HUGE)));
            }
            int ok = 0, busy = 0, biggest = 0;
            for (Future<HttpResponse<String>> f : pages) {
                HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
                biggest = Math.max(biggest, r.body().length());
                if (r.statusCode() == 200) ok++;
                else if (r.statusCode() == 503) {
                    busy++;
                    assertTrue(r.headers().firstValue("Retry-After").isPresent(), "503 says when to retry");
                } else throw new AssertionError(r.statusCode() + ": " + r.body());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.println("BUDGET 8 pages of a 10x256 net: " + ok + " x 200, " + busy + " x 503, largest "
                    + biggest / 1024 + " kB, in " + LoadTest.fmt(seconds) + " s");
            assertTrue(ok >= 1, "at least one page");
            assertTrue(biggest < 3 << 20, "a page of " + biggest + " chars");
            assertEquals(200, innocent.get("/").statusCode(), "the innocent's page");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The exports of a net past the listing budget refuse with a message; its status JSON leaves the weights out. */
    @Test
    void exportsOfAHugeNetworkAreRefusedWithAMessage() throws Exception {
        Http v = new Http(server.port());
        HttpResponse<String> created =
                v.post("/api/runs", "{\"dataset\":\"notebook-example\",\"layers\":[" + HUGE + "]}");
        assertEquals(201, created.statusCode(), created.body());
        String id = Http.json(created).get("id").asText();
        HttpResponse<String> weights = v.get("/api/runs/" + id + "/weights");
        HttpResponse<String> numpy = v.get("/api/runs/" + id + "/export?format=numpy");
        HttpResponse<String> status = v.get("/api/runs/" + id);
        System.out.println("BUDGET 10x256: weights " + weights.statusCode() + " " + weights.body() + "; numpy "
                + numpy.statusCode() + "; status " + status.body().length() / 1024 + " kB");
        assertEquals(400, weights.statusCode());
        assertTrue(Http.json(weights).get("error").asText().contains("limited to 120000"), weights.body());
        assertEquals(400, numpy.statusCode());
        assertTrue(Http.json(numpy).get("error").asText().startsWith("export:"), numpy.body());
        assertEquals(200, status.statusCode());
        JsonNode s = Http.json(status);
        assertTrue(s.get("weights").isNull());
        assertTrue(
                s.get("omitted").asText().contains("459776"), s.get("omitted").asText());
        assertTrue(status.body().length() < 1 << 20, status.body().length() + " chars");
    }

    /** A net within the budget exports its weights; the link carries them only when a link can take them. */
    @Test
    void weightsTooLongForALinkGetTheRunsOwnLink() throws Exception {
        Http v = new Http(server.port());
        HttpResponse<String> created =
                v.post("/api/runs", "{\"dataset\":\"notebook-example\",\"layers\":[2,256,256,2]}");
        assertEquals(201, created.statusCode(), created.body());
        String id = Http.json(created).get("id").asText();
        HttpResponse<String> weights = v.get("/api/runs/" + id + "/weights");
        assertEquals(200, weights.statusCode());
        JsonNode w = Http.json(weights);
        System.out.println("BUDGET 2-256-256-2 weights: " + weights.body().length() / 1024 + " kB; "
                + w.get("urlNote").asText());
        assertTrue(weights.body().length() < 3 << 20, weights.body().length() + " chars");
        assertTrue(!w.get("url").asText().contains("weights="), "no weights in the link");
        assertEquals(200, v.get("/api/runs/" + id + "/export?format=numpy").statusCode());
    }
}
