package playground.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import playground.training.Config;
import playground.training.ConfigException;

/**
 * Throws thousands of random, hostile inputs at the parser and at every HTTP endpoint: every answer must be a 2xx,
 * or a 4xx with a message, never a 500 or a stack trace.
 */
class FuzzTest {
    static final String[] VALUES = {
        "",
        " ",
        "0",
        "-0",
        "1",
        "-1",
        "3",
        "2,3,2",
        "2,,2",
        ",",
        "2,3",
        "2,256,2",
        "2,257,2",
        "2,0,2",
        "1,1,1,1,1,1,1,1,1,1,1",
        "0.05",
        "1e-300",
        "1e309",
        "-1e309",
        "NaN",
        "Infinity",
        "-Infinity",
        "0x10",
        "1d",
        "99999999999999999999",
        "-9223372036854775808",
        "9223372036854775807",
        "0.5",
        "10",
        "10.0000001",
        "true",
        "false",
        "on",
        "maybe",
        "sigmoid",
        "tanh",
        "relu",
        "linear",
        "softmax",
        "xavier",
        "uniform",
        "exp-sin",
        "notebook-example",
        "max",
        "50",
        "51",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=1>",
        "%00",
        "\u0000",
        "é€😀",
        "../../etc/passwd",
        "${jndi:ldap://x}",
        "{{7*7}}",
        "'; DROP TABLE runs; --"
    };
    static final List<String> NAMES = new ArrayList<>(Config.NAMES);

    static {
        NAMES.add("speed");
        NAMES.add("bogus");
        NAMES.add("");
        NAMES.add("<b>");
    }

    @RegisterExtension
    static final LiveServer server = new LiveServer();

    static String value(Random r) {
        int k = r.nextInt(10);
        if (k == 0) return "x".repeat(1 + r.nextInt(5000));
        if (k == 1) return String.valueOf(r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10));
        if (k == 2) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 1 + r.nextInt(12); i++) sb.append((char) r.nextInt(0x3000));
            return sb.toString();
        }
        return VALUES[r.nextInt(VALUES.length)];
    }

    static Map<String, String> params(Random r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < r.nextInt(8); i++) m.put(NAMES.get(r.nextInt(NAMES.size())), value(r));
        return m;
    }

    @Test
    void theParserAnswersEveryInputWithAConfigOrAMessage() {
        Random r = new Random(1);
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            Map<String, String> p = params(r);
            p.remove("speed");
            try {
                Config c = Config.parse(p);
                assertTrue(c.epochs() >= 1 && c.lr() > 0);
                valid++;
            } catch (ConfigException e) {
                assertFalse(e.getMessage().isBlank());
                assertFalse(e.field().isBlank() && !p.containsKey(""), "the field is named: " + p);
            }
        }
        assertTrue(valid > 100, "some random inputs are valid: " + valid);
    }

    @Test
    void everyEndpointAnswersEveryInputWithoutA500() throws Exception {
        Random r = new Random(2);
        Http v = new Http(server.port());
        String runId =
                Http.json(v.post("/api/runs", "{\"epochs\":1}")).get("id").asText();
        int requests = 0;
        for (int i = 0; i < 600; i++) {
            // GET / with a random query, repeated parameters included
            StringBuilder q = new StringBuilder("/?");
            for (Map.Entry<String, String> e : params(r).entrySet()) {
                for (int k = 0; k < (r.nextInt(6) == 0 ? 2 : 1); k++) {
                    q.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                            .append('=')
                            .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                            .append('&');
                }
            }
            check(retry(() -> v.get(q.toString())), q.toString());
            // POST /api/runs with random JSON
            String body = randomJson(r);
            check(retry(() -> v.post("/api/runs", body)), "api/runs " + body);
            // POST /api/step with random JSON
            String step = randomStep(r);
            check(retry(() -> v.post("/api/step", step)), "api/step " + step);
            // random actions and paths
            String action = r.nextBoolean()
                    ? value(r)
                    : List.of("start", "pause", "step", "reset").get(r.nextInt(4));
            String id = r.nextBoolean() ? runId : value(r);
            String path = "/api/runs/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/"
                    + URLEncoder.encode(action, StandardCharsets.UTF_8);
            check(retry(() -> v.post(path, "")), path);
            requests += 4;
        }
        v.post("/api/runs/" + runId + "/pause", "");
        assertTrue(requests >= 2400);
    }

    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /**
     * Jetty answers a URL longer than it takes with 414 and then closes the connection, which the client may already
     * be reusing for the next request: that request is sent again once.
     */
    static HttpResponse<String> retry(Call call) throws Exception {
        try {
            return call.send();
        } catch (java.io.IOException closed) {
            return call.send();
        }
    }

    static void check(HttpResponse<String> r, String full) {
        String what = full.length() > 200 ? full.substring(0, 200) + "…" : full;
        int code = r.statusCode();
        assertTrue(code / 100 == 2 || code / 100 == 4, code + " for " + what + ": " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace: " + what);
        if (code / 100 == 4) {
            // our JSON error, our form error, or (for a URL longer than Jetty takes) Jetty's "Error 414" page
            assertTrue(
                    r.body().contains("\"error\"")
                            || r.body().contains("class=\"err")
                            || r.body().contains("<title>Error 4"),
                    "a message: " + what + " -> " + r.body());
        }
    }

    static String randomJson(Random r) {
        if (r.nextInt(8) == 0) return value(r);
        StringBuilder sb = new StringBuilder("{");
        Map<String, String> p = params(r);
        int k = 0;
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (k++ > 0) sb.append(',');
            sb.append(Http.quote(e.getKey())).append(':').append(jsonValue(r, e.getValue()));
        }
        return sb.append(r.nextInt(10) == 0 ? "" : "}").toString();
    }

    static String jsonValue(Random r, String v) {
        return switch (r.nextInt(7)) {
            case 0 -> "[" + r.nextInt(300) + "," + (r.nextInt(5) - 1) + "," + r.nextInt(3) + "]";
            case 1 -> String.valueOf(r.nextBoolean());
            case 2 -> "null";
            case 3 -> "{\"a\":1}";
            case 4 -> String.valueOf(r.nextGaussian() * 1e6);
            case 5 -> "1e999";
            default -> Http.quote(v);
        };
    }

    static String randomStep(Random r) {
        String[] parts = {
            "\"layers\":[2,3,2]",
            "\"layers\":[2,-3,2]",
            "\"layers\":\"2,3,2\"",
            "\"activations\":[\"sigmoid\",\"linear\"]",
            "\"activations\":[\"x\"]",
            "\"weights\":[[[1,2],[3,4],[5,6]],[[1,2,3],[4,5,6]]]",
            "\"weights\":[[[1]]]",
            "\"weights\":[null,null]",
            "\"biases\":[[0,0,0],[0,0]]",
            "\"biases\":[[1]]",
            "\"x\":[1,3]",
            "\"x\":[1e308,1e308]",
            "\"t\":[4,1]",
            "\"t\":[\"a\",1]",
            "\"lr\":0.1",
            "\"lr\":-1",
            "\"lr\":1e309",
            "\"lr\":null"
        };
        List<String> chosen = new ArrayList<>();
        for (String p : parts) if (r.nextInt(3) > 0) chosen.add(p);
        return "{" + String.join(",", chosen) + "}";
    }
}
