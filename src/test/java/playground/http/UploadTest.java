package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import playground.data.Csv;

/** A learner's own CSV file, sent by a script and by the page's form, over real HTTP with real sessions. */
class UploadTest {
    // the real app; to try the upload handlers alone (without the rest of the app's routes): new HandlersOnly()
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    /** y = 1 when x1 + x2 > 0: 40 rows, two inputs and a 0/1 target. */
    static final String GOOD = good();

    static String good() {
        StringBuilder s = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 40; i++) {
            double x1 = Math.sin(i * 1.3), x2 = Math.cos(i * 0.7);
            s.append(x1)
                    .append(',')
                    .append(x2)
                    .append(',')
                    .append(x1 + x2 > 0 ? 1 : 0)
                    .append('\n');
        }
        return s.toString();
    }

    Http visitor() {
        return new Http(server.port());
    }

    static HttpResponse<String> send(Http v, String path, String contentType, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(v.base + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (headers.length > 0) b.headers(headers);
        return v.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A body the server answers before reading it all (it is over the limit): the server answers and closes, and on a
     * busy machine Java's client, still sending, may see the connection closed before it reads the answer (a browser
     * shows the answer). Such a request is sent again, at most twice.
     */
    static HttpResponse<String> sendEarlyAnswered(Http v, String path, String contentType, byte[] body, String... h)
            throws Exception {
        return sendEarlyAnswered(() -> send(v, path, contentType, body, h));
    }

    static HttpResponse<String> sendEarlyAnswered(Http v, HttpRequest request) throws Exception {
        return sendEarlyAnswered(() -> v.client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    interface Sending {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> sendEarlyAnswered(Sending sending) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return sending.send();
            } catch (java.io.IOException closedWhileSending) {
                if (attempt == 3) throw closedWhileSending;
            }
        }
    }

    static HttpResponse<String> csv(Http v, String query, String body) throws Exception {
        return send(v, "/api/datasets" + query, "text/csv", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A browser's form post: multipart/form-data, the file in "file", the other fields as text. */
    static HttpResponse<String> form(Http v, byte[] file, String... fields) throws Exception {
        String boundary = "----upload-test-" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                            + fields[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (file != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.csv\""
                            + "\r\nContent-Type: text/csv\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(v, "/datasets", "multipart/form-data; boundary=" + boundary, out.toByteArray(), "Origin", v.base);
    }

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    /** The uploadError of a redirect, decoded. */
    static String uploadError(HttpResponse<String> r) {
        String at = location(r);
        int i = at.indexOf("uploadError=");
        return i < 0 ? null : URLDecoder.decode(at.substring(i + "uploadError=".length()), StandardCharsets.UTF_8);
    }

    static JsonNode waitUntilDone(Http v, String id) throws Exception {
        JsonNode status = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            status = Http.json(v.get("/api/runs/" + id));
            if (!List.of("idle", "running", "paused")
                    .contains(status.get("state").asText())) break;
            Thread.sleep(50);
        }
        return status;
    }

    @Test
    void aGoodFileIsCreatedWithItsShapeAndName() throws Exception {
        Http v = visitor();
        HttpResponse<String> r = csv(v, "?inputs=x1,x2&targets=y", GOOD);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode j = Http.json(r);
        String name = j.get("dataset").asText();
        assertTrue(Csv.isName(name), name);
        assertEquals(40, j.get("rows").asInt());
        assertEquals(2, j.get("inputs").asInt());
        assertEquals(1, j.get("outputs").asInt());
        assertEquals("[\"x1\",\"x2\"]", j.get("inputNames").toString());
        assertEquals("[\"y\"]", j.get("targetNames").toString());
        assertTrue(j.get("classification").asBoolean());
        assertEquals("/?dataset=" + name, j.get("url").asText());
        assertTrue(r.headers().firstValue("Set-Cookie").orElse("").contains(Sessions.COOKIE), "a session is made");

        // the defaults (the last column is the target) choose the same columns: the same file, the same name
        assertEquals(name, Http.json(csv(v, "", GOOD)).get("dataset").asText());
        // another choice of columns is another dataset
        JsonNode other = Http.json(csv(v, "?inputs=x1&targets=x2", GOOD));
        assertNotEquals(name, other.get("dataset").asText());
        assertFalse(other.get("classification").asBoolean());
    }

    @Test
    void theSessionTrainsOnItsOwnDataAndNoOtherSessionSeesIt() throws Exception {
        Http v = visitor();
        String name = Http.json(csv(v, "", GOOD)).get("dataset").asText();
        HttpResponse<String> created = v.post(
                "/api/runs", "{\"dataset\":" + Http.quote(name) + ",\"layers\":[2,4,1],\"epochs\":3,\"seed\":7}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode c = Http.json(created);
        assertTrue(c.get("url").asText().contains("dataset=" + name), c.toString());
        String id = c.get("id").asText();
        v.post("/api/runs/" + id + "/start", "");
        JsonNode status = waitUntilDone(v, id);
        assertEquals("done", status.get("state").asText(), status.toString());
        assertEquals(3, status.get("trainLoss").size());

        HttpResponse<String> stranger = visitor().post("/api/runs", "{\"dataset\":" + Http.quote(name) + "}");
        assertEquals(400, stranger.statusCode(), stranger.body());
        String error = Http.json(stranger).get("error").asText();
        assertTrue(error.startsWith("dataset:") && error.contains("upload"), error);
    }

    @Test
    void eachFaultOfTheFileNamesItsLineAndColumn() throws Exception {
        Http v = visitor();
        HttpResponse<String> r = csv(v, "", "a,b,c\n1,2,3\n4,5\n");
        assertEquals(400, r.statusCode());
        JsonNode j = Http.json(r);
        assertEquals(3, j.get("line").asInt());
        assertNull(j.get("column"), "a row's length is no one column's fault");
        assertTrue(j.get("error").asText().contains("2 values"), j.toString());

        j = Http.json(csv(v, "", "a,b,c\n1,2,3\n4,five,6\n"));
        assertEquals(3, j.get("line").asInt());
        assertEquals("b", j.get("column").asText());
        assertTrue(j.get("error").asText().contains("\"five\" is not a number"), j.toString());

        r = csv(v, "", "");
        assertEquals(400, r.statusCode());
        assertEquals("the file is empty", Http.json(r).get("error").asText());
        assertEquals(0, Http.json(r).get("line").asInt());

        byte[] latin1 = "a,b\n1,2\n3,4\n\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1);
        r = send(v, "/api/datasets", "text/csv", latin1);
        assertEquals(400, r.statusCode());
        assertEquals(4, Http.json(r).get("line").asInt());
        assertTrue(Http.json(r).get("error").asText().contains("UTF-8"), r.body());

        r = csv(v, "?targets=nope", "a,b\n1,2\n3,4\n");
        assertEquals(400, r.statusCode());
        assertEquals("nope", Http.json(r).get("column").asText());
        assertEquals(1, Http.json(r).get("line").asInt());
    }

    @Test
    void aFileOverOneMegabyteIs413WithoutBeingRead() throws Exception {
        Http v = visitor();
        byte[] big = new byte[Csv.MAX_BYTES * 3 / 2];
        java.util.Arrays.fill(big, (byte) '1');
        HttpResponse<String> r = sendEarlyAnswered(v, "/api/datasets", "text/csv", big);
        assertEquals(413, r.statusCode(), r.body());
        assertEquals(
                "the file is 1.5 MB; the limit is 1 MB",
                Http.json(r).get("error").asText());

        // no Content-Length (chunked): read up to the limit, then refused
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(v.base + "/api/datasets"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        r = sendEarlyAnswered(v, chunked);
        assertEquals(413, r.statusCode(), r.body());
        assertEquals(
                "the file is over 1 MB; the limit is 1 MB",
                Http.json(r).get("error").asText());

        // exactly at the limit is read and parsed (and refused for what it says, not for its size)
        byte[] limit = new byte[Csv.MAX_BYTES];
        java.util.Arrays.fill(limit, (byte) '1');
        r = send(v, "/api/datasets", "text/csv", limit);
        assertEquals(400, r.statusCode(), r.body());
    }

    @Test
    void otherContentTypesAre415() throws Exception {
        Http v = visitor();
        HttpResponse<String> r = send(v, "/api/datasets", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, r.statusCode());
        assertTrue(Http.json(r).get("error").asText().startsWith("send the file as text/csv"), r.body());
        for (String ok : List.of("text/plain; charset=utf-8", "application/octet-stream", "Text/CSV")) {
            assertEquals(
                    201,
                    send(v, "/api/datasets", ok, GOOD.getBytes(StandardCharsets.UTF_8))
                            .statusCode(),
                    ok);
        }
        assertEquals(
                201,
                send(v, "/api/datasets", null, GOOD.getBytes(StandardCharsets.UTF_8))
                        .statusCode());
    }

    @Test
    void theFormUploadsAndOpensThePlaygroundOnTheData() throws Exception {
        Http v = visitor();
        HttpResponse<String> r = form(v, GOOD.getBytes(StandardCharsets.UTF_8), "inputs", "x1, x2", "targets", "y");
        assertEquals(303, r.statusCode(), r.body());
        String name = Http.json(csv(visitor(), "?inputs=x1,x2&targets=y", GOOD))
                .get("dataset")
                .asText();
        assertEquals("/?dataset=" + name, location(r));
        // the form's session has it
        HttpResponse<String> created = v.post("/api/runs", "{\"dataset\":" + Http.quote(name) + "}");
        assertEquals(201, created.statusCode(), created.body());

        // empty fields mean the defaults
        r = form(v, GOOD.getBytes(StandardCharsets.UTF_8), "inputs", "", "targets", "");
        assertEquals("/?dataset=" + name, location(r));
    }

    @Test
    void aBadFormUploadGoesBackWithTheReason() throws Exception {
        Http v = visitor();
        HttpResponse<String> r = form(v, "a,b\n1,2\n3,x\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(location(r).startsWith("/?dataset=upload&uploadError="), location(r));
        assertEquals("line 3, column 'b': \"x\" is not a number", uploadError(r));

        r = form(v, null, "inputs", "a");
        assertEquals(303, r.statusCode());
        assertEquals("choose a CSV file first", uploadError(r));

        byte[] big = new byte[Csv.MAX_BYTES * 2];
        java.util.Arrays.fill(big, (byte) '1');
        r = form(v, big);
        assertEquals(303, r.statusCode());
        assertEquals("the file is 2.0 MB; the limit is 1 MB", uploadError(r));

        // just over the limit, within the room for the other fields: the container's own limit refuses it
        byte[] over = new byte[Csv.MAX_BYTES + 10];
        java.util.Arrays.fill(over, (byte) '1');
        r = form(v, over);
        assertEquals(303, r.statusCode());
        assertTrue(uploadError(r).startsWith("the file is"), uploadError(r));
    }

    @Test
    void aFormRefusedBeforeItIsReadGoesBackToThePageItCameFrom() throws Exception {
        // too large to read its fields (the link among them): the page it was sent from, kept as the visitor had it
        Http v = visitor();
        byte[] big = new byte[Csv.MAX_BYTES * 2];
        String page = "/?dataset=xor&layers=2,5,1&lr=0.1&seed=4";
        HttpResponse<String> r = sendEarlyAnswered(
                v, "/datasets", "multipart/form-data; boundary=x", big, "Origin", v.base, "Referer", v.base + page);
        assertEquals(303, r.statusCode());
        assertTrue(location(r).startsWith(page + "&uploadError="), location(r));
        assertEquals("the file is 2.0 MB; the limit is 1 MB", uploadError(r));
        // from another site's page: the playground's own upload page
        r = sendEarlyAnswered(
                v, "/datasets", "multipart/form-data; boundary=x", big, "Referer", "http://elsewhere.test" + page);
        assertTrue(location(r).startsWith("/?dataset=upload&uploadError="), location(r));
        // and the page shows the reason at the top of the form, with the visitor's settings
        String html =
                v.get(location(r).replace("/?dataset=upload&", page + "&")).body();
        assertTrue(html.contains("id=\"upload-error\" role=\"alert\">Your file could not be used: the file is 2.0 MB"));
        assertTrue(html.contains("<option value=\"xor\" selected>"), "the dataset kept");
    }

    @Test
    void aFormFromASharedLinkOpensThatLink() throws Exception {
        Http v = visitor();
        String name = Http.json(csv(visitor(), "", GOOD)).get("dataset").asText();
        String link = "/?dataset=" + name + "&layers=2,4,1&lr=0.1&seed=3";
        HttpResponse<String> r = form(v, GOOD.getBytes(StandardCharsets.UTF_8), "link", link);
        assertEquals(link, location(r));
        // another file than the link's: the playground on that file
        r = form(v, "p,q\n1,0\n2,1\n".getBytes(StandardCharsets.UTF_8), "link", link);
        assertTrue(location(r).matches("/\\?dataset=csv-[0-9a-f]{12}"), location(r));
        assertFalse(location(r).contains(name));
        // a bad file: back to the link, with the reason
        r = form(v, "p,q\n1\n".getBytes(StandardCharsets.UTF_8), "link", link);
        assertTrue(location(r).startsWith(link + "&uploadError="), location(r));
        // and again from there: one reason, the new one
        r = form(v, "p,q\n1,x\n2,3\n".getBytes(StandardCharsets.UTF_8), "link", location(r));
        assertTrue(location(r).startsWith(link + "&uploadError="), location(r));
        assertEquals(1, location(r).split("uploadError=").length - 1, location(r));
        assertTrue(uploadError(r).contains("\"x\" is not a number"), uploadError(r));
        // only links of this site
        r = form(v, GOOD.getBytes(StandardCharsets.UTF_8), "link", "//evil.example/?dataset=" + name);
        assertEquals("/?dataset=" + name, location(r));
    }

    @Test
    void aCrossSiteFormPostIsRefused() throws Exception {
        Http v = visitor();
        byte[] body = GOOD.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = send(v, "/api/datasets", "text/csv", body, "Origin", "https://evil.example");
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(
                201,
                send(v, "/api/datasets", "text/csv", body, "Origin", v.base).statusCode());
    }

    @Test
    void theStoreKeepsFourASessionAndDropsTheLeastRecentlyUsedOverItsMemory() {
        Csv[] files = new Csv[6];
        for (int i = 0; i < files.length; i++) {
            files[i] = Csv.parse(("a,b\n" + i + ",1\n2,3\n").getBytes(StandardCharsets.UTF_8), null, null);
        }
        Uploads u = new Uploads();
        var first = u.put("s1", files[0]);
        assertSame(first, u.put("s1", files[0]), "the same name again is the same entry");
        for (int i = 1; i < 4; i++) u.put("s1", files[i]);
        assertSame(first, u.find("s1", files[0].name())); // a use: files[1] is now the least recently used
        u.put("s1", files[4]);
        assertEquals(4, u.count());
        assertNull(u.find("s1", files[1].name()), "the least recently used of the session went");
        assertNotNull(u.find("s1", files[0].name()));
        assertNull(u.find("s2", files[0].name()), "sessions are apart");
        assertNull(u.resolver(null).apply(files[0].name()));
        assertSame(first, u.resolver("s1").apply(files[0].name()));
        assertEquals(
                List.of(files[0].name(), files[2].name(), files[3].name(), files[4].name()),
                u.list("s1").stream().map(playground.data.Source::id).toList(),
                "listed in upload order");
        assertEquals(List.of(), u.list("s2"));
        assertEquals(List.of(), u.list(null));

        long each = Uploads.estimate(files[0]);
        Uploads small = new Uploads(3 * each);
        small.put("a", files[0]);
        small.put("b", files[1]);
        small.put("c", files[2]);
        small.find("a", files[0].name());
        small.put("d", files[3]);
        assertEquals(3, small.count());
        assertNull(small.find("b", files[1].name()), "the least recently used, in any session, went");
        assertNotNull(small.find("a", files[0].name()));
        assertEquals(3 * each, small.bytes());
    }

    /** Only the upload routes, on a free port, for trying the handlers without the rest of the app's wiring. */
    static final class HandlersOnly implements BeforeAllCallback, AfterAllCallback {
        private Javalin app;

        @Override
        public void beforeAll(ExtensionContext context) {
            Datasets datasets = new Datasets(new Uploads());
            app = Javalin.create(config -> {
                        config.startup.showJavalinBanner = false;
                        config.http.maxRequestSize = 1_000_000L;
                        config.routes.post("/api/datasets", datasets::api);
                        config.routes.post("/datasets", datasets::form);
                        config.jetty.port = 0;
                    })
                    .start();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (app != null) app.stop();
        }

        int port() {
            return app.port();
        }
    }
}
