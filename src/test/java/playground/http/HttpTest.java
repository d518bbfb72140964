package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import playground.Wait;
import playground.data.DatasetKind;
import playground.nn.Backprop;
import playground.nn.Network;
import playground.nn.Trace;

/** The server over real HTTP on a real port, with real sessions and real SSE. */
class HttpTest {
    static boolean done(JsonNode status) {
        return status.get("state").asText().equals("done");
    }

    @RegisterExtension
    static final LiveServer server = new LiveServer();

    Http visitor() {
        return new Http(server.port());
    }

    @Test
    void healthAnswersWithTheLiveCounts() throws Exception {
        HttpResponse<String> r = visitor().get("/health");
        assertEquals(200, r.statusCode());
        JsonNode h = Http.json(r);
        for (String k : List.of("sessions", "runs", "running", "streams")) assertTrue(h.has(k), k);
    }

    @Test
    void theDefaultPageRendersWithItsForm() throws Exception {
        HttpResponse<String> r = visitor().get("/");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("sse-connect=\"/runs/"));
        for (String b : List.of(">Start<", ">Pause<", ">Step<", ">Epoch<", ">Reset<")) assertTrue(html.contains(b), b);
        assertTrue(html.contains("id=\"f-lr\" name=\"lr\" type=\"text\" value=\"0.05\""));
        assertTrue(html.contains("aria-label=\"Loss chart"));
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(r.headers().firstValue("Set-Cookie").orElse("").contains("HttpOnly"));
    }

    @Test
    void aSharedUrlRestoresTheForm() throws Exception {
        String url = "/?dataset=exp-sin&layers=2,5,4,2&activation=tanh&output=linear&loss=mse&bias=false&lr=0.125"
                + "&optimizer=momentum&regularization=l2&regRate=0.001"
                + "&epochs=7&batch=16&seed=-3&init=uniform&standardize=false&testRatio=0.2&noise=0&speed=20";
        String html = visitor().get(url).body();
        assertTrue(html.contains("value=\"2,5,4,2\""), "layers");
        assertTrue(html.contains("aria-label=\"width of hidden layer 1\"") && html.contains("value=\"5\""));
        assertTrue(html.contains("<option value=\"tanh\" selected>tanh</option>"));
        assertTrue(html.contains("value=\"0.125\"") && html.contains("value=\"-3\"") && html.contains("value=\"0.2\""));
        assertTrue(html.contains("<option value=\"uniform\" selected>"));
        assertTrue(html.contains("<option value=\"20\" selected>"));
        assertTrue(html.contains("<option value=\"momentum\" selected>")
                && html.contains("<option value=\"l2\" selected>"));
        assertTrue(html.contains("data-url=\"" + url.replace("&", "&amp;") + "\""), "the share link is the URL");
    }

    @Test
    void aBadUrlShowsTheErrorByItsFieldAndRunsNothing() throws Exception {
        HttpResponse<String> r = visitor().get("/?lr=abc&epochs=3");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("id=\"e-lr\">must be a number"), r.body());
        assertFalse(r.body().contains("sse-connect"));
        HttpResponse<String> twice = visitor().get("/?seed=1&seed=2");
        assertTrue(twice.body().contains("is given 2 times"));
    }

    @Test
    void apiStepMatchesTheEngine() throws Exception {
        String body = "{\"layers\":[2,3,2],\"activations\":[\"sigmoid\",\"linear\"],\"weights\":"
                + Http.JSON.writeValueAsString(new double[][][] {DatasetKind.NOTEBOOK_W1, DatasetKind.NOTEBOOK_W2})
                + ",\"x\":[1,3],\"t\":[4,1],\"lr\":0.01}";
        HttpResponse<String> r = visitor().post("/api/step", body);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = Http.json(r);
        Network net = new Network(new int[] {2, 3, 2}, Network.defaultActivations(2), false);
        net.setWeights(1, DatasetKind.NOTEBOOK_W1);
        net.setWeights(2, DatasetKind.NOTEBOOK_W2);
        Trace tr = Backprop.step(net, new double[] {1, 3}, new double[] {4, 1}, 0.01);
        assertEquals(tr.loss(), j.get("loss").asDouble(), 0);
        assertEquals(tr.y()[0], j.get("y").get(0).asDouble(), 0);
        assertEquals(tr.delta()[1][2], j.get("delta").get(0).get(2).asDouble(), 0);
        assertEquals(
                tr.wAfter()[2][1][2], j.get("weightsAfter").get(1).get(1).get(2).asDouble(), 0);
        assertTrue(j.get("biasGradients").isNull());
    }

    @Test
    void badBodiesAnswer400NamingTheField() throws Exception {
        Http v = visitor();
        HttpResponse<String> r = v.post("/api/step", "{\"layers\":[2,3,2],\"activations\":[\"sigmoid\"]}");
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).get("error").asText().startsWith("activations:"));
        r = v.post("/api/step", "{not json");
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).get("error").asText().startsWith("body:"), r.body());
        r = v.post("/api/runs", "{\"lr\": -1}");
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).get("error").asText().startsWith("lr:"));
        r = v.post("/api/runs", "{\"layers\": [2, \"x\", 2]}");
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).get("error").asText().startsWith("layers:"));
        r = v.post("/api/runs", "{\"lr\": 0.1, \"lr\": 0.2}");
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).get("error").asText().contains("Duplicate"), r.body());
        r = v.post("/api/runs/nope/start", "");
        assertEquals(404, r.statusCode());
    }

    @Test
    void theRunApiDrivesARunToDone() throws Exception {
        Http v = visitor();
        HttpResponse<String> created = v.post("/api/runs", "{\"layers\":[2,3,2],\"epochs\":3,\"seed\":5}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode c = Http.json(created);
        String id = c.get("id").asText();
        assertTrue(c.get("url").asText().contains("epochs=3"));
        assertEquals("idle", Http.json(v.get("/api/runs/" + id)).get("state").asText());

        JsonNode stepped = Http.json(v.post("/api/runs/" + id + "/step", ""));
        assertEquals("paused", stepped.get("state").asText());
        assertEquals(1, stepped.get("sample").asInt());

        JsonNode started = Http.json(v.post("/api/runs/" + id + "/start", ""));
        assertTrue(List.of("running", "done").contains(started.get("state").asText()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode status = Wait.poll(Duration.ofSeconds(30), () -> Http.json(v.get("/api/runs/" + id)), HttpTest::done);
        assertEquals("done", status.get("state").asText());
        assertEquals(3, status.get("trainLoss").size());
        assertEquals(3, status.get("testLoss").size());
        assertEquals(3, status.get("weights").get(0).size(), "W^(1) has 3 rows");
        assertEquals(2, status.get("weights").get(0).get(0).size(), "and 2 columns");
        assertTrue(status.get("testLoss").get(2).asDouble()
                < status.get("initialTestLoss").asDouble());

        // the same config and seed give the same numbers, through the API too
        String id2 = v.newRun("{\"layers\":[2,3,2],\"epochs\":3,\"seed\":5}");
        v.post("/api/runs/" + id2 + "/start", "");
        JsonNode other = Wait.poll(
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                () -> Http.json(v.get("/api/runs/" + id2)),
                HttpTest::done);
        assertEquals(status.get("testLoss"), other.get("testLoss"));
        assertEquals(status.get("weights"), other.get("weights"));

        JsonNode reset = Http.json(v.post("/api/runs/" + id + "/reset", ""));
        assertEquals("idle", reset.get("state").asText());
        assertEquals(0, reset.get("trainLoss").size());
    }

    @Test
    void anotherSessionsRunIsNotFound() throws Exception {
        Http alice = visitor();
        Http mallory = visitor();
        String id = alice.newRun("{}");
        assertEquals(404, mallory.get("/api/runs/" + id).statusCode());
        assertEquals(404, mallory.post("/api/runs/" + id + "/start", "").statusCode());
        assertEquals(404, mallory.post("/runs/" + id + "/start", "").statusCode());
        assertEquals(404, mallory.get("/api/runs/" + id + "/events").statusCode());
        assertEquals(404, mallory.get("/runs/" + id + "/stream").statusCode());
        assertEquals(
                "idle", Http.json(alice.get("/api/runs/" + id)).get("state").asText());
    }

    @Test
    void theApiStreamSendsNamedEventsInOrder() throws Exception {
        Http v = visitor();
        String id = v.newRun("{\"epochs\":4,\"testRatio\":0.9}");
        var first = new java.util.concurrent.CompletableFuture<Http.Event>();
        var reading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return v.events("/api/runs/" + id + "/events", 200, Duration.ofSeconds(10), first::complete);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.get(10, java.util.concurrent.TimeUnit.SECONDS); // our stream is open: now start the run
        v.post("/api/runs/" + id + "/start", "");
        List<Http.Event> events = reading.get();
        assertFalse(events.isEmpty());
        assertEquals("state", events.get(0).name(), "the stream starts with the state");
        assertEquals(
                "idle", Http.JSON.readTree(events.get(0).data()).get("state").asText());
        int lastEpoch = 0;
        boolean sawSample = false;
        boolean sawDone = false;
        for (Http.Event e : events) {
            JsonNode d = Http.JSON.readTree(e.data());
            switch (e.name()) {
                case "epoch" -> {
                    assertEquals(lastEpoch + 1, d.get("epoch").asInt(), "epochs arrive once each, in order");
                    lastEpoch = d.get("epoch").asInt();
                }
                case "sample" -> {
                    sawSample = true;
                    assertEquals(2, d.get("x").size());
                    assertEquals(2, d.get("delta").size(), "one delta per weight layer");
                }
                case "state" -> sawDone |= d.get("state").asText().equals("done");
                default -> throw new AssertionError("unexpected event " + e.name());
            }
            if (sawDone) break;
        }
        assertTrue(sawSample);
        assertEquals(4, lastEpoch);
        assertTrue(sawDone);
    }

    @Test
    void thePageStreamSendsTheFragmentsByName() throws Exception {
        Http v = visitor();
        String html = v.get("/?epochs=2").body();
        String id = html.replaceAll("(?s).*data-run=\"([^\"]+)\".*", "$1");
        assertEquals(204, v.post("/runs/" + id + "/step", "").statusCode());
        List<Http.Event> events =
                v.events("/runs/" + id + "/stream?panels=sample,equations,weights", 7, Duration.ofSeconds(10));
        List<String> names = events.stream().map(Http.Event::name).toList();
        // the timeline before the numbers: a page rewound on it takes the numbers of now only with it
        assertEquals(List.of("status", "controls", "timeline", "state", "equations", "weights", "chart"), names);
        assertTrue(events.get(0).data().contains("chip-paused"));
        assertTrue(events.get(3).data().contains("δ"), "the sample's deltas");
        assertTrue(events.get(2).data().contains("timeline-slider"));
        assertTrue(events.get(6).data().contains("Loss chart"));
        for (Http.Event e : events) assertFalse(e.data().contains("\n"));
    }

    @Test
    void crossSitePostsAreRefused() throws Exception {
        Http v = visitor();
        String id = v.newRun("{}");
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(v.base + "/api/runs/" + id + "/start"))
                .header("Origin", "https://evil.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> r = v.client.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertEquals("idle", Http.json(v.get("/api/runs/" + id)).get("state").asText());
    }

    @Test
    void everythingAVisitorSendsIsEscaped() throws Exception {
        String payload = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
        String enc = java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8);
        List<String> names = new java.util.ArrayList<>(playground.training.Config.NAMES);
        names.add("speed");
        names.add(payload);
        for (String name : names) {
            String q = "/?" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + "=" + enc;
            HttpResponse<String> r = visitor().get(q);
            assertFalse(r.body().contains("<script>alert"), name);
            assertFalse(r.body().contains("<img src=x"), name);
        }
        StringBuilder all = new StringBuilder("/?");
        for (String name : playground.training.Config.NAMES)
            all.append(name).append('=').append(enc).append('&');
        String body = visitor().get(all.toString()).body();
        assertFalse(body.contains("<script>alert") || body.contains("<img src=x"));
        assertTrue(body.contains("&lt;script&gt;") || body.contains("&lt;img"), "shown, escaped");
        HttpResponse<String> api = visitor().post("/api/runs", "{\"dataset\": " + Http.quote(payload) + "}");
        assertEquals(400, api.statusCode());
        assertEquals(
                "application/json",
                api.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    }

    @Test
    void theCookieIsSecureBehindAnHttpsRouter() throws Exception {
        Http v = visitor();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(v.base + "/"))
                .header("X-Forwarded-Proto", "https")
                .GET()
                .build();
        String cookie = v.client
                .send(req, HttpResponse.BodyHandlers.ofString())
                .headers()
                .firstValue("Set-Cookie")
                .orElse("");
        assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
        String plain = visitor().get("/").headers().firstValue("Set-Cookie").orElse("");
        assertFalse(plain.contains("Secure"), plain);
        assertTrue(plain.matches("bp_session=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22};.*"), plain);
    }

    /**
     * Session fixation: a session id the server did not issue is not accepted and a fresh one is made, so no one can
     * plant a known id in a visitor's browser and then act as that visitor.
     */
    @Test
    void aSessionIdTheServerDidNotIssueGetsAFreshSession() throws Exception {
        String[] forged = {"AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"};
        for (String id : forged) {
            var req = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + server.port() + "/"))
                    .header("Cookie", "bp_session=" + id)
                    .GET()
                    .build();
            HttpResponse<String> r =
                    java.net.http.HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            String set = r.headers().firstValue("Set-Cookie").orElse("");
            System.out.println("SESSION forged " + id + " -> " + set.split(";")[0]);
            assertTrue(set.startsWith("bp_session=") && !set.startsWith("bp_session=" + id + ";"), set);
            assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Lax"), set);
        }
        // an issued id is kept: no new cookie
        Http v = visitor();
        v.get("/");
        HttpResponse<String> again = v.get("/");
        assertFalse(again.headers().firstValue("Set-Cookie").isPresent(), "an issued session is kept");
    }

    @Test
    void theGradientCheckAgreesWithBackpropOnTheCurrentSample() throws Exception {
        Http v = visitor();
        String id = v.newRun("{\"layers\":[2,4,3,2],\"activation\":\"tanh\"}");
        JsonNode stepped = Http.json(v.post("/api/runs/" + id + "/step", ""));
        assertEquals(1, stepped.get("sample").asInt());
        JsonNode g = Http.json(v.get("/api/runs/" + id + "/gradcheck"));
        assertTrue(g.get("maxRelativeError").asDouble() < 1e-6, g.toString());
        assertEquals(2 * 4 + 4 + 4 * 3 + 3 + 3 * 2 + 2, g.get("entries").size(), "every weight and bias");
        assertEquals(g.get("entries").size(), g.get("checked").asInt());
        assertEquals(g.get("entries").size(), g.get("total").asInt());
        int biases = 0;
        for (JsonNode e : g.get("entries")) {
            if (e.get("j").asInt() == -1) biases++;
            assertTrue(Math.abs(e.get("backprop").asDouble() - e.get("numeric").asDouble()) < 1e-6);
        }
        assertEquals(4 + 3 + 2, biases);
        // the panel on the page says the same in words
        String html = v.get("/runs/" + id + "/gradcheck").body();
        assertTrue(html.contains("Backprop agrees with the finite differences"), html);
        assertTrue(html.contains("All 35 parameters checked"), html);
        assertEquals(404, visitor().get("/api/runs/" + id + "/gradcheck").statusCode());
    }

    @Test
    void theNotebookAsWrittenShowsItsNumbersBesideTheCorrectOnes() throws Exception {
        HttpResponse<String> r = visitor().get("/?dataset=notebook-example&notebook=as-written");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("The notebook as written"));
        assertTrue(html.contains("(7.34609, 6.58287)") && html.contains("(2.22511, 2.02202)"), "y both ways");
        assertTrue(html.contains("21.1824") && html.contains("2.09738"), "E both ways");
        for (String m : List.of("mistake-sign", "mistake-z", "mistake-signs", "mistake-loop")) {
            assertTrue(html.contains("id=\"" + m + "\""), m);
        }
        assertTrue(html.contains("name=\"notebook\" value=\"as-written\""), "the form keeps the mode");
        String wrong = visitor().get("/?dataset=exp-sin&notebook=as-written").body();
        assertTrue(wrong.contains("choose notebook-example"), "the mode needs its dataset");
    }

    @Test
    void theTimelineShowsALoggedSamplePhaseByPhase() throws Exception {
        Http v = visitor();
        String html = v.get("/?dataset=notebook-example&epochs=5").body();
        String id = html.replaceAll("(?s).*data-run=\"([^\"]+)\".*", "$1");
        assertTrue(html.contains("id=\"timeline-slider\""));
        for (int i = 0; i < 3; i++) v.post("/runs/" + id + "/step", "");
        int phases = playground.training.Moment.phases(2);
        // position 0: the oldest sample, phase 1 (forward through layer 1 only): before its update, the run's start
        String first = v.get("/runs/" + id + "/moment?at=0").body();
        assertTrue(
                first.contains("Rewound to epoch 0, sample 0/1 · the next sample, phase 1 of 6: forward, layer 1"),
                first);
        assertTrue(first.contains("<output id=\"timeline-at\" hx-swap-oob=\"innerHTML\">epoch 0, sample 0/1<"));
        assertTrue(first.contains("data-ref=\"z1-0\"") && !first.contains("data-ref=\"z2-0\""), "layer 2 not yet");
        assertFalse(first.split("hx-swap-oob")[0].contains("δ"), "no backward pass yet");
        assertTrue(first.contains("hx-swap-oob") && first.contains("class=\"equations\""), "the equations follow");
        // the last position: the newest sample, whole
        String last = v.get("/runs/" + id + "/moment?at=" + (3 * phases - 1)).body();
        assertTrue(
                last.contains("Rewound to epoch 3, sample 0/1: the sample just trained") && last.contains("δ"), last);
        assertEquals(400, v.get("/runs/" + id + "/moment?at=999").statusCode());
        assertEquals(400, v.get("/runs/" + id + "/moment?at=x").statusCode());
        // Phase steps the next sample phase by phase, through the page's control too
        assertEquals(204, v.post("/runs/" + id + "/phase", "").statusCode());
        JsonNode st = Http.json(v.get("/api/runs/" + id));
        assertEquals(3, st.get("epoch").asInt(), "a phase does not update anything");
    }

    static String runId(String html) {
        return html.replaceAll("(?s).*data-run=\"([^\"]+)\".*", "$1");
    }

    @Test
    void aLinkToAMomentShowsTheSameNumbersToAnyone() throws Exception {
        String link = "/?layers=2,4,2&epochs=3&seed=5&batch=4&at=1:37";
        Http alice = visitor();
        Http bob = visitor();
        String aliceHtml = alice.get(link).body();
        // the header and the panel name the moment as the link does
        assertTrue(aliceHtml.contains("id=\"epoch\">1<") && aliceHtml.contains("id=\"sample\">37<"), "the header");
        assertTrue(aliceHtml.contains("Epoch 1, sample 37/6700: the sample just trained"), "the panel");
        assertTrue(aliceHtml.contains("data-at=\"1:37\""), "Copy link's moment");
        JsonNode a = Http.json(alice.get("/api/runs/" + runId(aliceHtml)));
        JsonNode b = Http.json(bob.get("/api/runs/" + runId(bob.get(link).body())));
        assertEquals("paused", a.get("state").asText());
        assertEquals(1, a.get("epoch").asInt());
        assertEquals(37, a.get("sample").asInt());
        assertEquals(a.get("weights"), b.get("weights"), "bit for bit");
        // and they are the numbers of training there directly
        var t = new playground.training.Training(playground.training.Config.parse(
                java.util.Map.of("layers", "2,4,2", "epochs", "3", "seed", "5", "batch", "4")));
        t.seek(6700 + 37);
        assertEquals(Http.JSON.valueToTree(t.weightsList()), a.get("weights"));
        assertTrue(visitor().get("/?at=soon").body().contains("at: must be E:S"));
    }

    @Test
    void weightsTravelAsJsonAndInALink() throws Exception {
        Http alice = visitor();
        String id = runId(alice.get("/?layers=2,3,2&seed=9").body());
        for (int i = 0; i < 3; i++) alice.post("/runs/" + id + "/step", "");
        JsonNode exported = Http.json(alice.get("/api/runs/" + id + "/weights"));
        JsonNode now = Http.json(alice.get("/api/runs/" + id));
        assertEquals(now.get("weights"), exported.get("weights"));
        // the link starts a new run from exactly those weights, for anyone
        Http bob = visitor();
        String url = exported.get("url").asText().replace("http://localhost", "");
        String bobId = runId(bob.get(url).body());
        JsonNode bobs = Http.json(bob.get("/api/runs/" + bobId));
        assertEquals(exported.get("weights"), bobs.get("weights"));
        assertEquals(exported.get("biases"), bobs.get("biases"));
        // the API takes them too
        String body = "{\"layers\":[2,3,2],\"seed\":9,\"weights\":"
                + Http.JSON.writeValueAsString(
                        java.util.Map.of("weights", exported.get("weights"), "biases", exported.get("biases")))
                + "}";
        HttpResponse<String> created = visitor().post("/api/runs", body);
        assertEquals(201, created.statusCode(), created.body());
        // weights that do not fit are refused with a message beside them, and the network stays (from the seed)
        String bad = "/?layers=2,3,2&weights="
                + java.net.URLEncoder.encode("{\"weights\": [[[1, 2]]]}", java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> r = visitor().get(bad);
        assertEquals(200, r.statusCode(), "a working page, with the message");
        assertTrue(r.body().contains("id=\"e-weights\"") && r.body().contains("do not fit"), r.body());
        assertTrue(r.body().contains("sse-connect"), "the network is still there");
        assertTrue(r.body().contains("[[[1, 2]]]"), "the weights given are kept in the field");
        assertEquals(
                400,
                visitor()
                        .post("/api/runs", "{\"weights\": {\"weights\": \"x\"}}")
                        .statusCode());
    }

    @Test
    void aLearnerPredictsTheNextDeltaThenSeesIt() throws Exception {
        Http v = visitor();
        String id = runId(v.get("/?dataset=notebook-example&epochs=3").body());
        // the notebook's worked example: the correct delta^(2)_0 = y_0 - t_0 = 2.22511231 - 4
        double delta2 = new playground.training.Training(playground.training.Config.parse(
                        java.util.Map.of("dataset", "notebook-example", "epochs", "3")))
                .peek()
                .delta()[2][0];
        assertEquals(-1.77488769, delta2, 1e-8);
        for (int i = 0; i < 3; i++) v.post("/runs/" + id + "/phase", ""); // forward 1, forward 2, loss
        String state = v.get("/runs/" + id + "/fragments/state").body();
        assertTrue(state.contains("name=\"what\" value=\"d2-0\""), "asks for δ(2) before it is shown");
        HttpResponse<String> r = v.client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(v.base + "/runs/" + id + "/predict"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("what=d2-0&guess=" + delta2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Spot on."), r.body());
        // now δ(2) is shown, and the next guess is for δ(1)
        String after = v.get("/runs/" + id + "/fragments/state").body();
        assertTrue(after.contains("data-ref=\"d2-0\"") && after.contains("value=\"d1-0\""), after);
        HttpResponse<String> wrong = v.client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(v.base + "/runs/" + id + "/predict"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("what=d1-0&guess=five"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(wrong.body().contains("Type a number"), wrong.body());
    }
}
