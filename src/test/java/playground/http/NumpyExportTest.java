package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exported numpy script runs, and agrees with POST /api/step to 1e-12. Skipped without python3 and numpy. */
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
                "{\"layers\":[2,6,2],\"activation\":\"relu\",\"bias\":false}"
            })
    void theScriptDoesTheSameStepAsTheApi(String config) throws Exception {
        Http v = new Http(server.port());
        String id = Http.json(v.post("/api/runs", config)).get("id").asText();
        for (int i = 0; i < 5; i++) v.post("/api/runs/" + id + "/step", "");
        var export = v.get("/api/runs/" + id + "/export?format=numpy");
        assertEquals(200, export.statusCode());
        assertEquals(400, v.get("/api/runs/" + id + "/export?format=matlab").statusCode());
        Path script = Files.createTempFile("backprop", ".py");
        Files.writeString(script, export.body());

        JsonNode status = Http.json(v.get("/api/runs/" + id));
        String sample = "{\"x\": [0.25, -0.75], \"t\": [1.5, -0.5], \"lr\": 0.1}";
        Process p = new ProcessBuilder("python3", script.toString(), sample)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        JsonNode fromPython = Http.JSON.readTree(out);

        JsonNode cfg = status.get("config");
        StringBuilder acts = new StringBuilder("[");
        int layers = cfg.get("layers").size() - 1;
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
        String step = "{\"layers\":" + cfg.get("layers") + ",\"activations\":" + acts + ",\"weights\":"
                + status.get("weights") + (cfg.get("bias").asBoolean() ? ",\"biases\":" + status.get("biases") : "")
                + ",\"x\":[0.25,-0.75],\"t\":[1.5,-0.5],\"lr\":0.1}";
        JsonNode fromApi = Http.json(v.post("/api/step", step));
        assertClose(fromApi, fromPython, "");
        Files.deleteIfExists(script);
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
