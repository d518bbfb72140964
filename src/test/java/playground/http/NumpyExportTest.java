package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exported numpy script runs, and agrees with POST /api/step to 1e-12, for each output layer and loss; it says
 * when the run trains with an optimizer or regularisation it does not carry. Skipped without python3 and numpy.
 */
class NumpyExportTest {
    static Server server;

    @BeforeAll
    static void start() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import numpy").start();
        boolean numpy = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(numpy, "python3 with numpy is needed");
        server = Server.start(0);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"layers\":[2,3,2]}",
                "{\"layers\":[2,5,4,2],\"activation\":\"tanh\",\"output\":\"sigmoid\"}",
                "{\"layers\":[2,6,2],\"activation\":\"relu\",\"bias\":false}",
                "{\"layers\":[2,6,5,2],\"activation\":\"leaky-relu\",\"output\":\"leaky-relu\"}",
                "{\"dataset\":\"circle\"}",
                "{\"dataset\":\"three-classes\"}",
                "{\"dataset\":\"three-classes\",\"loss\":\"mse\"}"
            })
    void theScriptDoesTheSameStepAsTheApi(String config) throws Exception {
        String script = exportAndCompare(config);
        assertFalse(script.contains("# NOTE:"), "plain SGD needs no note");
    }

    @Test
    void theScriptCarriesTheRunsLossAndOutput() throws Exception {
        String circle = exportAndCompare("{\"dataset\":\"circle\"}");
        assertTrue(circle.contains("LOSS = \"cross-entropy\""), circle);
        assertTrue(circle.contains("ACTIVATIONS = [\"tanh\", \"tanh\", \"sigmoid\"]"), circle);
        String classes = exportAndCompare("{\"dataset\":\"three-classes\",\"loss\":\"mse\"}");
        assertTrue(classes.contains("LOSS = \"mse\""), classes);
        assertTrue(classes.contains("\"softmax\"]"), classes);
    }

    @Test
    void aRunWithAdamAndL2SaysTheScriptDoesNotCarryThem() throws Exception {
        String script = exportAndCompare(
                "{\"dataset\":\"circle\",\"optimizer\":\"adam\",\"regularization\":\"l2\",\"regRate\":0.01}");
        String top = script.substring(0, script.indexOf("\"\"\""));
        String note = "# NOTE: this run trains with the adam optimizer and L2 regularisation (rate lambda = 0.01)";
        assertTrue(top.contains(note), top);
        assertTrue(top.contains("which this script does not carry: it shows one plain backprop step"), top);
        assertTrue(top.contains("g <- g + lambda w"), top);
        assertTrue(top.contains("w <- w - lr mhat / (sqrt(vhat) + eps)"), top);
        assertFalse(top.contains("momentum:"), top);
    }

    @Test
    void aRunWithMomentumAloneSaysSo() throws Exception {
        String script = exportAndCompare("{\"layers\":[2,3,2],\"optimizer\":\"momentum\"}");
        String top = script.substring(0, script.indexOf("\"\"\""));
        assertTrue(top.contains("# NOTE: this run trains with the momentum optimizer,"), top);
        assertTrue(top.contains("v <- mu v + g; w <- w - lr v, with mu = 0.9"), top);
        assertFalse(top.contains("regularisation"), top);
    }

    /**
     * Creates a run of {@code config}, steps it, exports it, runs the script on one sample and checks that its answer
     * agrees with POST /api/step on the same weights to 1e-12. Returns the script.
     */
    static String exportAndCompare(String config) throws Exception {
        Http v = new Http(server.port());
        var created = v.post("/api/runs", config);
        assertEquals(201, created.statusCode(), created.body());
        String id = Http.json(created).get("id").asText();
        for (int i = 0; i < 5; i++) v.post("/api/runs/" + id + "/step", "");
        var export = v.get("/api/runs/" + id + "/export?format=numpy");
        assertEquals(200, export.statusCode());
        assertEquals(400, v.get("/api/runs/" + id + "/export?format=matlab").statusCode());
        Path script = Files.createTempFile("backprop", ".py");
        Files.writeString(script, export.body());

        JsonNode status = Http.json(v.get("/api/runs/" + id));
        JsonNode cfg = status.get("config");
        int layers = cfg.get("layers").size() - 1;
        int inputs = cfg.get("layers").get(0).asInt(),
                outputs = cfg.get("layers").get(layers).asInt();
        boolean probabilities = cfg.get("loss").asText().equals("cross-entropy")
                || cfg.get("output").asText().equals("softmax");
        // probabilities (not summing to 1, to test the general formula) for cross-entropy and softmax, else any numbers
        double[] x = new double[inputs], t = new double[outputs];
        double[] xs = {0.25, -0.75, 0.5}, ts = probabilities ? new double[] {0.2, 0.7, 0} : new double[] {1.5, -0.5};
        for (int i = 0; i < inputs; i++) x[i] = xs[i % xs.length];
        for (int i = 0; i < outputs; i++) t[i] = outputs == 1 ? 0.3 : ts[i % ts.length];
        String sample = "{\"x\": " + Http.JSON.writeValueAsString(x) + ", \"t\": " + Http.JSON.writeValueAsString(t)
                + ", \"lr\": 0.1}";
        Process p = new ProcessBuilder("python3", script.toString(), sample)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        JsonNode fromPython = Http.JSON.readTree(out);

        StringBuilder acts = new StringBuilder("[");
        for (int l = 0; l < layers; l++) {
            acts.append(l == 0 ? "" : ",")
                    .append('"')
                    .append(
                            l == layers - 1
                                    ? cfg.get("output").asText()
                                    : cfg.get("activation").asText())
                    .append('"');
        }
        acts.append(']');
        String step = "{\"layers\":" + cfg.get("layers") + ",\"activations\":" + acts + ",\"loss\":" + cfg.get("loss")
                + ",\"weights\":" + status.get("weights")
                + (cfg.get("bias").asBoolean() ? ",\"biases\":" + status.get("biases") : "")
                + ",\"x\":" + Http.JSON.writeValueAsString(x) + ",\"t\":" + Http.JSON.writeValueAsString(t)
                + ",\"lr\":0.1}";
        var api = v.post("/api/step", step);
        assertEquals(200, api.statusCode(), api.body());
        JsonNode fromApi = Http.json(api);
        assertClose(fromApi, fromPython, "");
        Files.deleteIfExists(script);
        return export.body();
    }

    static void assertClose(JsonNode expected, JsonNode actual, String path) {
        if (expected.isNumber()) {
            double e = expected.asDouble(), a = actual.asDouble();
            assertTrue(Math.abs(e - a) <= 1e-12 * Math.max(1, Math.abs(e)), path + ": " + e + " vs " + a);
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path);
            for (int i = 0; i < expected.size(); i++) assertClose(expected.get(i), actual.get(i), path + "[" + i + "]");
        } else if (expected.isObject()) {
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                assertTrue(actual.has(k), path + "." + k);
                assertClose(expected.get(k), actual.get(k), path + "." + k);
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }
}
