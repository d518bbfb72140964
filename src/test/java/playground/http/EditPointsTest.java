package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15 point 4, change the data: points added and deleted on a paused run's plane are trained on (or never again)
 * from the next sample on, and the run's link, carrying them, gives the same numbers bit for bit.
 */
class EditPointsTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    /** xor with 50 training points, mini-batches of 4 and momentum: edits mid-batch must replay exactly. */
    static final String LINK = "/?dataset=xor&epochs=4&seed=5&batch=4&optimizer=momentum&testRatio=0.9";

    /** The circle of the point (1.5, -2) on the 300-unit picture of the plane from -6 to 6. */
    static final String ADDED = "cx=\"187.5\" cy=\"200\"";

    static double[] shown(Http v, String id) throws Exception {
        return new double[] {EditWeightTest.cell(v, id, "x-0"), EditWeightTest.cell(v, id, "x-1")};
    }

    static JsonNode status(Http v, String id) throws Exception {
        return Http.json(v.get("/api/runs/" + id));
    }

    /** Steps to the end of the current epoch, and the points of the plane trained, in order. */
    static List<double[]> stepEpoch(Http v, String id) throws Exception {
        List<double[]> seen = new ArrayList<>();
        int epoch = status(v, id).get("epoch").asInt();
        for (int i = 0; i < 200 && status(v, id).get("epoch").asInt() == epoch; i++) {
            assertEquals(204, v.post("/runs/" + id + "/step", "").statusCode());
            seen.add(shown(v, id));
        }
        return seen;
    }

    static long count(List<double[]> seen, double x1, double x2) {
        return seen.stream().filter(p -> p[0] == x1 && p[1] == x2).count();
    }

    @Test
    void pointsAddedAndDeletedByHandAreTrainedOnAsSaidAndTheLinkGivesTheSameNumbers() throws Exception {
        Http alice = new Http(server.port());
        String id = HttpTest.runId(alice.get(LINK).body());
        assertEquals(50, status(alice, id).get("samples").asInt());
        for (int i = 0; i < 6; i++) alice.post("/runs/" + id + "/step", ""); // mid-batch: 2 of the second batch
        double[] gone = shown(alice, id); // the sample just trained, deleted behind the epoch's place
        HttpResponse<String> del =
                alice.form("/runs/" + id + "/points", "op=delete&x1=" + (gone[0] + 0.1) + "&x2=" + gone[1]);
        assertEquals(204, del.statusCode(), del.body());
        String edits = del.headers().firstValue("X-Run-Edits").orElse("");
        assertTrue(edits.matches("0:6:D[0-9]+"), edits);
        HttpResponse<String> add = alice.form("/runs/" + id + "/points", "op=add&x1=1.5&x2=-2&label=1");
        assertEquals(204, add.statusCode(), add.body());
        assertEquals(
                edits + ",0:6:P1.5_-2=1",
                add.headers().firstValue("X-Run-Edits").orElse(""));
        // the picture's points: one added, one deleted
        String points = alice.get("/runs/" + id + "/fragments/points").body();
        assertTrue(points.contains("aria-label=\"50 training and 450 test points\""), points);
        assertTrue(points.contains(ADDED), "drawn where it was added: " + points);
        assertEquals(51, status(alice, id).get("samples").asInt(), "this epoch: 50 + 1 added (deleted behind)");

        // the rest of this epoch trains the added point once (the sample panel shows it), never the deleted one
        List<double[]> rest = stepEpoch(alice, id);
        assertEquals(51 - 6, rest.size());
        assertEquals(1, count(rest, 1.5, -2), "the added point is trained on");
        assertEquals(0, count(rest, gone[0], gone[1]), "the deleted point is not");
        // a change of a weight in between, and then a whole epoch: 50 samples, the added one once, the deleted never
        for (int i = 0; i < 3; i++) alice.post("/runs/" + id + "/step", "");
        assertEquals(
                204,
                alice.form("/runs/" + id + "/weight", "ref=W1-0-0&value=0.5").statusCode());
        List<double[]> next = stepEpoch(alice, id);
        assertEquals(50 - 3, next.size());
        assertEquals(0, count(next, gone[0], gone[1]));
        for (int i = 0; i < 5; i++) alice.post("/runs/" + id + "/step", "");
        JsonNode a = status(alice, id);
        assertEquals(2, a.get("epoch").asInt());
        assertEquals(5, a.get("sample").asInt());
        String all = a.get("edits").asText();
        assertTrue(all.endsWith(",0:6:P1.5_-2=1,1:3:W1-0-0=0.5"), all);

        // the link, opened in a fresh session: the same weights, losses and moment, bit for bit
        Http bob = new Http(server.port());
        String html = bob.get(LINK + "&edits=" + URLEncoder.encode(all, StandardCharsets.UTF_8) + "&at=2:5")
                .body();
        assertTrue(html.contains("data-edits=\"" + all + "\""), "the page's link keeps the edits");
        assertTrue(html.contains(ADDED), "the page draws the points as edited");
        String bobsId = HttpTest.runId(html);
        JsonNode b = status(bob, bobsId);
        assertEquals(a.get("weights"), b.get("weights"));
        assertEquals(a.get("biases"), b.get("biases"));
        assertEquals(a.get("trainLoss"), b.get("trainLoss"));
        assertEquals(a.get("testLoss"), b.get("testLoss"));
        assertEquals(2, b.get("epoch").asInt());
        assertEquals(5, b.get("sample").asInt());
        // and the rest of the run too
        alice.post("/api/runs/" + id + "/epoch", "");
        bob.post("/api/runs/" + bobsId + "/epoch", "");
        JsonNode a3 = playground.Wait.poll(
                Duration.ofSeconds(30),
                () -> status(alice, id),
                s -> s.get("trainLoss").size() == 3 && !s.get("state").asText().equals("running"));
        JsonNode b3 = playground.Wait.poll(
                Duration.ofSeconds(30),
                () -> status(bob, bobsId),
                s -> s.get("trainLoss").size() == 3 && !s.get("state").asText().equals("running"));
        assertEquals(a3.get("trainLoss"), b3.get("trainLoss"));
        assertEquals(a3.get("weights"), b3.get("weights"));
        // Reset drops the edits, and the points are the dataset's again
        alice.post("/runs/" + id + "/reset", "");
        assertEquals("", status(alice, id).path("edits").asText());
        assertFalse(alice.get("/runs/" + id + "/fragments/points").body().contains(ADDED));
        assertEquals(50, status(alice, id).get("samples").asInt());
    }

    @Test
    void startOnAFinishedRunMakesItsChangesOfTheDataAgain() throws Exception {
        String link = "/?dataset=xor&epochs=2&seed=9&testRatio=0.9";
        Http v = new Http(server.port());
        String id = HttpTest.runId(v.get(link).body());
        for (int i = 0; i < 3; i++) v.post("/runs/" + id + "/step", "");
        assertEquals(
                204,
                v.form("/runs/" + id + "/points", "op=add&x1=-4&x2=4.5&label=1").statusCode());
        v.post("/api/runs/" + id + "/resume", "");
        JsonNode done = playground.Wait.poll(
                Duration.ofSeconds(30),
                () -> status(v, id),
                s -> s.get("state").asText().equals("done"));
        assertEquals("0:3:P-4_4.5=1", done.get("edits").asText());
        // the same run, started again: the point is added again at its moment, and the numbers are the same
        v.post("/api/runs/" + id + "/start", "");
        JsonNode again = playground.Wait.poll(
                Duration.ofSeconds(30),
                () -> status(v, id),
                s -> s.get("state").asText().equals("done"));
        assertEquals(done.get("weights"), again.get("weights"));
        assertEquals(done.get("trainLoss"), again.get("trainLoss"));
        assertEquals("0:3:P-4_4.5=1", again.get("edits").asText());
    }

    @Test
    void badPointsAndRunsThatCannotTakeThemAre400WithAMessage() throws Exception {
        Http v = new Http(server.port());
        String id = v.newRun("{\"dataset\":\"xor\",\"epochs\":3,\"seed\":5}");
        HttpResponse<String> ok =
                v.post("/api/runs/" + id + "/points", "{\"op\":\"add\",\"x1\":-1,\"x2\":2.5,\"label\":0}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("0:0:P-1_2.5=0", Http.json(ok).get("edits").asText());
        assertEquals(336, Http.json(ok).get("samples").asInt());
        Map<String, String> bad = Map.of(
                "{\"op\":\"add\",\"x1\":6.5,\"x2\":0,\"label\":1}", "x1: must be a number from -6 to 6",
                "{\"op\":\"add\",\"x1\":0,\"x2\":-7,\"label\":1}", "x2: must be a number from -6 to 6",
                "{\"op\":\"add\",\"x1\":0,\"x2\":0,\"label\":2}", "label: must be the class 0 or 1",
                "{\"op\":\"add\",\"x1\":0,\"x2\":0}", "label: must be a number",
                "{\"op\":\"add\",\"x1\":\"a\",\"x2\":0,\"label\":1}", "x1: must be a number",
                "{\"op\":\"move\",\"x1\":0,\"x2\":0}", "op: must be",
                "{\"op\":\"delete\",\"x1\":-5.9,\"x2\":5.9}", "no training point within 0.3",
                "[1]", "must be a JSON object",
                "nope", "must be JSON");
        for (var e : bad.entrySet()) {
            HttpResponse<String> r = v.post("/api/runs/" + id + "/points", e.getKey());
            assertEquals(400, r.statusCode(), e.getKey());
            assertTrue(Http.json(r).get("error").asText().contains(e.getValue()), e.getKey() + ": " + r.body());
        }
        // the page's form: the message as HTML beside the control
        HttpResponse<String> page = v.form("/runs/" + id + "/points", "op=add&x1=x&x2=0&label=1");
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("x1: must be a number"), page.body());
        // at most 200 changes of the data
        for (int i = 1; i < 200; i++) {
            assertEquals(
                    200,
                    v.post(
                                    "/api/runs/" + id + "/points",
                                    "{\"op\":\"add\",\"x1\":" + (i % 100) / 20.0 + ",\"x2\":1,\"label\":1}")
                            .statusCode());
        }
        HttpResponse<String> tooMany =
                v.post("/api/runs/" + id + "/points", "{\"op\":\"add\",\"x1\":0,\"x2\":0,\"label\":1}");
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("at most 200"), tooMany.body());
        // only the 2-D sets
        String expSin =
                Http.json(v.post("/api/runs", "{\"epochs\":3}")).get("id").asText();
        HttpResponse<String> notPlanar =
                v.post("/api/runs/" + expSin + "/points", "{\"op\":\"add\",\"x1\":0,\"x2\":0,\"label\":1}");
        assertEquals(400, notPlanar.statusCode());
        assertTrue(notPlanar.body().contains("only on the 2-D sets"), notPlanar.body());
        assertFalse(v.get("/?epochs=3").body().contains("pt-toggle"), "no control on exp-sin");
        // a run that trains must be paused first
        String running = v.newRun("{\"dataset\":\"xor\",\"epochs\":500,\"speed\":\"1\"}");
        v.post("/api/runs/" + running + "/start", "");
        HttpResponse<String> r =
                v.post("/api/runs/" + running + "/points", "{\"op\":\"add\",\"x1\":0,\"x2\":0,\"label\":1}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("pause it first"), r.body());
        v.post("/api/runs/" + running + "/pause", "");
        // a link with bad edits of the data says which and why; a deleted point the run does not have too
        assertTrue(v.get("/?dataset=xor&edits=0:1:P1_1=5")
                .body()
                .contains("edit 1 (0:1:P1_1=5): must be the class 0 or 1"));
        String noSuch = v.get("/?dataset=xor&edits=0:1:D900").body();
        assertTrue(noSuch.contains("no training point 900"), noSuch);
        String tooFar = v.get("/?dataset=xor&edits=0:1:P1_1=1&at=0:337").body();
        assertTrue(tooFar.contains("epoch 1 has 336 samples"), tooFar);
    }
}
