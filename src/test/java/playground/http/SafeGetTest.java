package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Opening a link has a time budget, and changes nothing the visitor already has: a link can come from anyone, so
 * following it must be cheap and safe.
 */
class SafeGetTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    /** A moment far into a long run is refused at once with a message; one within the budget opens. */
    @Test
    void aMomentTooFarToOpenFromALinkIsRefusedAtOnce() throws Exception {
        Http v = new Http(server.port());
        v.get("/"); // warm up
        long b0 = System.nanoTime();
        assertEquals(200, v.get("/?seed=3").statusCode());
        double baseline = (System.nanoTime() - b0) / 1e6;
        long t0 = System.nanoTime();
        HttpResponse<String> far = v.get("/?epochs=10000&at=10000:0");
        double farMs = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        HttpResponse<String> near = v.get("/?epochs=10000&at=2:5");
        double nearMs = (System.nanoTime() - t1) / 1e6;
        System.out.println("SEEK at=10000:0 on 2-3-2: " + far.statusCode() + " in " + LoadTest.fmt(farMs)
                + " ms; at=2:5: " + near.statusCode() + " in " + LoadTest.fmt(nearMs) + " ms; a plain page "
                + LoadTest.fmt(baseline) + " ms");
        assertEquals(400, far.statusCode());
        assertTrue(far.body().contains("too far into the run to open from a link"), "the page says why");
        assertTrue(farMs < 10 * baseline + 1000, farMs + " ms against a plain page's " + baseline + " ms");
        assertEquals(200, near.statusCode());
        assertTrue(
                playground.training.Config.parse(java.util.Map.of()).seekWork(50, 0)
                        <= playground.training.Config.MAX_SEEK_WORK,
                "the end of the default run can be opened from a link");
    }

    /**
     * A session at its cap that opens one more link keeps every run it has trained: the link answers busy instead.
     * Page views that no page streamed from take no place.
     */
    @Test
    void openingALinkEvictsNoneOfTheVisitorsRuns() throws Exception {
        Http v = new Http(server.port());
        for (int i = 0; i < 10; i++)
            assertEquals(200, v.get("/?seed=" + (200 + i)).statusCode(), "untouched runs");
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = v.post("/api/runs", "{\"seed\":" + (100 + i) + "}");
            assertEquals(201, r.statusCode(), r.body());
            ids.add(Http.json(r).get("id").asText());
            assertEquals(200, v.post("/api/runs/" + ids.get(i) + "/step", "").statusCode());
        }
        HttpResponse<String> page = v.get("/?seed=999");
        System.out.println("SAFE-GET a ninth link with 8 runs open: " + page.statusCode() + " Retry-After "
                + page.headers().firstValue("Retry-After").orElse("-"));
        assertEquals(503, page.statusCode());
        assertTrue(page.headers().firstValue("Retry-After").isPresent());
        for (String id : ids) assertEquals(200, v.get("/api/runs/" + id).statusCode(), "run " + id + " is kept");
    }
}
