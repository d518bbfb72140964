package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TensorFlow Playground features over real HTTP: resets, accuracy, pictures, links to someone's own data. */
class PlaygroundHttpTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    Http visitor() {
        return new Http(server.port());
    }

    JsonNode runToEnd(Http v, String id) throws Exception {
        v.post("/api/runs/" + id + "/start", "");
        JsonNode s = playground.Wait.poll(
                java.time.Duration.ofSeconds(60), () -> Http.json(v.get("/api/runs/" + id)), HttpTest::done);
        assertEquals("done", s.get("state").asText());
        return s;
    }

    @Test
    void resetKeepsTheInitialWeightsAndTheNextSeedDrawsNewOnes() throws Exception {
        Http v = visitor();
        String id = v.newRun("{\"dataset\":\"xor\",\"epochs\":5,\"seed\":7}");
        JsonNode start = Http.json(v.get("/api/runs/" + id)).get("weights");
        JsonNode done = runToEnd(v, id);
        assertNotEquals(start, done.get("weights"), "training moved the weights");
        JsonNode reset = Http.json(v.post("/api/runs/" + id + "/reset", ""));
        assertEquals(start, reset.get("weights"), "Reset starts again from the same initial weights");

        String page = v.get("/?dataset=xor&epochs=5&seed=7").body();
        assertTrue(page.contains("seed=8"), "the next-seed link");
        String next = v.newRun("{\"dataset\":\"xor\",\"epochs\":5,\"seed\":8}");
        assertNotEquals(start, Http.json(v.get("/api/runs/" + next)).get("weights"), "the next seed: new weights");
    }

    @Test
    void classificationRunsReportAccuracyPerEpochAndRegressionRunsDoNot() throws Exception {
        Http v = visitor();
        String id = v.newRun("{\"dataset\":\"circle\",\"epochs\":30,\"optimizer\":\"adam\"}");
        JsonNode s = runToEnd(v, id);
        assertEquals(30, s.get("trainAccuracy").size());
        assertEquals(30, s.get("testAccuracy").size());
        double last = s.get("testAccuracy").get(29).asDouble();
        assertTrue(last > 0.9 && last <= 1, "circle test accuracy " + last);
        assertEquals("cross-entropy", s.get("config").get("loss").asText());
        String reg = v.newRun("{\"dataset\":\"reg-plane\",\"epochs\":2}");
        assertFalse(Http.json(v.get("/api/runs/" + reg)).has("testAccuracy"));
    }

    @Test
    void thePicturesAreFragmentsOfThePage() throws Exception {
        Http v = visitor();
        String page = v.get("/?dataset=gauss&features=x1,x2,x1x2&layers=3,4,1").body();
        assertTrue(page.contains("id=\"diagram\" sse-swap=\"diagram\""), "the diagram is streamed");
        assertTrue(page.contains("id=\"heatmap\" sse-swap=\"heatmap\""), "the heatmap is streamed");
        assertTrue(page.contains("src=\"data:image/png;base64,"), "the heatmap is a PNG");
        assertTrue(page.contains("x₁x₂"), "the inputs are named by their features");
        String id = page.replaceAll("(?s).*data-run=\"([^\"]+)\".*", "$1");
        HttpResponse<String> d = v.get("/runs/" + id + "/fragments/diagram");
        assertEquals(200, d.statusCode());
        assertEquals(3 * 4 + 4, d.body().split("class=\"edge ").length - 1, "one edge per weight");
        assertTrue(v.get("/runs/" + id + "/fragments/heatmap").body().contains("<img"));
        // exp-sin has a diagram but no plane to draw
        String plain = v.get("/?dataset=exp-sin").body();
        assertTrue(plain.contains("id=\"diagram\""));
        assertFalse(plain.contains("id=\"heatmap\""));
    }

    @Test
    void aLinkToSomeonesOwnDataSaysWhichFileItNeeds() throws Exception {
        HttpResponse<String> r = visitor().get("/?dataset=csv-0123456789ab&layers=2,4,1");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("upload the same file"), "the form explains");
        assertTrue(r.body().contains("csv-0123456789ab"), "and names the data");
        assertTrue(r.body().contains("action=\"/datasets\""), "with the upload form at hand");
    }
}
