package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import playground.training.Action;
import playground.view.Fragment;

/**
 * The page's live parts and its controls come from one list each ({@link Fragment}, {@link Action}): the page has an
 * element for every fragment and no other swapped by the stream, each can be asked for alone, and every action has
 * its route on the page and in the API (in no order that matters: an action is its own path, not a parameter).
 */
class RegistryTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    @Test
    void thePageSwapsExactlyTheRegisteredFragmentsAndEachCanBeAskedForAlone() throws Exception {
        Http v = new Http(server.port());
        String html = v.get("/?dataset=xor").body();
        String id = html.replaceAll("(?s).*data-run=\"([^\"]+)\".*", "$1");
        List<String> swapped = new ArrayList<>();
        Matcher m = Pattern.compile("<[a-z]+ [^>]*sse-swap=\"([^\"]+)\"[^>]*>").matcher(html);
        while (m.find()) {
            swapped.add(m.group(1));
            assertTrue(m.group().contains("id=\"" + m.group(1) + "\""), "its element's id is its name: " + m.group());
        }
        List<String> registered =
                java.util.Arrays.stream(Fragment.values()).map(Fragment::id).toList();
        List<String> ofThePage = java.util.Arrays.stream(Fragment.values())
                .filter(f -> !f.compare())
                .map(Fragment::id)
                .toList();
        assertEquals(
                ofThePage.stream().sorted().toList(), swapped.stream().sorted().toList());
        for (Fragment f : Fragment.values()) {
            assertTrue(Files.isRegularFile(Path.of("web/templates", f.template())), f.template());
            var r = v.get("/runs/" + id + "/fragments/" + f.id());
            assertEquals(200, r.statusCode(), f + ": " + r.body());
        }
        assertEquals(404, v.get("/runs/" + id + "/fragments/nothing").statusCode());
        // what the page asks for on demand (the gradient check's button, ...) has a route of its own, and answers
        // (an input sends its own value with it, as the timeline its position: tested with that value elsewhere)
        Matcher asks = Pattern.compile("<[a-z]+ [^>]*hx-get=\"([^\"]+)\"[^>]*>").matcher(html);
        int onDemand = 0;
        while (asks.find()) {
            if (asks.group().startsWith("<input")) continue;
            onDemand++;
            String url = asks.group(1).replace("&amp;", "&");
            var r = v.get(url);
            assertEquals(200, r.statusCode(), url + ": " + r.body());
        }
        assertTrue(onDemand >= 1, "the page asks for something on demand (the gradient check)");
        // the embedded view swaps some of them, by the same names
        String embed = v.get("/embed?dataset=xor").body();
        Matcher e = Pattern.compile("<[a-z]+ [^>]*sse-swap=\"([^\"]+)\"[^>]*>").matcher(embed);
        int parts = 0;
        for (; e.find(); parts++) {
            assertTrue(registered.contains(e.group(1)), e.group(1) + " is registered");
            assertTrue(e.group().contains("id=\"" + e.group(1) + "\""), e.group());
        }
        assertTrue(parts >= 5, "the embed's live parts: " + parts);
        // the compare page swaps its own fragments (by their names, as their elements' ids) and each run's pictures
        String compare = v.get("/compare?a=" + java.net.URLEncoder.encode("dataset=xor", "UTF-8"))
                .body();
        Matcher c = Pattern.compile("<[a-z]+ [^>]*sse-swap=\"([^\"]+)\"[^>]*>").matcher(compare);
        List<String> swappedThere = new ArrayList<>();
        while (c.find()) {
            assertTrue(registered.contains(c.group(1)), c.group(1) + " is registered");
            Fragment f = Fragment.named(c.group(1)).orElseThrow();
            if (f.compare()) assertTrue(c.group().contains("id=\"" + f.id() + "\""), c.group());
            swappedThere.add(c.group(1));
        }
        for (Fragment f : Fragment.values()) {
            if (f.compare()) assertTrue(swappedThere.contains(f.id()), f + " is on the compare page");
        }
        assertEquals(
                List.of("diagram", "diagram", "heatmap", "heatmap"),
                swappedThere.stream()
                        .filter(n -> !Fragment.named(n).orElseThrow().compare())
                        .sorted()
                        .toList(),
                "each run's pictures");
    }

    @Test
    void everyActionHasItsRouteOnThePageAndInTheApi() throws Exception {
        Http v = new Http(server.port());
        String id = v.newRun("{\"dataset\":\"xor\",\"epochs\":2}");
        for (Action a : Action.values()) {
            var api = v.post("/api/runs/" + id + "/" + a.id(), "");
            assertEquals(200, api.statusCode(), a + ": " + api.body());
            assertEquals(204, v.post("/runs/" + id + "/" + a.id(), "").statusCode(), a.id());
        }
        // the page's other posts are paths of their own too, whatever order they were registered in
        assertEquals(404, v.post("/api/runs/" + id + "/dance", "").statusCode());
        assertEquals(400, v.post("/runs/" + id + "/speed", "speed=fast").statusCode());
    }

    /**
     * A page that opens a panel while its stream is still on its way (its EventSource not yet answered) gets that
     * panel's numbers all the same: the stream takes the panels the page told, not those its address named.
     */
    @Test
    void panelsToldBeforeTheStreamOpensAreTheStreams() throws Exception {
        Http v = new Http(server.port());
        String html = v.get("/?dataset=xor").body();
        String id = html.replaceAll("(?s).*data-run=\"([^\"]+)\".*", "$1");
        v.post("/runs/" + id + "/step", "");
        assertEquals(
                204, v.post("/runs/" + id + "/view", "view=early&panels=sample").statusCode());
        try (LoadTest.Sse s = LoadTest.Sse.open(v, "/runs/" + id + "/stream?view=early&panels=", null)) {
            playground.Wait.until(
                    "the sample's numbers",
                    java.time.Duration.ofSeconds(10),
                    () -> s.names.contains(Fragment.STATE.id()));
        }
        // and a stream whose page told nothing sends what its address names: none of the numbers
        try (LoadTest.Sse s = LoadTest.Sse.open(v, "/runs/" + id + "/stream?view=later&panels=", null)) {
            playground.Wait.until(
                    "the stream's first frame",
                    java.time.Duration.ofSeconds(10),
                    () -> s.names.contains(Fragment.STATUS.id()));
            Thread.sleep(500);
            assertTrue(!s.names.contains(Fragment.STATE.id()), "no numbers asked for: " + s.names);
        }
    }
}
