package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import playground.data.DatasetKind;

/**
 * "Start from your own weights" over real HTTP, as the page's form sends it (its hidden fields read from the page):
 * export, import and export again give the same weights on every dataset, the learner's own data included; weights
 * that do not fit are said beside the field, and the network stays.
 */
class ImportWeightsTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    Http visitor() {
        return new Http(server.port());
    }

    /** The URL the page's import form sends with these weights: its own fields, as the browser would. */
    static String importUrl(String html, String weights) {
        Matcher form = Pattern.compile("(?s)<form action=\"/\" method=\"get\" id=\"import-form\">(.*?)</form>")
                .matcher(html);
        assertTrue(form.find(), "the import form");
        Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
                .matcher(form.group(1));
        List<String> pairs = new ArrayList<>();
        while (input.find()) {
            String value = unescape(input.group(2));
            pairs.add(input.group(1) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        pairs.add("weights=" + URLEncoder.encode(weights, StandardCharsets.UTF_8));
        return "/?" + String.join("&", pairs);
    }

    static String unescape(String s) {
        return s.replace("&#34;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    static String runId(String html) {
        return html.replaceAll("(?s).*data-run=\"([^\"]+)\".*", "$1");
    }

    void roundTrip(Http v, String page) throws Exception {
        String html = v.get(page).body();
        String id = runId(html);
        for (int i = 0; i < 3; i++) v.post("/runs/" + id + "/step", "");
        String exported = v.get("/api/runs/" + id + "/weights").body();
        // what the weights button gives, pasted whole
        var imported = v.get(importUrl(html, exported));
        assertEquals(200, imported.statusCode(), page + ": " + errors(imported.body()));
        assertFalse(imported.body().contains("class=\"err"), page + ": " + errors(imported.body()));
        assertTrue(imported.body().contains("This run starts from weights given in its link"), page);
        String newId = runId(imported.body());
        assertNotEquals(id, newId, "a new run, from those weights");
        JsonNode before = Http.json(v.get("/api/runs/" + id + "/weights"));
        JsonNode after = Http.json(v.get("/api/runs/" + newId + "/weights"));
        assertEquals(before.get("weights"), after.get("weights"), page);
        assertEquals(before.get("biases"), after.get("biases"), page);
        // and again, from the new run's page
        String again = v.get(importUrl(imported.body(), after.toString())).body();
        assertEquals(
                after.get("weights"),
                Http.json(v.get("/api/runs/" + runId(again) + "/weights")).get("weights"));
    }

    static String errors(String html) {
        Matcher m = Pattern.compile("class=\"err[^>]*>([^<]*)").matcher(html);
        StringBuilder sb = new StringBuilder();
        while (m.find()) sb.append(m.group(1)).append(" | ");
        return sb.toString();
    }

    @Test
    void exportImportAndExportAgainGiveTheSameWeightsOnEveryDataset() throws Exception {
        for (DatasetKind k : DatasetKind.values()) roundTrip(visitor(), "/?dataset=" + k.id());
        Http v = visitor();
        String name = Http.json(UploadTest.csv(v, "?inputs=x1,x2&targets=y", UploadTest.GOOD))
                .get("dataset")
                .asText();
        roundTrip(v, "/?dataset=" + name);
    }

    @Test
    void weightsThatDoNotFitAreSaidBesideTheFieldAndTheNetworkStays() throws Exception {
        Http v = visitor();
        String html = v.get("/?dataset=exp-sin&layers=2,3,2").body();
        var r = v.get(importUrl(html, "{\"weights\": [[[1, 2]]], \"biases\": [[0]]}"));
        assertEquals(200, r.statusCode(), "a working page");
        String body = r.body();
        assertTrue(body.contains("<details class=\"import\" id=\"import\" open>"), "the import stays open");
        assertTrue(body.contains("aria-invalid=\"true\" aria-describedby=\"e-weights\""), "the field is marked");
        assertTrue(
                body.contains(
                        "id=\"e-weights\">These weights do not fit this network: needs one matrix per weight layer (2) for layers 2,3,2"),
                body);
        assertTrue(body.contains("sse-connect=\"/runs/"), "the network stays");
        assertFalse(body.contains("Fix the highlighted fields"));
        // another network's export names both shapes
        String other = v.get("/api/runs/"
                        + runId(v.get("/?dataset=exp-sin&layers=2,5,2").body()) + "/weights")
                .body();
        String said = errors(v.get(importUrl(html, other)).body());
        assertTrue(said.contains("they are for layers 2,5,2, and this network has layers 2,3,2"), said);
    }
}
