package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} against a real server: the answer parses as Prometheus' text format (by the small parser below,
 * which knows the format, not our code), names the metrics the README lists with their types, and its numbers move
 * when a run trains and a page streams it.
 */
class MetricsTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void theTextFormatParsesAndTheNumbersMoveWhenARunTrains() throws Exception {
        Http v = new Http(server.port());
        System.gc(); // the server is in this JVM: GC pauses are timed once one has happened
        Exposition before = scrape(v);
        for (String[] expected : new String[][] {
            {"playground_sessions", "gauge"},
            {"playground_runs", "gauge"},
            {"playground_runs_estimated_bytes", "gauge"},
            {"playground_streams", "gauge"},
            {"playground_stream_frames_total", "counter"},
            {"playground_stream_sent_bytes_total", "counter"},
            {"playground_trainer_queue", "gauge"},
            {"playground_trainer_samples_total", "counter"},
            {"playground_trainer_samples_per_second", "gauge"},
            {"jvm_memory_used_bytes", "gauge"},
            {"jvm_memory_max_bytes", "gauge"},
            {"jvm_gc_memory_allocated_bytes_total", "counter"},
            {"jvm_gc_pause_seconds", "summary"},
            {"jvm_threads_live_threads", "gauge"},
        }) {
            assertEquals(expected[1], before.types.get(expected[0]), "the type of " + expected[0]);
        }
        for (String state : List.of("idle", "running", "paused", "done", "diverged")) {
            assertNotNull(before.value("playground_runs", "state", state), "playground_runs{state=" + state + "}");
        }
        assertEquals(200, v.get("/health").statusCode());

