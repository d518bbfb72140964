package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import playground.nn.Backprop;
import playground.nn.Network;
import playground.nn.Trace;
import playground.training.Config;
import playground.training.Training;

/** The gradient flow in GET /api/runs/{id} and on the page, on a real server. */
class GradientFlowApiTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    Http visitor() {
        return new Http(server.port());
    }

    /**
     * The notebook's single sample, two epochs: each epoch's norm is that one sample's ||dE/dW^(l)||, and its ratio
     * lr ||dE/dW^(l)|| / ||W^(l)||, worked out here on the trace path (which forms dE/dW whole) from the notebook's
     * weights.
     */
    @Test
    void theNotebookSampleTwoEpochs() throws Exception {
        Http v = visitor();
        String id = NumberingTest.runId(
                v.get("/?dataset=notebook-example&epochs=5&at=2:0").body());
        JsonNode api = Http.json(v.get("/api/runs/" + id));
        Config c = Config.parse(Map.of("dataset", "notebook-example", "epochs", "5"));
        Training t = new Training(c);
        Network net = t.network().copy();
        double[] x = t.data().train().x(0), y = t.data().train().t(0);
        assertEquals(1, t.trainCount());
        for (int e = 0; e < 2; e++) {
            double[][][] before = {null, net.weights(1), net.weights(2)};
            Trace tr = Backprop.step(net, x, y, c.lr());
            for (int l = 1; l <= 2; l++) {
                double norm = frobenius(tr.dW()[l]);
                String at = "epoch " + (e + 1) + ", layer " + l;
                assertClose(norm, api.get("gradientNorms").get(e).get(l - 1).asDouble(), at);
                assertClose(
                        c.lr() * norm / frobenius(before[l]),
                        api.get("updateRatios").get(e).get(l - 1).asDouble(),
                        at);
            }
        }
        assertEquals(2, api.get("gradientNorms").size());
        assertEquals(1, api.get("saturatedUnits").size(), "one hidden layer");
        assertEquals(0, api.get("deadUnits").get(0).size(), "sigmoid units do not die");
    }

    /**
     * A relu unit with bias -100 on xor (inputs within [-6, 6]) has z < 0 on every sample: dead and saturated, and its
     * weights get no gradient, so it stays so. The page's diagram and weight table badge it.
     */
    @Test
    void aDeadReluUnitIsListedAndBadged() throws Exception {
        Http v = visitor();
        String weights = "{\"weights\": [[[0.5, -0.4], [0.1, 0.1]], [[0.7, 0.3]]], \"biases\": [[0.1, -100], [0]]}";
        String url = "/?dataset=xor&layers=2,2,1&activation=relu&epochs=4&at=2:0&weights="
                + URLEncoder.encode(weights, StandardCharsets.UTF_8);
        String page = v.get(url).body();
        String id = NumberingTest.runId(page);
        JsonNode api = Http.json(v.get("/api/runs/" + id));
        assertEquals("[[1]]", api.get("deadUnits").toString());
        assertTrue(api.get("saturatedUnits").get(0).toString().contains("1"), api.toString());
        assertTrue(page.contains("<text class=\"badge dead\""), "the diagram's badge");
        assertTrue(page.contains("<th scope=\"row\">1 dead</th>"), "the weight table's badge");
        String flow = v.get("/runs/" + id + "/fragments/flow").body();
        assertTrue(flow.contains("1 dead (1)"), flow);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-12 * Math.abs(expected), what + ": " + expected + " vs " + actual);
    }

    private static double frobenius(double[][] m) {
        double s = 0;
        for (double[] row : m) for (double v : row) s += v * v;
        return Math.sqrt(s);
    }
}
