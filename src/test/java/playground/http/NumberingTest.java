package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import playground.training.Config;
import playground.training.Training;

/**
 * One way to number the moments of a run (README, "Moments"): E epochs and S samples of the next done. A link's
 * {@code at=E:S}, the header, Copy link's moment, the panel of the sample, the timeline, the numpy export and the API's
 * {@code epoch} and {@code sample} all read the same numbers, over real HTTP.
 */
class NumberingTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    Http visitor() {
        return new Http(server.port());
    }

    /** Every place that names the run's moment names E:S, with n samples an epoch. */
    static void assertMomentEverywhere(Http v, String id, int e, int s, int n) throws Exception {
        String status = v.get("/runs/" + id + "/fragments/status").body();
        assertTrue(status.contains("id=\"epoch\">" + e + "<"), "the header's epoch " + e + ": " + status);
        assertTrue(status.contains("id=\"sample\">" + s + "<"), "the header's sample " + s + ": " + status);
        assertTrue(status.contains("data-at=\"" + e + ":" + s + "\""), "Copy link's moment: " + status);
        JsonNode api = Http.json(v.get("/api/runs/" + id));
        assertEquals(e, api.get("epoch").asInt(), "the API's epoch");
        assertEquals(s, api.get("sample").asInt(), "the API's sample");
        assertEquals(n, api.get("samples").asInt());
        String numpy = v.get("/api/runs/" + id + "/export?format=numpy").body();
        assertTrue(
                numpy.contains("Exported at epoch " + e + ", sample " + s + "/" + n + " (at=" + e + ":" + s + ")"),
                "the numpy export: " + numpy.substring(0, Math.min(400, numpy.length())));
    }

    static String runId(String html) {
        return html.replaceAll("(?s).*data-run=\"([^\"]+)\".*", "$1");
    }

    @Test
    void aLinkOpensTheMomentItNamesAndTheHeaderNamesItTheSame() throws Exception {
        // a worksheet's "open epoch 50": 50 epochs done, as the header, the chart's x axis and the progress say
        Http v = visitor();
        String html = v.get("/?dataset=notebook-example&epochs=100&at=50:0").body();
        String id = runId(html);
        assertMomentEverywhere(v, id, 50, 0, 1);
        assertTrue(html.contains("Epoch 50, sample 0/1: the sample just trained"), "the panel");
        assertTrue(html.contains("<output id=\"timeline-at\" for=\"timeline-slider\">epoch 50, sample 0/1<"));
        assertTrue(html.contains("value=\"500\""), "the progress bar: half way");

        for (String at : new String[] {"1:37", "2:0", "0:5"}) {
            Http w = visitor();
            String config = "/?layers=2,4,2&epochs=3&seed=5&batch=4";
            String page = w.get(config + "&at=" + at).body();
            String wid = runId(page);
            int e = Integer.parseInt(at.split(":")[0]), s = Integer.parseInt(at.split(":")[1]);
            JsonNode api = Http.json(w.get("/api/runs/" + wid));
            int n = api.get("samples").asInt();
            assertMomentEverywhere(w, wid, e, s, n);
            assertTrue(page.contains("Epoch " + e + ", sample " + s + "/" + n + ": the sample just trained"), at);
            // and the numbers are those of training E·n + S samples from the start
            Training t =
                    new Training(Config.parse(Map.of("layers", "2,4,2", "epochs", "3", "seed", "5", "batch", "4")));
            t.seek((long) e * n + s);
            assertEquals(Http.JSON.valueToTree(t.weightsList()), api.get("weights"), at);
        }
    }

    @Test
    void steppingCountsAsTheHeaderSaysAndTheEndIsNColonZero() throws Exception {
        Http v = visitor();
        String id = runId(v.get("/?dataset=notebook-example&epochs=3").body());
        assertMomentEverywhere(v, id, 0, 0, 1);
        v.post("/runs/" + id + "/step", "");
        assertMomentEverywhere(v, id, 1, 0, 1);
        assertTrue(v.get("/runs/" + id + "/fragments/state").body().contains("Epoch 1, sample 0/1: the sample just"));
        v.post("/runs/" + id + "/step", "");
        v.post("/runs/" + id + "/step", "");
        assertEquals("done", Http.json(v.get("/api/runs/" + id)).get("state").asText());
        assertMomentEverywhere(v, id, 3, 0, 1);

        Http w = visitor();
        String wid = runId(w.get("/?layers=2,4,2&epochs=3&seed=5").body());
        for (int i = 0; i < 3; i++) w.post("/runs/" + wid + "/step", "");
        int n = Http.json(w.get("/api/runs/" + wid)).get("samples").asInt();
        assertMomentEverywhere(w, wid, 0, 3, n);
        assertTrue(w.get("/runs/" + wid + "/fragments/state").body().contains("Epoch 0, sample 3/" + n));
    }

    @Test
    void phasesShowTheNextSampleAtTheMomentTheHeaderShows() throws Exception {
        Http v = visitor();
        String id = runId(v.get("/?dataset=notebook-example&epochs=5").body());
        v.post("/runs/" + id + "/step", "");
        v.post("/runs/" + id + "/step", "");
        v.post("/runs/" + id + "/phase", "");
        v.post("/runs/" + id + "/phase", "");
        assertMomentEverywhere(v, id, 2, 0, 1);
        String state = v.get("/runs/" + id + "/fragments/state").body();
        assertTrue(state.contains("Epoch 2, sample 0/1 · the next sample, phase 2 of 6"), state);
        // the timeline: its right end is the last sample trained, whole; its phases before the update are the moment
        // before it
        int phases = playground.training.Moment.phases(2);
        String last = v.get("/runs/" + id + "/moment?at=" + (2 * phases - 1)).body();
        assertTrue(last.contains(">epoch 2, sample 0/1</output>"), last);
        String before = v.get("/runs/" + id + "/moment?at=" + (2 * phases - 2)).body();
        assertTrue(before.contains(">epoch 1, sample 0/1</output>"), before);
    }

    @Test
    void aMomentTheRunDoesNotHaveIsSaidNotRounded() throws Exception {
        Http v = visitor();
        String html = v.get("/?layers=2,4,2&epochs=3&seed=5&at=0:99999").body();
        int n = Http.json(v.get("/api/runs/" + runId(html))).get("samples").asInt();
        assertTrue(
                html.contains("at=0:99999: an epoch has " + n + " samples, so S goes from 0 to " + (n - 1)),
                html.replaceAll("(?s).*(<p class=\"err banner\">[^<]*).*", "$1"));
        assertMomentEverywhere(v, runId(html), 0, 0, n);
        String past =
                visitor().get("/?dataset=notebook-example&epochs=3&at=4:0").body();
        assertTrue(past.contains("at=4:0 is past the end of this run of 3 epochs (at=3:0)"), "past the end");
        assertFalse(past.contains("id=\"epoch\">4<"));
    }

    @Test
    void aLinkToAMomentOpensItBesideTheSessionsOwnRun() throws Exception {
        // a learner who already plays with this configuration opens a worksheet's link: the link's moment, not
        // theirs, in a run of its own (opening a link changes no run the visitor has)
        Http v = visitor();
        String config = "/?dataset=notebook-example&epochs=20";
        String id = runId(v.get(config).body());
        for (int i = 0; i < 7; i++) v.post("/runs/" + id + "/step", "");
        String linked = runId(v.get(config + "&at=4:0").body());
        assertNotEquals(id, linked, "a run of its own");
        assertMomentEverywhere(v, linked, 4, 0, 1);
        assertMomentEverywhere(v, id, 7, 0, 1);
        // the same link again is the same run, already there
        assertEquals(linked, runId(v.get(config + "&at=4:0").body()));
        // without at=, a reload reattaches to the run last used, as it is
        v.post("/runs/" + linked + "/step", "");
        assertEquals(linked, runId(v.get(config).body()));
        assertMomentEverywhere(v, linked, 5, 0, 1);
    }

    /**
     * Rewound on the timeline, the pictures are those of the moment too: after a sample's update, the diagram and the
     * output heatmap are what a link to that moment shows (a run replayed on its own); before it, what the moment
     * before shows.
     */
    @Test
    void aRewoundMomentsPicturesAreThoseOfALinkToIt() throws Exception {
        Http v = visitor();
        String config = "/?dataset=xor&seed=5&batch=1&epochs=3";
        String id = runId(v.get(config).body());
        for (int i = 0; i < 4; i++) v.post("/runs/" + id + "/step", "");
        int phases = playground.training.Moment.phases(3); // xor's default net, 2-4-2-1
        // the second sample logged, after its update (its last phase): the run at 0:2
        String after = v.get("/runs/" + id + "/moment?at=" + (2 * phases - 1)).body();
        String linked = visitor().get(config + "&at=0:2").body();
        assertEquals(heatmap(linked), heatmap(after), "the output heatmap of 0:2");
        assertEquals(neurons(linked), neurons(after), "the neurons' pictures in the diagram, at 0:2");
        // the same sample before its update (its first phase): the run at 0:1
        String before = v.get("/runs/" + id + "/moment?at=" + phases).body();
        assertEquals(heatmap(visitor().get(config + "&at=0:1").body()), heatmap(before), "the output heatmap of 0:1");
        assertNotEquals(heatmap(after), heatmap(before), "the update changed the picture");
        // and now: the page of the run shows the pictures of 0:4
        assertEquals(
                heatmap(visitor().get(config + "&at=0:4").body()),
                heatmap(v.get(config).body()));
    }

    private static String heatmap(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("class=\"hm-img\" src=\"([^\"]+)\"")
                .matcher(html);
        assertTrue(m.find(), "an output heatmap in " + html.substring(0, Math.min(300, html.length())));
        return m.group(1);
    }

    private static List<String> neurons(String html) {
        List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<image [^>]*href=\"(data:[^\"]+)\"")
                .matcher(html);
        while (m.find()) out.add(m.group(1));
        assertFalse(out.isEmpty(), "the neurons' pictures");
        return out;
    }
}
