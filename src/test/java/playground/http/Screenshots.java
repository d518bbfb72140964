package playground.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Writes the README's screenshots to docs/screenshots: idle, training, stepped and diverged at 1280x720, and training
 * on a 390x844 phone. Not a check: runs only with {@code -Dscreenshots=true}:
 *
 * <pre>mvn -B -q -o test -Dtest=Screenshots -Dscreenshots=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>With {@code -Dscreenshots.review=/some/dir} it also writes full-page and dark-theme shots there, to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Screenshots {
    static final Duration WAIT = Duration.ofSeconds(20);

    private Server server;
    private String base;
    private Path out;
    private Path review;

    @BeforeAll
    void start() throws IOException {
        Assumptions.assumeTrue(
                "true".equals(System.getProperty("screenshots")), "screenshots are taken with -Dscreenshots=true");
        BrowserTest.assumeBrowser();
        out = Path.of(System.getProperty("screenshots.dir", "docs/screenshots"));
        Files.createDirectories(out);
        String r = System.getProperty("screenshots.review", "");
        if (!r.isEmpty()) review = Files.createDirectories(Path.of(r));
        server = Server.start(0);
        base = "http://localhost:" + server.port();
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void laptop() throws IOException {
        try (BrowserTest.Browser b = BrowserTest.Browser.open(1280, 720, false)) {
            WebDriver d = b.driver();
            shots(d, "", false);
        }
        if (review != null) {
            try (BrowserTest.Browser b = BrowserTest.Browser.open(1280, 720, false)) {
                dark(b.driver());
                shots(b.driver(), "dark-", true);
            }
        }
    }

    /** TensorFlow Playground's view: xor trained, with its heatmap; the spiral with more features, mid-run. */
    @Test
    void playground() throws IOException {
        try (BrowserTest.Browser b = BrowserTest.Browser.open(1280, 720, false)) {
            WebDriver d = b.driver();
            d.get(base + "/?dataset=xor&epochs=150&seed=1");
            waitFor(d, "the page", () -> chip(d).equals("idle"));
            if (review != null) save(d, "xor-idle.png", false);
            waitForStream(d);
            click(d, "btn-start");
            waitFor(d, "done", () -> chip(d).equals("done"));
            save(d, "playground-xor.png", false);
            d.get(base + "/?dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=7,8,8,1&epochs=2000"
                    + "&optimizer=adam&lr=0.01&noise=10&seed=2");
            waitFor(d, "the page", () -> chip(d).equals("idle"));
            waitForStream(d);
            click(d, "btn-start");
            waitFor(
                    d,
                    "some epochs",
                    () -> Double.parseDouble(text(d, "test-accuracy").replace("%", "")) > 85);
            save(d, "playground-spiral.png", false);
            pause(d);
            if (review != null) {
                d.get(base + "/?dataset=three-classes&optimizer=momentum");
                waitFor(d, "the page", () -> chip(d).equals("idle"));
                waitForStream(d);
                click(d, "btn-start");
                waitFor(d, "done", () -> chip(d).equals("done"));
                save(d, "three-classes.png", true);
            }
        }
    }

    /** The gradient flow panel: eight sigmoid layers after 100 epochs, the lower layers' gradients decades smaller. */
    @Test
    void flow() throws IOException {
        String link = "/?dataset=circle&layers=2,8,8,8,8,8,8,8,8,1&activation=sigmoid&lr=0.3&epochs=100&at=100:0";
        for (int[] size : new int[][] {{1280, 720}, {390, 844}}) {
            try (BrowserTest.Browser b = BrowserTest.Browser.open(size[0], size[1], size[0] < 500)) {
                WebDriver d = b.driver();
                d.get(base + link);
                js(d, "document.getElementById('p-flow').open = true; return ''");
                scrollTo(d, "p-flow");
                if (size[0] > 500) save(d, "gradient-flow.png", false);
                else if (review != null) save(d, "phone-gradient-flow.png", false);
            }
        }
    }

    /**
     * Change a weight: xor paused at epoch 20 after an edit (the header's loss now, the chart's marker), and the input
     * open beside an edge of the diagram with a value typed.
     */
    @Test
    void edit() throws IOException {
        String link = "/?dataset=xor&epochs=100&seed=3&edits=20:0:W1-0-1%3D3&at=20:0";
        for (int[] size : new int[][] {{1280, 720}, {390, 844}}) {
            try (BrowserTest.Browser b = BrowserTest.Browser.open(size[0], size[1], size[0] < 500)) {
                WebDriver d = b.driver();
                d.get(base + link);
                waitForStream(d);
                waitFor(
                        d,
                        "the edge",
                        () -> !js(d, "return document.querySelector(\"svg.nd .edge[data-ref='W2-1-2']\") ? 'y' : ''")
                                .isEmpty());
                js(
                        d,
                        "var e = document.querySelector(\"svg.nd .edge[data-ref='W2-1-2']\");"
                                + (size[0] < 500 ? " e.scrollIntoView({block: 'center'});" : "")
                                + " e.focus(); e.dispatchEvent(new MouseEvent('click', {bubbles: true})); return ''");
                waitFor(
                        d,
                        "the input",
                        () -> !js(d, "return document.getElementById('cell-edit-value') ? 'y' : ''")
                                .isEmpty());
                js(d, "var i = document.getElementById('cell-edit-value'); i.value = '-1.5'; i.select(); return ''");
                if (size[0] > 500) save(d, "change-a-weight.png", false);
                else if (review != null) save(d, "phone-change-a-weight.png", false);
            }
        }
    }

    @Test
    void phone() throws IOException {
        try (BrowserTest.Browser b = BrowserTest.Browser.open(390, 844, true)) {
            WebDriver d = b.driver();
            training(d);
            save(d, "phone-training.png", false);
            if (review != null) save(d, "phone-training-full.png", true);
            pause(d);
            if (review != null) {
                stepped(d);
                scrollTo(d, "state");
                Files.write(
                        review.resolve("phone-stepped.png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
                String wide = js(
                        d,
                        "return String(document.documentElement.scrollWidth) + 'x'"
                                + " + String(document.documentElement.clientWidth)");
                System.out.println("phone page width (scroll x client): " + wide);
            }
            d.get(base + "/?lr=abc");
            if (review != null) save(d, "phone-invalid.png", true);
        }
    }

    /** idle, training, stepped, diverged; the dark theme's go only to the review directory. */
    private void shots(WebDriver d, String prefix, boolean reviewOnly) throws IOException {
        if (!reviewOnly) learn(d);
        d.get(base + "/?epochs=3000&seed=3");
        waitFor(d, "the page", () -> chip(d).equals("idle"));
        saveAs(d, prefix + "idle.png", reviewOnly);

        training(d);
        saveAs(d, prefix + "training.png", reviewOnly);
        pause(d);

        stepped(d);
        saveAs(d, prefix + "stepped.png", reviewOnly);
        if (!reviewOnly) {
            js(d, "document.getElementById('p-sample').scrollIntoView()");
            save(d, "numbers.png", false);
        }

        d.get(base + "/?lr=10&standardize=false&epochs=5");
        waitFor(d, "the page", () -> chip(d).equals("idle"));
        click(d, "btn-start");
        waitFor(d, "diverged", () -> chip(d).equals("diverged"));
        saveAs(d, prefix + "diverged.png", reviewOnly);

        d.get(base + "/?lr=abc&epochs=0");
        if (review != null) save(d, prefix + "invalid.png", true);
    }

    /** Learning the math: phase stepping with a prediction to make, a number highlighted; the notebook as written. */
    private void learn(WebDriver d) throws IOException {
        d.get(base + "/?dataset=notebook-example&epochs=5");
        waitFor(d, "the page", () -> !chip(d).isEmpty());
        waitForStream(d);
        click(d, "btn-step");
        waitFor(d, "a step", () -> text(d, "state").contains("δ"));
        js(d, "document.getElementById('p-weights').open = true;");
        for (int i = 0; i < 4; i++) click(d, "btn-phase");
        waitFor(
                d,
                "a prediction to make",
                () -> js(d, "return String(!!document.getElementById('f-guess'))")
                        .equals("true"));
        js(d, "var c = document.querySelector(\"#weights td[data-ref='W2-0-0']\"); if (c) c.click();");
        waitFor(
                d,
                "a highlight",
                () -> js(d, "return String(document.querySelectorAll('.hl').length)")
                        .matches("[1-9].*"));
        js(d, "document.getElementById('p-sample').scrollIntoView()");
        save(d, "learn.png", false);
        d.get(base + "/?dataset=notebook-example&notebook=as-written");
        waitFor(d, "the notebook", () -> text(d, "notebook").contains("The notebook as written"));
        js(d, "document.getElementById('notebook').scrollIntoView()");
        save(d, "notebook.png", false);
    }

    /** The default network with more epochs (so that it is still running), trained until the chart has a few. */
    private void training(WebDriver d) {
        d.get(base + "/?epochs=3000&seed=3");
        waitFor(d, "the page", () -> !chip(d).isEmpty());
        if (!chip(d).equals("idle")) {
            click(d, "btn-reset");
            waitFor(d, "idle", () -> chip(d).equals("idle"));
        }
        waitForStream(d);
        click(d, "btn-start");
        waitFor(d, "a few epochs", () -> points(d) >= 6);
        try {
            // the sample's tables, if the run traces samples while it trains at full speed
            new WebDriverWait(d, Duration.ofSeconds(2))
                    .until(x -> text(d, "state").contains("δ"));
        } catch (org.openqa.selenium.TimeoutException e) {
            System.out.println("screenshot: no sample shown while training");
        }
    }

    /** A fresh run: one epoch (a point on the chart), then one Step, paused with the sample's tables. */
    private void stepped(WebDriver d) {
        d.get(base + "/?epochs=20&seed=11");
        waitFor(d, "the page", () -> chip(d).equals("idle"));
        waitForStream(d);
        click(d, "btn-epoch");
        waitFor(d, "an epoch", () -> chip(d).equals("paused") && points(d) >= 2);
        String before = text(d, "sample");
        click(d, "btn-step");
        waitFor(
                d,
                "the step's tables",
                () -> !text(d, "sample").equals(before) && text(d, "state").contains("δ"));
    }

    /**
     * Pauses the page's run over HTTP with the browser's session cookie: a page that draws a long chart at full speed
     * can take many seconds to act on a click, and a run left training would slow the next shots.
     */
    private void pause(WebDriver d) {
        String run = js(d, "return document.getElementById('app').dataset.run || ''");
        org.openqa.selenium.Cookie cookie = d.manage().getCookieNamed("bp_session");
        if (run.isEmpty() || cookie == null) return;
        try {
            java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/runs/" + run + "/pause"))
                                    .header("Cookie", "bp_session=" + cookie.getValue())
                                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitForStream(WebDriver d) {
        waitFor(
                d,
                "the stream",
                () -> js(
                                d,
                                "var a = document.getElementById('app'); var i = a && a['htmx-internal-data'];"
                                        + " return i && i.sseEventSource ? String(i.sseEventSource.readyState) : ''")
                        .equals("1"));
    }

    private void saveAs(WebDriver d, String name, boolean reviewOnly) throws IOException {
        if (!reviewOnly) save(d, name, false);
        if (review != null) save(d, name.replace(".png", "-full.png"), true);
    }

    /** The viewport into docs/screenshots; with full, the whole page into the review directory. */
    private void save(WebDriver d, String name, boolean full) throws IOException {
        byte[] png;
        if (full) {
            Map<String, Object> r = ((ChromeDriver) d)
                    .executeCdpCommand(
                            "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
            png = Base64.getDecoder().decode((String) r.get("data"));
        } else {
            png = ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES);
        }
        Path dir = full ? (review != null ? review : out) : out;
        Files.write(dir.resolve(name), png);
        System.out.println("screenshot " + dir.resolve(name));
    }

    private static void dark(WebDriver d) {
        ((ChromeDriver) d)
                .executeCdpCommand(
                        "Emulation.setEmulatedMedia",
                        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    }

    private static void scrollTo(WebDriver d, String id) {
        ((JavascriptExecutor) d).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private static String js(WebDriver d, String script) {
        Object v = ((JavascriptExecutor) d).executeScript(script);
        return v == null ? "" : v.toString();
    }

    private static String text(WebDriver d, String id) {
        return js(d, "var e = document.getElementById('" + id + "'); return e ? e.textContent.trim() : '';");
    }

    private static String chip(WebDriver d) {
        return text(d, "state-chip");
    }

    private static int points(WebDriver d) {
        return Integer.parseInt(js(d, "return String(document.querySelectorAll('svg.chart.lin circle.pt').length)"));
    }

    private static void click(WebDriver d, String id) {
        new WebDriverWait(d, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(x -> {
                    // a DOM click, in one script: a pointer click can land on a button the stream is just replacing
                    return "clicked"
                            .equals(
                                    js(
                                            x,
                                            "var b = document.getElementById('" + id + "');"
                                                    + " if (!b || b.disabled) return 'no';"
                                                    + " var h = b['htmx-internal-data']; if (!h || !h.initHash) return 'not ready'; b.click(); return 'clicked';"));
                });
    }

    private static void waitFor(WebDriver d, String what, Supplier<Boolean> condition) {
        new WebDriverWait(d, WAIT)
                .withMessage(() -> what + " (chip " + chip(d) + ")")
                .ignoring(StaleElementReferenceException.class)
                .until(x -> condition.get());
    }
}
