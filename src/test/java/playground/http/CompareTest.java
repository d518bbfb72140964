package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The compare page over HTTP: its link gives two ordinary runs that start equal where their shapes match, train in
 * lockstep, and differ by what B changes; a bad side is a 400 naming the side and the parameter.
 */
class CompareTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    static String link(String a, String b) {
        return "/compare?a=" + URLEncoder.encode(a, StandardCharsets.UTF_8)
                + (b == null ? "" : "&b=" + URLEncoder.encode(b, StandardCharsets.UTF_8));
    }

    /** Run A's and run B's ids from the compare page. */
    static String[] ids(String html) {
        return new String[] {
            html.replaceAll("(?s).*data-a=\"([^\"]+)\".*", "$1"), html.replaceAll("(?s).*data-b=\"([^\"]+)\".*", "$1")
        };
    }

    static JsonNode run(Http v, String id) throws Exception {
        var r = v.get("/api/runs/" + id);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    static JsonNode health(Http v) throws Exception {
        return Http.json(v.get("/health"));
    }

    @Test
    void theLinkGivesTwoRunsThatStartEqualWhereTheShapesMatchAndCountOnlyOnceAskedFor() throws Exception {
        Http v = new Http(server.port());
        int runsBefore = health(v).get("runs").asInt();
        int offersBefore = health(v).get("offers").asInt();
        var page = v.get(link("dataset=xor&layers=2,4,2,1", "dataset=xor&layers=2,4,3,1&lr=0.3"));
        assertEquals(200, page.statusCode(), page.body());
        String[] id = ids(page.body());
        assertNotEquals(id[0], id[1]);
        // a visitor who only views the page has made nothing that counts: two offers, no runs
        assertEquals(runsBefore, health(v).get("runs").asInt());
        assertEquals(offersBefore + 2, health(v).get("offers").asInt());
        JsonNode a = run(v, id[0]), b = run(v, id[1]);
        // asked for (as the page's streams and controls do): both are runs of the session, within its caps
        assertEquals(runsBefore + 2, health(v).get("runs").asInt());
        assertEquals("2,4,2,1", a.get("config").get("layers").toString().replaceAll("[\\[\\] ]", ""));
        assertEquals(0.3, b.get("config").get("lr").asDouble());
        assertEquals(0.03, a.get("config").get("lr").asDouble());
        // W(1) and b(1) have the same shape (4x2): equal; W(2) is 2x4 in A and 3x4 in B
        assertEquals(a.get("weights").get(0), b.get("weights").get(0));
        assertEquals(a.get("biases").get(0), b.get("biases").get(0));
        assertEquals(2, a.get("weights").get(1).size());
        assertEquals(3, b.get("weights").get(1).size());
        // the difference panel says which layers it cannot subtract
        assertTrue(page.body().contains("the shapes differ"), "the difference panel names the layers that differ");
        // the same link in the same session finds the same two runs again (a reload makes nothing new)
        String[] again = ids(v.get(link("dataset=xor&layers=2,4,2,1", "dataset=xor&layers=2,4,3,1&lr=0.3"))
                .body());
        assertEquals(id[0], again[0]);
        assertEquals(id[1], again[1]);
        // and the main page's run of A's configuration is not one of them
        String main = v.get("/?dataset=xor&layers=2,4,2,1").body();
        String mainId = main.replaceAll("(?s).*data-run=\"([^\"]+)\".*", "$1");
        assertNotEquals(id[0], mainId);
        assertTrue(main.contains("id=\"compare-btn\""), "the main page offers Compare");
    }

    /**
     * B changes the learning rate only, with per-sample SGD: one Step of each trains the same first sample from the same
     * weights, so B's update is exactly ten times A's, weight by weight.
     */
    @Test
    void bsChangedParameterIsInEffect() throws Exception {
        Http v = new Http(server.port());
        String[] id = ids(v.get(link("dataset=xor&batch=1&lr=0.03", "dataset=xor&batch=1&lr=0.3"))
                .body());
        JsonNode a0 = run(v, id[0]), b0 = run(v, id[1]);
        assertEquals(a0.get("weights"), b0.get("weights"));
        assertEquals(204, v.post("/runs/" + id[0] + "/step", "").statusCode());
        assertEquals(204, v.post("/runs/" + id[1] + "/step", "").statusCode());
        JsonNode a1 = run(v, id[0]), b1 = run(v, id[1]);
        int checked = 0;
        for (int l = 0; l < a0.get("weights").size(); l++) {
            for (int i = 0; i < a0.get("weights").get(l).size(); i++) {
                for (int j = 0; j < a0.get("weights").get(l).get(i).size(); j++) {
                    double da = a1.get("weights").get(l).get(i).get(j).asDouble()
                            - a0.get("weights").get(l).get(i).get(j).asDouble();
                    double db = b1.get("weights").get(l).get(i).get(j).asDouble()
                            - b0.get("weights").get(l).get(i).get(j).asDouble();
                    assertEquals(10 * da, db, 1e-12 + 1e-9 * Math.abs(db), "W" + (l + 1) + "[" + i + "][" + j + "]");
                    if (da != 0) checked++;
                }
            }
        }
        assertTrue(checked > 0, "the step moved some weight");
        assertEquals(1, a1.get("sample").asInt());
        assertEquals(1, b1.get("sample").asInt());
    }

    /** Both runs' samples into the run, read one after the other. */
    static long[] at(Http v, String[] id) throws Exception {
        JsonNode a = run(v, id[0]), b = run(v, id[1]);
        return new long[] {
            a.get("epoch").asLong() * a.get("samples").asLong()
                    + a.get("sample").asLong(),
            b.get("epoch").asLong() * b.get("samples").asLong()
                    + b.get("sample").asLong()
        };
    }

    /**
     * A light run (2-4-1) beside a heavy one (2-64-64-64-1), at full speed for a second, then paused: unbound (two runs
     * of the API, the control) the light one is far ahead; in lockstep they are within one frame's samples (what the
     * pair goes in a tenth of a second). And paced (20 epochs a second), both are at the same sample count, or
     * within one frame's samples (670), after a paced interval.
     */
    @Test
    void bothAreAtTheSameSampleCountAfterAnInterval() throws Exception {
        Http v = new Http(server.port());
        String light = "dataset=xor&layers=2,4,1&epochs=10000&speed=max";
        String heavy = "dataset=xor&layers=2,64,64,64,1&epochs=10000&speed=max";
        // the control: the same two, unbound
        String ca = v.newRun("{\"dataset\":\"xor\",\"layers\":[2,4,1],\"epochs\":10000}");
        String cb = v.newRun("{\"dataset\":\"xor\",\"layers\":[2,64,64,64,1],\"epochs\":10000}");
        long[] control = interval(v, new String[] {ca, cb}, 1000);
        String[] id = ids(v.get(link(light, heavy)).body());
        long[] lockstep = interval(v, id, 1000);
        // a frame's samples: what the pair went in a tenth of the interval (A, the light one, is paused first: the
        // heavy
        // one, behind, then trains on alone for a moment, towards it)
        long frame = Math.max(256, Math.min(lockstep[0], lockstep[1]) / 10);
        long controlGap = Math.abs(control[0] - control[1]), gap = Math.abs(lockstep[0] - lockstep[1]);
        System.out.println("compare: unbound " + control[0] + " vs " + control[1] + " (gap " + controlGap
                + "); lockstep " + lockstep[0] + " vs " + lockstep[1] + " (gap " + gap + ", a frame " + frame + ")");
        assertTrue(controlGap > 4 * frame, "the control parts: " + controlGap + " apart");
        // (the bound is a tenth of a second at the slower run's measured rate, which its count over the interval,
        // start-up included, understates a little: half a frame of margin)
        assertTrue(gap <= frame * 3 / 2, "in lockstep: " + gap + " apart, a frame is " + frame);
        assertTrue(lockstep[0] > 0 && lockstep[1] > 0, "both trained");

        String[] paced = ids(v.get(link("dataset=xor&epochs=100&speed=20e", "dataset=xor&epochs=100&lr=0.3"))
                .body());
        long[] p = interval(v, paced, 1500);
        System.out.println("compare: paced " + p[0] + " vs " + p[1]);
        assertTrue(p[0] > 335 && Math.abs(p[0] - p[1]) <= 670, "paced: " + p[0] + " vs " + p[1]);
        assertEquals("20e", run(v, paced[1]).get("speed").asText(), "B goes at A's pace");
    }

    /** Starts both, waits, pauses both (as the page's buttons do), and answers where each stopped. */
    static long[] interval(Http v, String[] id, long millis) throws Exception {
        for (String r : id)
            assertEquals(204, v.post("/runs/" + r + "/start", "").statusCode());
        Thread.sleep(millis);
        for (String r : id)
            assertEquals(204, v.post("/runs/" + r + "/pause", "").statusCode());
        return at(v, id);
    }

    static HttpResponse<String> getJson(Http v, String path) throws Exception {
        return v.client.send(
                HttpRequest.newBuilder(URI.create(v.base + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badQueriesGet400WithMessagesNamingTheSideAndTheParameter() throws Exception {
        Http v = new Http(server.port());
        String[][] cases = {
            {"/compare", "a: missing"},
            {link("dataset=xor&lr=abc", null), "a: lr: must be a number"},
            {link("dataset=xor", "dataset=xor&activation=swish"), "b: activation:"},
            {link("dataset=xor", "dataset=xor&colour=red"), "b: unknown parameter \"colour\""},
            {link("dataset=xor", "dataset=xor&lr=1&lr=2"), "b: lr: is given twice"},
            {link("dataset=xor&edits=0:1:W1-0-0=1", null), "a: edits:"},
            {link("dataset=xor&layers=3,4,1", null), "a: layers:"},
            {link("dataset=xor", "dataset=xor&speed=fast"), "b: speed:"},
            {link("dataset=xor", null) + "&colour=red", "url: unknown parameter \"colour\""},
            {"/compare?a=%25ZZ", "a: \"%ZZ\" is not URL-encoded"},
        };
        for (String[] c : cases) {
            var json = getJson(v, c[0]);
            assertEquals(400, json.statusCode(), c[0] + ": " + json.body());
            String error = Http.json(json).get("error").asText();
            assertTrue(error.startsWith(c[1]), c[0] + ": " + error);
            var html = v.get(c[0]);
            assertEquals(400, html.statusCode(), c[0]);
            assertTrue(html.body().contains("id=\"compare-error\""), c[0] + ": the page says it");
        }
        // a field of B's form: the message beside it, the form kept, no run made
        var form = v.get(link("dataset=xor", "dataset=xor") + "&lr=-1");
        assertEquals(400, form.statusCode());
        assertTrue(form.body().contains("id=\"e-lr\""), "beside the field: " + form.body());
        assertTrue(form.body().contains("value=\"-1\""), "the value typed is kept");
        // a good one goes to the comparison's own link
        var ok = v.client.send(
                HttpRequest.newBuilder(URI.create(v.base + link("dataset=xor", "dataset=xor") + "&lr=0.5&batch=1"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, ok.statusCode());
        String to = ok.headers().firstValue("Location").orElseThrow();
        String b = java.net.URLDecoder.decode(to.replaceAll(".*[?&]b=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        assertTrue(b.contains("lr=0.5") && b.contains("batch=1"), b);
        assertEquals(200, v.get(to).statusCode());
    }

    /** The same link in another session (another browser) gives the same numbers, step for step. */
    @Test
    void theLinkReproducesBothRuns() throws Exception {
        String l = link("dataset=circle&layers=2,4,1&batch=1", "dataset=circle&layers=2,5,1&activation=relu&batch=1");
        JsonNode[] first = stepped(new Http(server.port()), l), second = stepped(new Http(server.port()), l);
        for (int i = 0; i < 2; i++) {
            assertEquals(first[i].get("weights"), second[i].get("weights"));
            assertEquals(first[i].get("trainLoss"), second[i].get("trainLoss"));
        }
        // A's hidden layer has 4 units and B's 5: no layer has the same shape, so B starts from its own seed's weights
        assertNotEquals(
                first[0].get("weights").get(0).size(),
                first[1].get("weights").get(0).size());
    }

    static JsonNode[] stepped(Http v, String link) throws Exception {
        String[] id = ids(v.get(link).body());
        for (int k = 0; k < 5; k++) {
            for (String r : id)
                assertEquals(204, v.post("/runs/" + r + "/step", "").statusCode());
        }
        for (String r : id)
            assertEquals(204, v.post("/runs/" + r + "/epoch", "").statusCode());
        for (String r : id) {
            playground.Wait.until("the epoch ends", Duration.ofSeconds(20), () -> !"running".equals(state(v, r)));
        }
        return new JsonNode[] {run(v, id[0]), run(v, id[1])};
    }

    static String state(Http v, String id) {
        try {
            return run(v, id).get("state").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
