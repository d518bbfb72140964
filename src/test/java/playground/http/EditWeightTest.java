package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import playground.nn.Backprop;
import playground.nn.Network;
import playground.nn.Trace;
import playground.training.Config;

/** Issue 15 point 3: a learner changes a weight of a paused run; the run goes on from there, and its link agrees. */
class EditWeightTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    static final String LINK = "/?layers=2,3,2&epochs=3&seed=5";

    static double cell(Http v, String id, String ref) throws Exception {
        return Http.json(v.get("/runs/" + id + "/cell?ref=" + ref)).get("value").asDouble();
    }

    static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[rows.get(i).size()];
            for (int j = 0; j < m[i].length; j++) m[i][j] = rows.get(i).get(j).asDouble();
        }
        return m;
    }

    @Test
    void anEditedWeightIsWhatTheNextStepUsesAndTheLinkReproducesIt() throws Exception {
        Http alice = new Http(server.port());
        String id = HttpTest.runId(alice.get(LINK).body());
        for (int i = 0; i < 5; i++) alice.post("/runs/" + id + "/step", "");
        // w^(2)_01 of the paused run, changed
        HttpResponse<String> r = alice.form("/runs/" + id + "/weight", "ref=W2-0-1&value=0.5");
        assertEquals(204, r.statusCode(), r.body());
        assertEquals("0:5:W2-0-1=0.5", r.headers().firstValue("X-Run-Edits").orElse(""));
        JsonNode before = Http.json(alice.get("/api/runs/" + id));
        assertEquals(0.5, before.get("weights").get(1).get(0).get(1).asDouble());
        assertEquals("0:5:W2-0-1=0.5", before.get("edits").asText());
        // the network as the step will find it: a copy with that weight set
        Config config = Config.parse(Map.of("layers", "2,3,2", "epochs", "3", "seed", "5"));
        Network net = config.network();
        for (int l = 1; l <= 2; l++) {
            net.setWeights(l, matrix(before.get("weights").get(l - 1)));
            net.setBiases(l, matrix(before.get("biases")).clone()[l - 1]);
        }
        alice.post("/runs/" + id + "/step", "");
        double[] x = {cell(alice, id, "x-0"), cell(alice, id, "x-1")};
        double[] t = {cell(alice, id, "t-0"), cell(alice, id, "t-1")};
        Trace expected = Backprop.gradients(net, x, t);
        for (int l = 1; l <= 2; l++) {
            for (int i = 0; i < expected.z()[l].length; i++) {
                assertEquals(expected.z()[l][i], cell(alice, id, "z" + l + "-" + i), "z" + l + "-" + i);
                assertEquals(expected.a()[l][i], cell(alice, id, "a" + l + "-" + i), "a" + l + "-" + i);
            }
        }
        assertEquals(expected.loss(), cell(alice, id, "E"));
        // a second edit, a bias, and a few steps more
        assertEquals(
                204, alice.form("/runs/" + id + "/weight", "ref=b1-0&value=-1").statusCode());
        for (int i = 0; i < 3; i++) alice.post("/runs/" + id + "/step", "");
        JsonNode after = Http.json(alice.get("/api/runs/" + id));
        String edits = after.get("edits").asText();
        assertEquals("0:5:W2-0-1=0.5,0:6:b1-0=-1", edits);
        assertEquals(0, after.get("epoch").asInt());
        assertEquals(9, after.get("sample").asInt());

        // the link, opened in a fresh session, replays them: the same weights, bit for bit
        Http bob = new Http(server.port());
        String link = LINK + "&edits=" + URLEncoder.encode(edits, StandardCharsets.UTF_8) + "&at=0:9";
        String html = bob.get(link).body();
        assertTrue(html.contains("data-edits=\"" + edits + "\""), "the page's link keeps the edits");
        JsonNode bobs = Http.json(bob.get("/api/runs/" + HttpTest.runId(html)));
        assertEquals(after.get("weights"), bobs.get("weights"));
        assertEquals(after.get("biases"), bobs.get("biases"));
        assertEquals(9, bobs.get("sample").asInt());
        // and the losses after an epoch agree too
        alice.post("/api/runs/" + id + "/epoch", "");
        bob.post("/api/runs/" + bobs.get("id").asText() + "/epoch", "");
        JsonNode a = playground.Wait.poll(
                java.time.Duration.ofSeconds(30),
                () -> Http.json(alice.get("/api/runs/" + id)),
                s -> s.get("trainLoss").size() == 1 && !s.get("state").asText().equals("running"));
        JsonNode b = playground.Wait.poll(
                java.time.Duration.ofSeconds(30),
                () -> Http.json(bob.get("/api/runs/" + bobs.get("id").asText())),
                s -> s.get("trainLoss").size() == 1 && !s.get("state").asText().equals("running"));
        assertEquals(a.get("trainLoss"), b.get("trainLoss"));
        assertEquals(a.get("testLoss"), b.get("testLoss"));
        assertEquals(a.get("weights"), b.get("weights"));
    }

    /** The mean of E over a set, one Backprop pass a sample: independent of the training kernels' evaluation. */
    static double meanLoss(Network net, playground.data.Samples set) {
        double sum = 0;
        for (int s = 0; s < set.count(); s++)
            sum += Backprop.gradients(net, set.x(s), set.t(s)).loss();
        return sum / set.count();
    }

    @Test
    void afterAnEditTheLossNowIsShownAndMarkedOnTheChartAndTheApiCarriesIt() throws Exception {
        String link = "/?dataset=xor&layers=2,4,1&epochs=4&seed=9&batch=5";
        Config config =
                Config.parse(Map.of("dataset", "xor", "layers", "2,4,1", "epochs", "4", "seed", "9", "batch", "5"));
        Http v = new Http(server.port());
        String id = HttpTest.runId(v.get(link).body());
        for (int i = 0; i < 7; i++) v.post("/runs/" + id + "/step", "");
        JsonNode before = Http.json(v.get("/api/runs/" + id));
        assertTrue(before.get("lossNow").isNull(), "no edit yet: the loss shown is the start's");
        assertEquals(
                204, v.form("/runs/" + id + "/weight", "ref=W1-2-0&value=-4").statusCode());
        JsonNode s = Http.json(v.get("/api/runs/" + id));
        // the figures worked out independently: the run's weights as the API gives them, Backprop on every sample
        Network net = config.network();
        for (int l = 1; l <= 2; l++) {
            net.setWeights(l, matrix(s.get("weights").get(l - 1)));
            net.setBiases(l, matrix(s.get("biases")).clone()[l - 1]);
        }
        playground.data.Dataset data = new playground.training.Training(config).data();
        double train = meanLoss(net, data.train());
        double test = meanLoss(net, data.test());
        JsonNode now = s.get("lossNow");
        assertEquals("0:7", now.get("at").asText());
        assertEquals(train, now.get("trainLoss").asDouble(), 1e-12 * train);
        assertEquals(test, now.get("testLoss").asDouble(), 1e-12 * test);
        assertTrue(Math.abs(train - before.get("initialTrainLoss").asDouble()) > 1e-3, "the edit moved the loss");
        assertEquals(now, s.get("editLosses").get(0));
        // the header says it, as the loss now; the chart marks the moment
        String status = v.get("/runs/" + id + "/fragments/status").body();
        assertTrue(status.contains("train loss now"), status);
        assertTrue(status.contains(">" + playground.view.Num.compact(train) + "<"), status);
        assertTrue(status.contains(">" + playground.view.Num.compact(test) + "<"), status);
        String chart = v.get("/runs/" + id + "/fragments/chart").body();
        assertTrue(chart.contains("class=\"edit-mark\""), chart);
        assertTrue(chart.contains("You changed W1-2-0 = " + playground.view.Num.compact(-4)), chart);
        // a sample later the weights are training's again: the header goes back to the epoch's figures
        v.post("/runs/" + id + "/step", "");
        assertTrue(Http.json(v.get("/api/runs/" + id)).get("lossNow").isNull());
        assertTrue(!v.get("/runs/" + id + "/fragments/status").body().contains("loss now"));
        assertTrue(v.get("/runs/" + id + "/fragments/chart").body().contains("class=\"edit-mark\""), "still marked");
    }

    /**
     * The loss now has a budget: on a net and data too big to evaluate on the request that makes an edit, the edit is
     * made and the header keeps the epoch's loss, said to be the epoch's; a link's edits count the evaluations they
     * make on the way against the link's budget.
     */
    @Test
    void theLossNowIsWorkedOutOnlyWithinAnEditsBudget() throws Exception {
        Http v = new Http(server.port());
        Map<String, String> big = Map.of("dataset", "exp-sin", "layers", "2,128,128,2", "epochs", "3", "seed", "4");
        Map<String, String> small = Map.of("dataset", "exp-sin", "layers", "2,8,8,2", "epochs", "3", "seed", "4");
        assertTrue(!Config.parse(big).lossNowWorkedOut(), "the big case is past the budget");
        assertTrue(Config.parse(small).lossNowWorkedOut(), "the control is within it");
        for (Map<String, String> c : List.of(small, big)) {
            String id = HttpTest.runId(v.get("/?dataset=exp-sin&layers=" + c.get("layers") + "&epochs=3&seed=4")
                    .body());
            v.post("/runs/" + id + "/step", "");
            HttpResponse<String> edit = v.post("/api/runs/" + id + "/weight", "{\"ref\":\"W2-1-2\",\"value\":2.5}");
            assertEquals(200, edit.statusCode(), edit.body());
            JsonNode s = Http.json(v.get("/api/runs/" + id));
            assertTrue(s.get("edits").asText().endsWith("W2-1-2=2.5"), "the edit is made either way: " + s);
            JsonNode now = s.get("lossNow");
            String status = v.get("/runs/" + id + "/fragments/status").body();
            if (c == small) {
                assertTrue(now.get("trainLoss").isNumber(), now.toString());
                assertTrue(status.contains("train loss now"), status);
            } else {
                assertTrue(now.get("trainLoss").isNull() && now.get("testLoss").isNull(), now.toString());
                assertTrue(!status.contains("loss now"), status);
                assertTrue(status.contains("class=\"stat stale\""), status);
                assertTrue(status.contains("is not worked out on a run this size"), status);
                assertTrue(
                        status.contains(">"
                                + playground.view.Num.compact(
                                        s.get("initialTrainLoss").asDouble()) + "<"),
                        "the loss shown is the start's: " + status);
                String chart = v.get("/runs/" + id + "/fragments/chart").body();
                assertTrue(chart.contains("not worked out on a run this size"), chart);
            }
        }
        // a link with edits: each one evaluated on the way counts (2,64,64,2 on exp-sin: within an edit's budget,
        // 25 of them past a link's)
        Config mid = Config.parse(Map.of("dataset", "exp-sin", "layers", "2,64,64,2", "epochs", "3", "seed", "4"));
        assertTrue(mid.lossNowWorkedOut() && 25 * mid.evaluationWork() > Config.MAX_SEEK_WORK, "the case");
        StringBuilder edits = new StringBuilder();
        for (int i = 0; i < 25; i++)
            edits.append(i > 0 ? "," : "").append("0:1:W1-0-0=").append(i);
        HttpResponse<String> link = v.get("/?dataset=exp-sin&layers=2,64,64,2&epochs=3&seed=4&edits=" + edits);
        assertEquals(400, link.statusCode());
        assertTrue(link.body().contains("with its 25 edits made on the way"), link.body());
        HttpResponse<String> fewer = v.get("/?dataset=exp-sin&layers=2,64,64,2&epochs=3&seed=4&edits="
                + edits.substring(0, edits.indexOf(",0:1:W1-0-0=3")));
        assertEquals(200, fewer.statusCode(), "three edits fit");
    }

    @Test
    void startOnAFinishedRunReplaysItsEditsAndResetDropsThem() throws Exception {
        Http v = new Http(server.port());
        String id = v.newRun("{\"layers\":[2,3,2],\"epochs\":2,\"seed\":5,\"testRatio\":0.9}");
        for (int i = 0; i < 3; i++) v.post("/api/runs/" + id + "/step", "");
        v.post("/api/runs/" + id + "/weight", "{\"ref\":\"W2-1-2\",\"value\":1.5}");
        v.post("/api/runs/" + id + "/resume", "");
        JsonNode first = playground.Wait.poll(
                java.time.Duration.ofSeconds(30),
                () -> Http.json(v.get("/api/runs/" + id)),
                r -> r.get("state").asText().equals("done"));
        assertEquals("0:3:W2-1-2=1.5", first.get("edits").asText());
        // the page offers Start on it, and says what it does
        String controls = v.get("/runs/" + id + "/fragments/controls").body();
        assertTrue(controls.contains("your 1 edit"), controls);
        // Start: the same experiment again, the edit made again at its moment: the same numbers
        v.post("/api/runs/" + id + "/start", "");
        JsonNode again = playground.Wait.poll(
                java.time.Duration.ofSeconds(30),
                () -> Http.json(v.get("/api/runs/" + id)),
                r -> r.get("state").asText().equals("done"));
        assertEquals(first.get("edits"), again.get("edits"));
        assertEquals(first.get("trainLoss"), again.get("trainLoss"));
        assertEquals(first.get("weights"), again.get("weights"));
        // Reset drops the edits (and its button says so); Start from there trains without them
        assertTrue(v.get("/runs/" + id + "/fragments/controls").body().contains("drops your 1 edit"));
        v.post("/api/runs/" + id + "/reset", "");
        JsonNode reset = Http.json(v.get("/api/runs/" + id));
        assertTrue(reset.get("edits") == null, reset.toString());
        v.post("/api/runs/" + id + "/start", "");
        JsonNode plain = playground.Wait.poll(
                java.time.Duration.ofSeconds(30),
                () -> Http.json(v.get("/api/runs/" + id)),
                r -> r.get("state").asText().equals("done"));
        assertTrue(!plain.get("trainLoss").equals(first.get("trainLoss")), "without the edit, other numbers");
    }

    /**
     * Start makes the edits again from the start on the request's thread: within the budget a link's moment has. Past
     * it (a big net edited at its end), Start is refused with a message, and the page says so instead of offering it.
     */
    @Test
    void startDoesNotReplayEditsTooFarForOneRequest() throws Exception {
        Http v = new Http(server.port());
        String id = Http.json(v.post(
                        "/api/runs",
                        "{\"dataset\":\"xor\",\"layers\":[2,128,128,1],\"epochs\":80,\"seed\":5,\"speed\":\"max\"}"))
                .get("id")
                .asText();
        v.post("/api/runs/" + id + "/start", "");
        playground.Wait.poll(
                java.time.Duration.ofSeconds(120),
                () -> Http.json(v.get("/api/runs/" + id)),
                r -> r.get("state").asText().equals("done"));
        HttpResponse<String> edit = v.post("/api/runs/" + id + "/weight", "{\"ref\":\"W2-1-2\",\"value\":1.5}");
        assertEquals(200, edit.statusCode(), edit.body());
        var config = playground.training.Config.parse(
                java.util.Map.of("dataset", "xor", "layers", "2,128,128,1", "epochs", "80", "seed", "5"));
        assertTrue(config.seekWork(80, 0) > playground.training.Config.MAX_SEEK_WORK, "the case is past the budget");

        String controls = v.get("/runs/" + id + "/fragments/controls").body();
        assertTrue(controls.matches("(?s).*id=\"btn-start\"[^>]*disabled.*"), "Start is not offered: " + controls);
        assertTrue(controls.contains("too far into a run this size"), controls);
        assertTrue(v.get("/runs/" + id + "/fragments/status").body().contains("Reset starts it again without them"));
        HttpResponse<String> start = v.post("/api/runs/" + id + "/start", "");
        assertEquals(400, start.statusCode(), start.body());
        assertTrue(Http.json(start).get("error").asText().contains("Reset starts it again without them"), start.body());
        assertEquals("done", Http.json(v.get("/api/runs/" + id)).get("state").asText(), "the run is as it was");
    }

    @Test
    void editsInTheMiddleOfAMiniBatchWithMomentumReplayExactly() throws Exception {
        String link = "/?layers=2,4,2&epochs=2&seed=7&batch=4&optimizer=momentum";
        Http alice = new Http(server.port());
        String id = HttpTest.runId(alice.get(link).body());
        for (int i = 0; i < 6; i++) alice.post("/runs/" + id + "/step", ""); // mid-batch: 2 of the second batch
        assertEquals(
                200,
                alice.post("/api/runs/" + id + "/weight", "{\"ref\":\"W1-3-0\",\"value\":2}")
                        .statusCode());
        for (int i = 0; i < 5; i++) alice.post("/runs/" + id + "/step", "");
        assertEquals(
                200,
                alice.post("/api/runs/" + id + "/weight", "{\"ref\":\"b2-1\",\"value\":\"-0.5\"}")
                        .statusCode());
        alice.post("/runs/" + id + "/step", "");
        JsonNode a = Http.json(alice.get("/api/runs/" + id));
        assertEquals("0:6:W1-3-0=2,0:11:b2-1=-0.5", a.get("edits").asText());
        Http bob = new Http(server.port());
        String html = bob.get(link + "&at=0:12&edits="
                        + URLEncoder.encode(a.get("edits").asText(), StandardCharsets.UTF_8))
                .body();
        JsonNode b = Http.json(bob.get("/api/runs/" + HttpTest.runId(html)));
        assertEquals(a.get("weights"), b.get("weights"));
        assertEquals(a.get("biases"), b.get("biases"));
        assertEquals(12, b.get("sample").asInt());
        // a second load of the same link reattaches to the same run
        assertEquals(
                HttpTest.runId(html),
                HttpTest.runId(bob.get(link + "&at=0:12&edits="
                                + URLEncoder.encode(a.get("edits").asText(), StandardCharsets.UTF_8))
                        .body()));
    }

    @Test
    void theApiEditsTooAndBadInputsAre400WithAMessage() throws Exception {
        Http v = new Http(server.port());
        String id = v.newRun("{\"layers\":[2,3,2],\"epochs\":3,\"seed\":5}");
        HttpResponse<String> ok = v.post("/api/runs/" + id + "/weight", "{\"ref\":\"W1-2-1\",\"value\":-0.25}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(-0.25, Http.json(ok).get("weights").get(0).get(2).get(1).asDouble());
        assertEquals("0:0:W1-2-1=-0.25", Http.json(ok).get("edits").asText());
        Map<String, String> bad = Map.of(
                "{\"ref\":\"W3-0-0\",\"value\":1}", "past the output layer",
                "{\"ref\":\"W1-3-0\",\"value\":1}", "row 3",
                "{\"ref\":\"x-0\",\"value\":1}", "must be a weight",
                "{\"ref\":\"W1-0-0\",\"value\":\"abc\"}", "must be a number",
                "{\"ref\":\"W1-0-0\",\"value\":\"NaN\"}", "must be a number",
                "{\"ref\":\"W1-0-0\",\"value\":\"Infinity\"}", "must be a number",
                "{\"ref\":\"W1-0-0\",\"value\":2e6}", "between -1e6 and 1e6",
                "{\"ref\":\"W1-0-0\",\"value\":\"1e400\"}", "finite");
        for (var e : bad.entrySet()) {
            HttpResponse<String> r = v.post("/api/runs/" + id + "/weight", e.getKey());
            assertEquals(400, r.statusCode(), e.getKey());
            assertTrue(Http.json(r).get("error").asText().contains(e.getValue()), e.getKey() + ": " + r.body());
        }
        HttpResponse<String> page = v.form("/runs/" + id + "/weight", "ref=W1-0-0&value=x");
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("must be a number"), page.body());
        // at most 64 edits
        for (int i = 1; i < 64; i++) {
            assertEquals(
                    200,
                    v.post("/api/runs/" + id + "/weight", "{\"ref\":\"W1-0-0\",\"value\":" + i + "}")
                            .statusCode());
        }
        HttpResponse<String> tooMany = v.post("/api/runs/" + id + "/weight", "{\"ref\":\"W1-0-0\",\"value\":1}");
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("at most 64"), tooMany.body());
        // a run that trains must be paused first
        String id2 = v.newRun("{\"layers\":[2,3,2],\"epochs\":500,\"seed\":5,\"speed\":\"1\"}");
        v.post("/api/runs/" + id2 + "/start", "");
        HttpResponse<String> running = v.post("/api/runs/" + id2 + "/weight", "{\"ref\":\"W1-0-0\",\"value\":1}");
        assertEquals(400, running.statusCode(), running.body());
        assertTrue(running.body().contains("pause it first"), running.body());
        v.post("/api/runs/" + id2 + "/pause", "");
        // a link with bad edits says which and why
        String html = v.get(LINK + "&edits=0:1:W9-0-0=1").body();
        assertTrue(html.contains("edit 1 (0:1:W9-0-0=1): layer 9 is past the output layer 2"), html);
        assertTrue(v.get(LINK + "&edits=0:1:W1-0-0=1&at=0:0").body().contains("before the last edit"));
    }
}
