package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /runs/{id}/cell: the exact number behind a cell id, for the pictures of big matrices. */
class CellsTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    static JsonNode cell(Http v, String id, String ref) throws Exception {
        HttpResponse<String> r = v.get("/runs/" + id + "/cell?ref=" + URLEncoder.encode(ref, StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), ref + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode c = Http.json(r);
        assertEquals(ref, c.get("ref").asText());
        return c;
    }

    /** The full value a table cell shows on hover (its title). */
    static double title(String html, String ref) {
        Matcher m = Pattern.compile("title=\"([^\"]+)\" data-ref=\"" + Pattern.quote(ref) + "\"")
                .matcher(html);
        assertTrue(m.find(), "a cell " + ref);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aCellIsTheExactValueTheApiAndTheTablesHave() throws Exception {
        Http v = new Http(server.port());
        String id = v.newRun("{\"dataset\":\"xor\",\"layers\":[2,16,16,1],\"batch\":1}");
        assertEquals(400, v.get("/runs/" + id + "/cell?ref=d1-0").statusCode(), "no sample yet");
        v.post("/api/runs/" + id + "/step", "");
        v.post("/api/runs/" + id + "/step", "");
        JsonNode api = Http.json(v.get("/api/runs/" + id));
        // W^(2) is 16 × 16: a picture; its numbers come from the cell route, the same doubles as the API's
        for (int[] ij : new int[][] {{0, 0}, {3, 4}, {15, 15}, {8, 1}}) {
            JsonNode c = cell(v, id, "W2-" + ij[0] + "-" + ij[1]);
            double expected = api.get("weights").get(1).get(ij[0]).get(ij[1]).asDouble();
            assertEquals(expected, c.get("value").asDouble(), "W2-" + ij[0] + "-" + ij[1]);
            assertEquals(Double.toString(expected), c.get("text").asText().replaceAll(".* = ", ""));
        }
        assertTrue(cell(v, id, "W2-3-4").get("text").asText().startsWith("w⁽²⁾₃₄ = "));
        assertEquals("w⁽²⁾₃₄", cell(v, id, "W2-3-4").get("label").asText(), "the name the editor of a weight shows");
        assertTrue(cell(v, id, "W2-12-3").get("text").asText().startsWith("w⁽²⁾₁₂,₃ = "));
        assertEquals(
                api.get("biases").get(1).get(7).asDouble(),
                cell(v, id, "b2-7").get("value").asDouble());
        assertEquals(
                api.get("weights").get(2).get(0).get(9).asDouble(),
                cell(v, id, "W3-0-9").get("value").asDouble());

        String weights = v.get("/runs/" + id + "/fragments/weights").body();
        assertTrue(weights.contains("data-ref-prefix=\"W2\""), "W^(2) is a picture");
        assertTrue(weights.contains("data-rows=\"16\" data-cols=\"16\""));
        assertFalse(weights.contains("data-ref=\"W2-0-0\""), "and not cells");
        assertTrue(weights.contains("data-ref=\"W1-0-0\""), "W^(1), 16 × 2, is still a table");

        // the sample's numbers: the same as the state tables' full values
        String state = v.get("/runs/" + id + "/fragments/state").body();
        for (String ref : List.of("x-1", "z1-3", "a2-5", "d1-2", "gW1-4-1", "gb2-0", "t-0", "d3-0")) {
            assertEquals(title(state, ref), cell(v, id, ref).get("value").asDouble(), ref);
        }
        assertTrue(state.contains("data-ref-prefix=\"gW2\""), "∂E/∂W^(2) is a picture too");
        assertTrue(cell(v, id, "gW2-3-4").get("text").asText().startsWith("∂E/∂w⁽²⁾₃₄ = "));
        assertTrue(cell(v, id, "E").get("value").asDouble() >= 0);
    }

    /**
     * The ids the page writes (its cells' data-ref, its pictures' data-ref-prefix with the indices matrix.js adds)
     * are the ids the server reads: every one in every fragment of a run's page names a number /cell answers.
     */
    @Test
    void everyIdThePageWritesIsOneTheServerReads() throws Exception {
        Http v = new Http(server.port());
        String id = v.newRun("{\"dataset\":\"xor\",\"layers\":[2,3,256,1],\"batch\":1}");
        v.post("/api/runs/" + id + "/step", "");
        java.util.Set<String> refs = new java.util.TreeSet<>();
        int prefixes = 0;
        for (playground.view.Fragment f : playground.view.Fragment.values()) {
            if (f.compare()) continue;
            String html = v.get("/runs/" + id + "/fragments/" + f.id()).body();
            Matcher m = Pattern.compile("data-ref=\"([^\"]*)\"").matcher(html);
            while (m.find()) refs.add(m.group(1));
            Matcher img = Pattern.compile("<img class=\"mx-img\"[^>]*>").matcher(html);
            while (img.find()) { // the last pixel's id, as matrix.js makes it from the picture's attributes
                String tag = img.group();
                int last = Integer.parseInt(attribute(tag, "data-rows")) - 1;
                String prefix = attribute(tag, "data-ref-prefix") + "-" + last;
                refs.add(
                        tag.contains(" data-vector=\"true\"") // jte leaves a false one out
                                ? prefix
                                : prefix + "-" + (Integer.parseInt(attribute(tag, "data-cols")) - 1));
                prefixes++;
            }
        }
        // W2 (256 × 3), b2 (256), W3 (1 × 256) and their gradients are pictures; b2 and gb2 are vectors
        assertTrue(prefixes >= 6, "pictures: " + prefixes);
        assertTrue(refs.containsAll(List.of("b2-255", "gb2-255", "W2-255-2", "W3-0-255")), refs.toString());
        for (String kind : List.of("W", "b", "z", "a", "d", "gW", "gb", "x-", "t-", "E")) {
            assertTrue(refs.stream().anyMatch(r -> r.startsWith(kind)), "the page names a " + kind + ": " + refs);
        }
        for (String ref : refs)
            assertTrue(Double.isFinite(cell(v, id, ref).get("value").asDouble()), ref);
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag);
        assertTrue(m.find(), name + " in " + tag);
        return m.group(1);
    }