        HttpResponse<String> created = v.post("/api/runs", LoadTest.LONG_RUN);
        assertEquals(201, created.statusCode(), created.body());
        String id = Http.json(created).get("id").asText();
        assertEquals(200, v.post("/api/runs/" + id + "/start", "").statusCode());
        try (LoadTest.Sse stream = LoadTest.Sse.open(v, "/runs/" + id + "/stream", "status")) {
            assertEquals(200, stream.status);
            LoadTest.await(() -> stream.frames.get() >= 5, 20, "frames on the stream");
            Exposition during = scrape(v);
            System.out.println("METRICS while training: running=" + during.value("playground_runs", "state", "running")
                    + " streams=" + during.value("playground_streams")
                    + " frames=" + during.value("playground_stream_frames_total")
                    + " bytes=" + during.value("playground_stream_sent_bytes_total")
                    + " samples=" + during.value("playground_trainer_samples_total")
                    + " samples/s=" + during.value("playground_trainer_samples_per_second"));
            assertTrue(during.value("playground_runs", "state", "running") >= 1, "a run is running");
            assertTrue(during.value("playground_streams") >= 1, "a stream is open");
            assertTrue(
                    during.value("playground_runs_estimated_bytes") > before.value("playground_runs_estimated_bytes"),
                    "the new run's memory is counted");
            assertTrue(during.value("playground_sessions") >= 1, "a session holds a run");
            // at least the frames this client read: the server counted them as it sent them
            assertTrue(
                    during.value("playground_stream_frames_total")
                            >= before.value("playground_stream_frames_total") + 5,
                    "frames counted: " + during.value("playground_stream_frames_total"));
            assertTrue(
                    during.value("playground_stream_sent_bytes_total")
                            > before.value("playground_stream_sent_bytes_total") + 1000,
                    "bytes counted");
            assertTrue(
                    during.value("playground_trainer_samples_total") > before.value("playground_trainer_samples_total"),
                    "samples trained counted");
            assertTrue(during.value("playground_trainer_samples_per_second") > 0, "samples a second while running");
            assertEquals("histogram", during.types.get("http_server_requests_seconds"), "request latency");
            double created1 = during.value("http_server_requests_seconds_count", "route", "/api/runs");
            assertTrue(created1 >= 1, "the POST /api/runs was timed");
            assertHistogramConsistent(during, "http_server_requests_seconds");
        }
        assertEquals(200, v.post("/api/runs/" + id + "/pause", "").statusCode());
        Exposition after = scrape(v);
        assertEquals(0.0, after.value("playground_runs", "state", "running"), "paused: none running");
        assertTrue(after.value("playground_runs", "state", "paused") >= 1, "the run is counted as paused");
        assertTrue(after.value("jvm_memory_used_bytes", "area", "heap") > 0, "heap in use");
    }

    @Test
    void healthNamesTheInstanceThatAnswered() throws Exception {
        JsonNode h = Http.json(new Http(server.port()).get("/health"));
        String named = System.getenv("INSTANCE") != null ? System.getenv("INSTANCE") : System.getenv("DYNO");
        String instance = h.get("instance").asText();
        if (named != null && !named.isBlank()) assertEquals(named.trim(), instance);
        else assertTrue(instance.endsWith(":" + server.port()), "host:port of the instance: " + instance);
    }

    /** Each series' buckets grow with {@code le}, and its +Inf bucket equals its count. */
    private static void assertHistogramConsistent(Exposition e, String family) {
        Map<String, List<double[]>> bySeries = new LinkedHashMap<>();
        Map<String, Double> counts = new LinkedHashMap<>();
        for (Sample s : e.samples) {
            if (s.name.equals(family + "_bucket")) {
                Map<String, String> rest = new LinkedHashMap<>(s.labels);
                String le = rest.remove("le");
                assertNotNull(le, "a bucket without le: " + s);
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                bySeries.computeIfAbsent(rest.toString(), k -> new ArrayList<>())
                        .add(new double[] {bound, s.value});
            } else if (s.name.equals(family + "_count")) {
                counts.put(s.labels.toString(), s.value);
            }
        }
        assertFalse(bySeries.isEmpty(), "no buckets for " + family);
        for (var entry : bySeries.entrySet()) {
            List<double[]> buckets = entry.getValue();
            buckets.sort((a, b) -> Double.compare(a[0], b[0]));
            assertTrue(buckets.size() >= 5, "a few buckets per series: " + entry.getKey());
            for (int i = 1; i < buckets.size(); i++) {
                assertTrue(buckets.get(i)[1] >= buckets.get(i - 1)[1], "cumulative buckets in " + entry.getKey());
            }
            double[] last = buckets.get(buckets.size() - 1);
            assertEquals(Double.POSITIVE_INFINITY, last[0], "a +Inf bucket in " + entry.getKey());
            assertEquals(counts.get(entry.getKey()), last[1], "+Inf equals _count in " + entry.getKey());
        }
    }

    static Exposition scrape(Http v) throws Exception {
        HttpResponse<String> r = v.get("/metrics");
        assertEquals(200, r.statusCode());
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("text/plain"), "Prometheus' text format is text/plain: " + type);
        return Exposition.parse(r.body());
    }

    record Sample(String name, Map<String, String> labels, double value) {}

    /** Prometheus' text exposition format (0.0.4): # HELP / # TYPE lines, then {@code name{k="v",...} value}. */
    static final class Exposition {
        private static final Pattern SAMPLE =
                Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+-?\\d+)?");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
        private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

        final Map<String, String> types = new LinkedHashMap<>();
        final List<Sample> samples = new ArrayList<>();

        static Exposition parse(String text) {
            Exposition e = new Exposition();
            int n = 0;
            for (String line : text.split("\n")) {
                n++;
                if (line.isBlank()) continue;
                if (line.startsWith("# TYPE ")) {
                    String[] p = line.substring(7).trim().split(" ");
                    assertEquals(2, p.length, "line " + n + ": " + line);
                    assertTrue(TYPES.contains(p[1]), "line " + n + ": unknown type " + p[1]);
                    assertTrue(e.types.put(p[0], p[1]) == null, "line " + n + ": a second TYPE for " + p[0]);
                    continue;
                }
                if (line.startsWith("#")) continue; // HELP and comments
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) fail("line " + n + " is not a sample: " + line);
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    int at = 0;
                    while (l.find() && l.start() == at) {
                        labels.put(l.group(1), l.group(2));
                        at = l.end();
                    }
                    assertEquals(m.group(3).length(), at, "line " + n + ": bad labels: " + line);
                }
                String name = m.group(1);
                assertNotNull(e.family(name), "line " + n + ": a sample before its TYPE: " + line);
                e.samples.add(new Sample(name, labels, number(m.group(4))));
            }
            return e;
        }

        /** The family (the TYPE line's name) a sample belongs to: itself, or without _total/_bucket/_count/_sum. */
        String family(String sample) {
            if (types.containsKey(sample)) return sample;
            for (String suffix : List.of("_total", "_bucket", "_count", "_sum", "_created", "_max")) {
                if (sample.endsWith(suffix)) {
                    String base = sample.substring(0, sample.length() - suffix.length());
                    if (types.containsKey(base)) return base;
                }
            }
            return null;
        }

        private static double number(String s) {
            return switch (s) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(s);
            };
        }

        /** The value of the one sample with this name (and this label, if given); null if none. */
        Double value(String name, String... label) {
            Double found = null;
            for (Sample s : samples) {
                if (!s.name.equals(name)) continue;
                if (label.length == 2 && !label[1].equals(s.labels.get(label[0]))) continue;
                found = found == null ? s.value : found + s.value; // sums over the other labels
            }
            return found;
        }
    }
}
