package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import playground.lesson.Lesson;

/**
 * Every lesson's check over real HTTP, against real runs: the preset trained to its end does not meet it (the task
 * asks for a change), the lesson's example does; the check is the same numbers the API reports. Also: /lessons lists
 * every lesson, a teacher link's bad names are a 400 with the message, and the embed route alone may be framed.
 */
class LessonsHttpTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    static final List<Lesson> LESSONS = Lesson.builtIn();

    @Test
    void thereAreAtLeastSixLessonsEachWithAnExample() {
        assertTrue(LESSONS.size() >= 6, "six built-in lessons: " + LESSONS.size());
        for (Lesson l : LESSONS) assertFalse(l.example().isEmpty(), l.id() + " has an example that meets its check");
    }

    @Test
    void eachCheckFailsOnThePresetAndIsMetByTheExample() throws Exception {
        for (Lesson l : LESSONS) {
            Http v = new Http(server.port());
            String preset = run(v, l.preset());
            String notMet = check(v, l, preset);
            assertTrue(
                    notMet.contains("data-met=\"false\""),
                    l.id() + ": the preset, trained, does not meet it\n" + notMet);
            assertTrue(notMet.contains("Not yet"), l.id());
            String example = run(v, l.example());
            String met = check(v, l, example);
            assertTrue(met.contains("data-met=\"true\""), l.id() + ": the example meets it\n" + met);
            assertTrue(met.contains("Task done"), l.id());
            assertFalse(met.contains("class=\"no\""), l.id() + ": every clause met");
        }
    }

    /** The check reads the numbers the API reports: the clause shows the API's test accuracy. */
    @Test
    void theCheckShowsTheRunsOwnNumbers() throws Exception {
        Http v = new Http(server.port());
        Lesson xor = lesson("xor-needs-a-hidden-layer");
        String id = run(v, "dataset=xor&layers=2,1&epochs=20");
        JsonNode s = Http.json(v.get("/api/runs/" + id));
        double accuracy =
                s.get("testAccuracy").get(s.get("testAccuracy").size() - 1).asDouble();
        String html = check(v, xor, id);
        assertTrue(
                html.contains(String.format(java.util.Locale.ROOT, "(now %.1f%%)", 100 * accuracy)),
                "the API's " + accuracy + " in " + html);
        assertTrue(html.contains("hiddenUnits &lt;= 4 (now 0)"), html);
        // another session's run: not found
        assertEquals(
                404,
                new Http(server.port())
                        .get("/lessons/" + xor.id() + "/check?run=" + id)
                        .statusCode());
        assertEquals(404, v.get("/lessons/no-such-lesson/check?run=" + id).statusCode());
    }

    @Test
    void theLessonsPageListsEveryLessonWithItsLink() throws Exception {
        HttpResponse<String> r = new Http(server.port()).get("/lessons");
        assertEquals(200, r.statusCode());
        for (Lesson l : LESSONS) {
            assertTrue(r.body().contains(l.title()), l.title());
            assertTrue(r.body().contains(l.link().replace("&", "&amp;")), l.link());
        }
        // a lesson's page: its text, its task and its live check
        Lesson xor = lesson("xor-needs-a-hidden-layer");
        String page = new Http(server.port()).get(xor.link()).body();
        assertTrue(page.contains("id=\"lesson-check\""), "the check");
        assertTrue(page.contains(xor.task()), "the task");
        // an unknown lesson is said, and the page still works
        String bad = new Http(server.port()).get("/?dataset=xor&lesson=nope").body();
        assertTrue(bad.contains("there is no lesson called"), bad);
    }

    @Test
    void unknownNamesInLockOrHideAreA400WithTheMessage() throws Exception {
        Http v = new Http(server.port());
        HttpResponse<String> r = v.get("/?dataset=xor&lock=lr,speeed");
        assertEquals(400, r.statusCode());
        assertTrue(
                r.body().contains("lock: \"speeed\" is not a name it knows"),
                r.body().replaceAll("(?s).*(lock:[^<]*).*", "$1"));
        HttpResponse<String> h = v.get("/?dataset=xor&hide=optimiser");
        assertEquals(400, h.statusCode());
        assertTrue(h.body().contains("is not a name it knows"));
        assertEquals(
                200,
                v.get("/?dataset=xor&lock=lr,layers&hide=optimizer,regularization,gradcheck")
                        .statusCode());
        // the API validates as usual: lock and hide are the page's, not parameters of a run
        HttpResponse<String> api = v.post("/api/runs", "{\"dataset\":\"xor\",\"lock\":\"lr\"}");
        assertEquals(400, api.statusCode());
        assertTrue(Http.json(api).get("error").asText().startsWith("lock: is not a parameter"), api.body());
    }

    @Test
    void theEmbedAloneMayBeFramed() throws Exception {
        Http v = new Http(server.port());
        HttpResponse<String> embed = v.get("/embed?dataset=xor");
        assertEquals(200, embed.statusCode());
        String csp = embed.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors *"), csp);
        assertTrue(embed.headers().firstValue("X-Frame-Options").isEmpty(), "no X-Frame-Options on the embed");
        assertTrue(embed.body().contains("id=\"open-full\""), "a link out to the full playground");
        // its cookie is one a frame of another site keeps
        assertTrue(
                embed.headers().allValues("Set-Cookie").stream()
                        .anyMatch(c -> c.startsWith("bp_embed=")
                                && c.contains("SameSite=None")
                                && c.contains("Secure")
                                && c.contains("Partitioned")),
                embed.headers().allValues("Set-Cookie").toString());
        for (String path : List.of("/?dataset=xor", "/lessons", "/embed/x", "/health")) {
            HttpResponse<String> page = v.get(path);
            assertTrue(
                    page.headers()
                            .firstValue("Content-Security-Policy")
                            .orElse("")
                            .contains("frame-ancestors 'none'"),
                    path);
            assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""), path);
        }
    }

    static Lesson lesson(String id) {
        return LESSONS.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * A run of a lesson's query in this visitor's session: a link to a moment ({@code at=}) opens the page there;
     * anything else is trained to its end through the API, as fast as it goes.
     */
    static String run(Http v, String query) throws Exception {
        if (query.contains("at=")) {
            String page = v.get("/?" + query).body();
            Matcher m = Pattern.compile("data-run=\"([^\"]+)\"").matcher(page);
            assertTrue(m.find(), "a run for " + query);
            return m.group(1);
        }
        StringBuilder json = new StringBuilder("{\"speed\":\"max\"");
        for (Map.Entry<String, String> e : Lesson.config(query).entrySet()) {
            json.append(',').append(Http.quote(e.getKey())).append(':').append(Http.quote(e.getValue()));
        }
        json.append('}');
        HttpResponse<String> created = v.post("/api/runs", json.toString());
        assertEquals(201, created.statusCode(), created.body());
        String id = Http.json(created).get("id").asText();
        v.post("/api/runs/" + id + "/start", "");
        long deadline = System.nanoTime() + 120_000_000_000L;
        String state;
        do {
            Thread.sleep(50);
            state = Http.json(v.get("/api/runs/" + id)).get("state").asText();
        } while (!state.equals("done") && !state.equals("diverged") && System.nanoTime() < deadline);
        assertTrue(state.equals("done") || state.equals("diverged"), query + " ended: " + state);
        return id;
    }

    static String check(Http v, Lesson l, String run) throws Exception {
        HttpResponse<String> r = v.get("/lessons/" + l.id() + "/check?run=" + run);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