    @Test
    void badRefsAnswer400InWords() throws Exception {
        Http v = new Http(server.port());
        String id = v.newRun("{\"dataset\":\"xor\",\"layers\":[2,16,16,1],\"bias\":false}");
        v.post("/api/runs/" + id + "/step", "");
        for (String ref : List.of(
                "",
                "W",
                "W0-0-0",
                "W4-0-0",
                "W2-16-0",
                "W2-0-16",
                "W2-1",
                "b1-0-0",
                "b1-0",
                "gb1-0",
                "z1-99",
                "x-2",
                "Q1-0",
                "W2-0-0-0",
                "W2--1-0",
                "W99999999999-0-0",
                "W2-0-0 ",
                "<script>",
                "x".repeat(5000))) {
            HttpResponse<String> r =
                    v.get("/runs/" + id + "/cell?ref=" + URLEncoder.encode(ref, StandardCharsets.UTF_8));
            assertEquals(400, r.statusCode(), "'" + ref + "': " + r.body());
            String error = Http.json(r).get("error").asText();
            assertTrue(error.startsWith("ref: ") && error.length() < 200, error);
        }
        assertEquals(400, v.get("/runs/" + id + "/cell").statusCode(), "no ref");
        assertEquals(404, v.get("/runs/nope/cell?ref=W1-0-0").statusCode());
        assertEquals(
                404,
                new Http(server.port()).get("/runs/" + id + "/cell?ref=W1-0-0").statusCode(),
                "not yours");
    }

    @Test
    void aSampleShownPhaseByPhaseKeepsWhatIsNotShownYet() throws Exception {
        Http v = new Http(server.port());
        String html = v.get("/?dataset=notebook-example").body();
        String id = HttpTest.runId(html);
        assertEquals(204, v.post("/runs/" + id + "/phase", "").statusCode());
        cell(v, id, "z1-0");
        cell(v, id, "x-0");
        for (String ref : List.of("z2-0", "E", "t-0", "d2-0", "d1-0", "gW2-0-0")) {
            HttpResponse<String> r = v.get("/runs/" + id + "/cell?ref=" + ref);
            assertEquals(400, r.statusCode(), ref + " must wait for its phase: " + r.body());
            assertTrue(Http.json(r).get("error").asText().contains("not shown yet"), r.body());
        }
    }
}
