package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Predict, then reveal, over real HTTP: the weight the quiz reveals is, to the bit, the weight the run then shows (its
 * status JSON after the update), for every optimiser, regularisation and loss, per sample and in mini-batches; a weight
 * asked for in the middle of a mini-batch, where no update happens, gets a message that says so.
 */
class PredictHttpTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    private static final Pattern EXACT = Pattern.compile("data-exact=\"([^\"]+)\"");
    /** L = 2: forward 1, 2, the loss, delta 2, delta 1; the sixth phase is the update. */
    private static final int BEFORE_UPDATE = 5;

    private static void phases(Http v, String id, int n) throws Exception {
        for (int i = 0; i < n; i++)
            assertEquals(204, v.post("/runs/" + id + "/phase", "").statusCode());
    }

    /** The revealed w^(2)_00 after the update, in full, then the run's own W^(2)_00 once the update is shown. */
    private static double[] predictAndSee(Http v, String id) throws Exception {
        HttpResponse<String> r = v.form("/runs/" + id + "/predict", "what=W2-0-0&guess=0.5");
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = EXACT.matcher(r.body());
        assertTrue(m.find(), r.body());
        JsonNode status = Http.json(v.get("/api/runs/" + id));
        return new double[] {
            Double.parseDouble(m.group(1)),
            status.get("weights").get(1).get(0).get(0).asDouble()
        };
    }

    private static String create(Http v, String optimizer, String reg, String loss, int batch) throws Exception {
        String output = loss.equals("cross-entropy") ? "softmax" : "linear";
        HttpResponse<String> r = v.post(
                "/api/runs",
                "{\"dataset\": \"three-classes\", \"layers\": [2, 4, 3], \"activation\": \"tanh\", \"output\": \""
                        + output + "\", \"loss\": \"" + loss + "\", \"optimizer\": \"" + optimizer
                        + "\", \"regularization\": \"" + reg + "\", \"regRate\": 0.5, \"lr\": 0.3, \"batch\": "
                        + batch + ", \"seed\": 3}");
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).get("id").asText();
    }

    @Test
    void theRevealedWeightIsTheOneTheRunShowsForEveryOptimiserRegularisationAndLoss() throws Exception {
        int checked = 0;
        for (String optimizer : new String[] {"sgd", "momentum", "adam"}) {
            for (String reg : new String[] {"none", "l1", "l2"}) {
                for (String loss : new String[] {"mse", "cross-entropy"}) {
                    String what = optimizer + "/" + reg + "/" + loss;
                    Http v = new Http(server.port());
                    String id = create(v, optimizer, reg, loss, 1);
                    // two samples: the second step starts from the optimiser's state after the first
                    for (int k = 0; k < 2; k++) {
                        phases(v, id, BEFORE_UPDATE);
                        double[] seen = predictAndSee(v, id);
                        assertEquals(seen[1], seen[0], 0.0, what + ", sample " + (k + 1));
                        checked++;
                    }
                    // in mini-batches of 3: no weight to predict at the first sample, the batch's update at the third
                    Http b = new Http(server.port());
                    String batched = create(b, optimizer, reg, loss, 3);
                    phases(b, batched, BEFORE_UPDATE);
                    assertTrue(
                            !b.get("/runs/" + batched + "/fragments/state")
                                    .body()
                                    .contains("value=\"W2-0-0\""),
                            "no weight prompt mid-batch");
                    HttpResponse<String> refused = b.form("/runs/" + batched + "/predict", "what=W2-0-0&guess=1");
                    assertEquals(400, refused.statusCode(), refused.body());
                    assertTrue(
                            refused.body()
                                    .contains("no update follows this sample: it is sample 1 of a mini-batch of 3"),
                            refused.body());
                    phases(b, batched, 1 + 6 + BEFORE_UPDATE); // finish sample 1, all of sample 2, sample 3 to δ⁽¹⁾
                    assertTrue(
                            b.get("/runs/" + batched + "/fragments/state")
                                    .body()
                                    .contains("value=\"W2-0-0\""),
                            "the weight prompt at the batch's last sample");
                    double[] seen = predictAndSee(b, batched);
                    assertEquals(seen[1], seen[0], 0.0, what + ", mini-batch of 3");
                    checked++;
                }
            }
        }
        assertEquals(54, checked);
    }

    @Test
    void aBadGuessOrABadQuestionIsToldInWords() throws Exception {
        Http v = new Http(server.port());
        String id = create(v, "sgd", "none", "mse", 1);
        phases(v, id, 3); // the next phase reveals δ⁽²⁾
        for (String what : new String[] {"d2-0", "W2-0-0"}) {
            HttpResponse<String> r = v.form("/runs/" + id + "/predict", "what=" + what + "&guess=NaN");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("Type a number"), r.body());
        }
        for (String what : new String[] {"d2-1", "W2-0-1", "b2-0", "E", ""}) {
            HttpResponse<String> r = v.form("/runs/" + id + "/predict", "what=" + what + "&guess=1");
            assertEquals(400, r.statusCode(), what + ": " + r.body());
            assertTrue(r.body().contains("what: "), r.body());
            r = v.form("/runs/" + id + "/predict", "what=" + what + "&guess=abc");
            assertEquals(400, r.statusCode(), "a bad question is told before a bad guess: " + r.body());
        }
        // nothing moved: δ⁽²⁾ is still next, and the answer names it
        HttpResponse<String> r = v.form("/runs/" + id + "/predict", "what=d2-0&guess=0.1");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("You said δ = "), r.body());
    }

    @Test
    void thePromptShowsTheRuleInUse() throws Exception {
        Http v = new Http(server.port());
        String id = create(v, "adam", "l2", "cross-entropy", 1);
        phases(v, id, 3);
        String state = v.get("/runs/" + id + "/fragments/state").body();
        assertTrue(state.contains("y₀ · Σⱼ tⱼ − t₀"), "cross-entropy's δ, not MSE's: " + state);
        assertTrue(!state.contains("(y₀ − t₀) · f′"), state);
        phases(v, id, 2);
        state = v.get("/runs/" + id + "/fragments/state").body();
        assertTrue(state.contains("m̂ / (√v̂"), "Adam's rule: " + state);
        assertTrue(state.contains("+ λ · w"), "L2's term: " + state);
        assertTrue(!state.contains("w ← w − η · δ"), state);
    }
}
