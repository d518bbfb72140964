package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One convention for the numbers JSON cannot hold, over real HTTP: {@code /api/step} and the runs API write NaN and
 * infinities as null and name the first in {@code "nonFinite"}; never the strings "NaN" or "Infinity".
 */
class NonFiniteHttpTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void stepAnswersNullAndNamesTheFirstNonFiniteNumber() throws Exception {
        Http v = new Http(server.port());
        HttpResponse<String> r = v.post(
                "/api/step",
                "{\"layers\": [1, 2, 1], \"activations\": [\"linear\", \"linear\"], \"weights\": [[[1], [1e308]],"
                        + " [[1, 1]]], \"x\": [10], \"t\": [0], \"lr\": 0.1}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(!r.body().contains("\"Infinity\"") && !r.body().contains("\"NaN\""), r.body());
        JsonNode j = Http.json(r);
        // z^(1) = (10, 1e309): the second overflows
        assertEquals(10.0, j.get("z").get(0).get(0).asDouble(), 0);
        assertTrue(j.get("z").get(0).get(1).isNull(), r.body());
        assertEquals(
                "z[0][1] is Infinity (JSON has no NaN or infinities: such numbers are null)",
                j.get("nonFinite").asText());
    }

    @Test
    void aDivergedRunsNumbersAreNullNeverStrings() throws Exception {
        Http v = new Http(server.port());
        HttpResponse<String> created = v.post(
                "/api/runs",
                "{\"dataset\": \"exp-sin\", \"standardize\": false, \"lr\": 10, \"epochs\": 20, \"seed\": 1}");
        assertEquals(201, created.statusCode(), created.body());
        String id = Http.json(created).get("id").asText();
        v.post("/api/runs/" + id + "/start", "");
        String body = playground.Wait.poll(
                java.time.Duration.ofSeconds(20),
                () -> v.get("/api/runs/" + id).body(),
                b -> !b.contains("\"state\":\"running\""));
        JsonNode status = Http.JSON.readTree(body);
        assertEquals("diverged", status.get("state").asText(), body);
        assertTrue(!body.contains("\"Infinity\"") && !body.contains("\"NaN\""), body);
        // the step that blew up: its sample's numbers, through the same convention
        HttpResponse<String> step = v.post("/api/runs/" + id + "/step", "");
        assertTrue(!step.body().contains("\"NaN\"") && !step.body().contains("\"Infinity\""), step.body());
        if (body.contains("null")) assertTrue(status.has("nonFinite"), "a null number is named: " + body);
    }
}
