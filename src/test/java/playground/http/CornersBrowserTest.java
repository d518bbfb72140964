package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Every form path of the page, in a real browser at 1280×720 (headless Chromium, set up as {@link BrowserTest}):
 * importing weights round-trips on every kind of dataset and a bad paste is said beside the field with the network
 * kept; a link's moment, the header, Copy link, the panel, the timeline and the numpy export name one moment the same
 * way; rewinding the timeline moves every panel, the weights included; a bad CSV file is said where the visitor looks
 * and keeps their dataset and settings; and the console stays clean (no 404, no CSP violation) throughout.
 *
 * <p>Screenshots of what a learner sees go to {@code -Dscreenshots.dir} (default: the build's folder).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CornersBrowserTest {
    @RegisterExtension
    static final BrowserTest.Site site = new BrowserTest.Site(1280, 720);

    private BrowserTest.Browser browser;
    private WebDriver driver;
    private String base;
    /** The console's entries so far (read as they come: the driver hands each out once). */
    private final List<LogEntry> console = new ArrayList<>();

    @BeforeAll
    void startServerAndBrowser() {
        browser = site.browser();
        driver = browser.driver();
        base = site.base();
    }

    // ---- 6: import weights ----

    @Test
    @Order(1)
    void importRoundTripsOnEveryKindOfDatasetAndABadPasteKeepsTheNetwork() throws Exception {
        for (String dataset : new String[] {"exp-sin", "notebook-example", "xor"}) {
            freshSession();
            open("/?dataset=" + dataset);
            importRoundTrip(dataset);
        }
        // the learner's own data, uploaded through the page's form
        freshSession();
        open("/?dataset=exp-sin");
        upload(UploadTest.GOOD, "x1,x2", "y");
        waitFor(
                "the playground on the uploaded data",
                () -> browser.js("return document.getElementById('f-dataset').value")
                        .startsWith("csv-"));
        waitForRun();
        importRoundTrip("uploaded");

        // a paste that does not fit: said beside the field, which is marked; the network stays
        open("/?dataset=exp-sin&layers=2,3,2");
        submitImport("{\"weights\": [[[1, 2]]]}");
        waitFor("the import's error", () -> !browser.text("e-weights").isEmpty());
        assertTrue(browser.text("e-weights").startsWith("These weights do not fit this network"));
        assertEquals("true", browser.js("return document.getElementById('f-weights').getAttribute('aria-invalid')"));
        assertEquals(
                "true",
                browser.js("return String(document.getElementById('f-weights').closest('label')"
                        + ".classList.contains('bad'))"));
        assertEquals("true", browser.js("return String(document.getElementById('import').open)"));
        assertTrue(
                browser.js("return document.getElementById('f-weights').value").contains("[[[1, 2]]]"), "kept");
        assertFalse(
                browser.js("return document.getElementById('app').dataset.run || ''")
                        .isEmpty(),
                "a run");
        assertTrue(count("#diagram svg") > 0, "the network is drawn");
        shot("import-error");
    }

    /** Steps twice, exports the weights (what the weights button gives), imports them, and checks both runs agree. */
    private void importRoundTrip(String what) {
        waitForRun();
        String run = runId();
        step();
        step();
        String exported = fetch(browser.js("return document.getElementById('export-weights').getAttribute('href')"));
        submitImport(exported);
        waitFor(what + ": a new run from the weights", () -> !runId().isEmpty() && !runId().equals(run));
        assertEquals("", browser.text("e-weights"), what + ": no error");
        assertEquals(0, count(".err"), what + ": no error on the page");
        assertTrue(browser.text("config").contains("This run starts from weights given in its link"), what);
        String again = fetch("/api/runs/" + runId() + "/weights");
        assertEquals(field(exported, "weights"), field(again, "weights"), what);
        assertEquals(field(exported, "biases"), field(again, "biases"), what);
    }

    /** Steps one sample with the page's button, and waits until the header says so. */
    private void step() {
        String before = browser.text("epoch") + ":" + browser.text("sample");
        browser.click("btn-step", BrowserTest.WAIT);
        waitFor("a step from " + before, () -> !(browser.text("epoch") + ":" + browser.text("sample")).equals(before));
    }

    private static String field(String json, String name) {
        try {
            return String.valueOf(Http.JSON.readTree(json).get(name));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void submitImport(String weights) {
        browser.js(
                "var d = document.getElementById('import'); d.open = true;"
                        + " document.getElementById('f-weights').value = arguments[0];",
                weights);
        driver.findElement(By.cssSelector("#import-form button[type=submit]")).click();
    }

    // ---- 7: numbering ----

    @Test
    @Order(2)
    void aLinksMomentReadsAsTheHeaderPanelTimelineCopyLinkAndExport() {
        open("/?dataset=notebook-example&epochs=100&at=50:0");
        assertEquals("50", browser.text("epoch"), "the header: what the link calls epoch 50");
        assertEquals("0", browser.text("sample"));
        assertTrue(where().startsWith("Epoch 50, sample 0/1"), where());
        assertEquals("epoch 50, sample 0/1", browser.text("timeline-at"));
        assertEquals("at=50:0", "at=" + copyLinkMoment(), "Copy link");
        assertTrue(numpy().contains("Exported at epoch 50, sample 0/1 (at=50:0)"));
        assertFalse(browser.js("return location.search").contains("at="), "the address bar moves on with the run");

        // a run of many samples an epoch: step, and every place follows
        open("/?dataset=exp-sin&layers=2,3,2&epochs=5&seed=2&at=1:3");
        assertEquals("1", browser.text("epoch"));
        assertEquals("3", browser.text("sample"));
        browser.click("btn-step", BrowserTest.WAIT);
        waitFor("the header after a step", () -> browser.text("sample").equals("4"));
        String n = browser.js("return document.getElementById('sample').nextElementSibling.textContent");
        waitFor("the panel after a step", () -> where().startsWith("Epoch 1, sample 4/" + n));
        assertEquals("1:4", copyLinkMoment());
        assertTrue(numpy().contains("Exported at epoch 1, sample 4/" + n + " (at=1:4)"));
        waitFor("the timeline's right end", () -> browser.text("timeline-at").equals("epoch 1, sample 4/" + n));
        String api = fetch("/api/runs/" + runId());
        assertTrue(api.contains("\"epoch\":1") && api.contains("\"sample\":4"), api);
        // Phase shows the next sample at the moment the header shows
        browser.click("btn-phase", BrowserTest.WAIT);
        waitFor(
                "the next sample's first phase",
                () -> where().startsWith("Epoch 1, sample 4/" + n + " · the next sample, phase 1 of 6"));
        assertEquals("4", browser.text("sample"));
        // the copied link opens that moment for anyone
        String link = copyLink();
        open(link.replace(base, ""));
        assertEquals("1", browser.text("epoch"));
        assertEquals("4", browser.text("sample"));
    }

    /** The link Copy link gives (the clipboard is this page's stand-in). */
    private String copyLink() {
        browser.js("window.__copied = null; Object.defineProperty(navigator, 'clipboard', {configurable: true,"
                + " value: {writeText: function (t) { window.__copied = t; return Promise.resolve(); }}});");
        driver.findElement(By.id("copy-link")).click();
        waitFor("Copy link", () -> !browser.js("return window.__copied || ''").isEmpty());
        return browser.js("return window.__copied");
    }

    private String copyLinkMoment() {
        String link = copyLink();
        return link.contains("at=")
                ? link.replaceAll(".*[?&]at=([^&]*).*", "$1").replace("%3A", ":")
                : "0:0";
    }

    private String numpy() {
        return fetch(browser.js("return document.getElementById('export-numpy').getAttribute('href')"));
    }

    // ---- 8: rewinding ----

    @Test
    @Order(3)
    void rewindingShowsOneMomentInEveryPanelTheWeightsIncluded() {
        open("/?dataset=exp-sin&layers=2,3,2&epochs=5&seed=4");
        waitFor("the weights table", () -> count("#weights td[data-ref]") > 0);
        List<String> weights = new ArrayList<>();
        weights.add(weights());
        for (int i = 1; i <= 3; i++) {
            String before = weights.get(i - 1);
            browser.click("btn-step", BrowserTest.WAIT);
            int k = i;
            waitFor("step " + k, () -> browser.text("sample").equals(String.valueOf(k)));
            waitFor("the weights after step " + k, () -> !weights().equals(before));
            weights.add(weights());
        }
        String equationsNow = browser.text("equations");
        int phases = playground.training.Moment.phases(2);
        // the first logged sample, its first phase: the moment before it, the weights it met
        slide(0);
        waitFor("rewound to the start", () -> where().startsWith("Rewound to epoch 0, sample 0/"));
        waitForText("weights", weights.get(0), "the weights of that moment");
        assertTrue(browser.text("timeline-at").startsWith("epoch 0, sample 0/"));
        assertNotEquals(equationsNow, browser.text("equations"), "the equations of that moment");
        browser.js("document.getElementById('p-sample').scrollIntoView()");
        shot("rewound");
        browser.js("document.getElementById('p-weights').scrollIntoView()");
        shot("rewound-weights");
        // its last phase: after its update
        slide(phases - 1);
        waitFor("after the first sample", () -> where().startsWith("Rewound to epoch 0, sample 1/"));
        waitFor("the weights after it", () -> weights().equals(weights.get(1)));
        slide(phases + 2);
        waitFor("the second sample, before its update", () -> weights().equals(weights.get(1)));
        // a panel opened while rewound keeps the moment: close and open the weights
        browser.js("document.getElementById('p-weights').open = false");
        browser.js("document.getElementById('p-weights').open = true");
        sleep(1000);
        assertEquals(weights.get(1), weights(), "the stream's weights of now do not replace them");
        // a step brings every panel back to now
        browser.click("btn-step", BrowserTest.WAIT);
        waitFor("the fourth sample", () -> browser.text("sample").equals("4"));
        waitFor("now again", () -> where().startsWith("Epoch 0, sample 4/"));
        waitFor(
                "the weights of now",
                () -> !weights().equals(weights.get(1)) && !weights().equals(weights.get(3)));
    }

    /** The weights panel's numbers (its text without white space: the stream's and a moment's render alike). */
    private String weights() {
        return browser.js(
                "var e = document.getElementById('weights');" + " return e ? e.textContent.replace(/\\s+/g, '') : '';");
    }

    /** Waits for the weights panel's numbers; if they never come, says what they were instead. */
    private void waitForText(String id, String want, String what) {
        try {
            waitFor(what, () -> weights().equals(want));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(want, weights(), what);
        }
    }

    private void slide(int value) {
        browser.js("var t = document.getElementById('timeline-slider'); t.value = '" + value + "';"
                + " t.dispatchEvent(new Event('input', {bubbles: true}));");
    }

    // ---- 9: CSV errors ----

    @Test
    @Order(4)
    void aBadCsvIsSaidWhereTheVisitorLooksAndKeepsWhatTheyHad() throws Exception {
        String page = "/?dataset=xor&layers=2,5,1&lr=0.1&seed=4";
        open(page);
        String run = runId();
        upload("a,b\n1,2\n3,x\n", "", "");
        waitFor("the reason", () -> !browser.text("upload-error").isEmpty());
        assertTrue(
                browser.text("upload-error").contains("line 3, column 'b': \"x\" is not a number"),
                browser.text("upload-error"));
        // in sight at 1280×720 without scrolling
        assertEquals("0", browser.js("return String(Math.round(window.scrollY))"));
        String box = browser.js("var r = document.getElementById('upload-error').getBoundingClientRect();"
                + " return [r.top, r.bottom, window.innerHeight].join(',')");
        String[] b = box.split(",");
        assertTrue(
                Double.parseDouble(b[0]) >= 0 && Double.parseDouble(b[1]) <= Double.parseDouble(b[2]),
                "the message is on screen: " + box);
        // what the visitor had: the dataset, the settings, the run
        assertEquals("xor", browser.js("return document.getElementById('f-dataset').value"));
        assertEquals("0.1", browser.js("return document.getElementById('f-lr').value"));
        assertEquals("4", browser.js("return document.getElementById('f-seed').value"));
        assertEquals("2,5,1", browser.js("return document.getElementById('f-layers').value"));
        assertEquals(run, runId(), "the same run");
        shot("csv-error");
    }

    @Test
    @Order(6)
    void onAPhoneTheReasonIsBroughtIntoSightToo() throws Exception {
        // the form comes last on a phone: the page scrolls to the reason, clear of the bar of controls at the bottom
        try (BrowserTest.Browser phone = BrowserTest.Browser.open(390, 844, true)) {
            BrowserTest.Browser desk = browser;
            WebDriver deskDriver = driver;
            browser = phone;
            driver = phone.driver();
            try {
                open("/?dataset=xor&lr=0.1");
                upload("a,b\n1,2\n3,x\n", "", "");
                waitFor("the reason", () -> !browser.text("upload-error").isEmpty());
                waitFor("the reason in sight", () -> {
                    String[] r = browser.js("var r = document.getElementById('upload-error').getBoundingClientRect();"
                                    + " var bar = document.getElementById('controls').getBoundingClientRect();"
                                    + " return [r.top, r.bottom, Math.min(window.innerHeight, bar.top)].join(',')")
                            .split(",");
                    return Double.parseDouble(r[0]) >= 0 && Double.parseDouble(r[1]) <= Double.parseDouble(r[2]);
                });
                assertEquals("xor", browser.js("return document.getElementById('f-dataset').value"));
                assertEquals("390", browser.js("return String(document.documentElement.scrollWidth)"), "no sideways");
                shot("phone-csv-error");
            } finally {
                browser = desk;
                driver = deskDriver;
            }
        }
    }

    private void upload(String csv, String inputs, String targets) throws Exception {
        Path file = Files.createTempFile("bp-upload-", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        browser.js("document.getElementById('upload').open = true");
        driver.findElement(By.id("u-file")).sendKeys(file.toString());
        browser.js(
                "document.getElementById('u-inputs').value = arguments[0];"
                        + " document.getElementById('u-targets').value = arguments[1];",
                inputs,
                targets);
        var send = driver.findElement(By.cssSelector("#upload form button[type=submit]"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", send);
        send.click();
        waitFor(
                "the page after the upload",
                () -> browser.js("return document.readyState").equals("complete")
                        && !browser.js("return location.pathname").equals("/datasets"));
    }

    // ---- 10: the console ----

    @Test
    @Order(5)
    void theConsoleStaysCleanNoMissingIconNoCspViolation() {
        // a JSON answer opened in the browser asks for /favicon.ico
        driver.get(base + "/health");
        // a slow pace, so that the run cannot end between Resume and Pause however slow the machine
        open("/?dataset=xor&epochs=1000&speed=1e");
        step();
        step();
        waitFor(
                "the timeline",
                () -> browser.js("var t = document.getElementById('timeline-slider');"
                                + " return String(!!t && !t.disabled)")
                        .equals("true"));
        // scrubbed as a person does: dragged with the pointer
        var slider = driver.findElement(By.id("timeline-slider"));
        new org.openqa.selenium.interactions.Actions(driver)
                .scrollToElement(slider)
                .perform();
        new org.openqa.selenium.interactions.Actions(driver)
                .clickAndHold(slider)
                .moveByOffset(-60, 0)
                .pause(Duration.ofMillis(300))
                .moveByOffset(-40, 0)
                .release()
                .perform();
        waitFor("rewound", () -> where().startsWith("Rewound"));
        browser.click("btn-pause", BrowserTest.WAIT); // Resume
        sleep(1500);
        browser.click("btn-pause", BrowserTest.WAIT);
        sleep(500);
        readConsole();
        List<String> bad = console.stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()
                        || e.getMessage().contains("Content Security Policy"))
                .map(LogEntry::toString)
                .toList();
        assertTrue(bad.isEmpty(), "the console over this class's pages: " + bad);
        assertEquals("0", browser.js("return String(window.__cspViolations || 0)"), "CSP violations on this page");
        // the icon the page names, and the one a browser asks for by itself
        for (String icon : new String[] {"/static/favicon.png", "/favicon.ico"}) {
            Object answer = ((JavascriptExecutor) driver)
                    .executeAsyncScript(
                            "var done = arguments[arguments.length - 1];"
                                    + " fetch(arguments[0]).then(function (r) {"
                                    + " done(r.status + ' ' + r.headers.get('content-type')); });",
                            icon);
            assertEquals("200 image/png", String.valueOf(answer), icon);
        }
    }

    // ---- helpers ----

    /** A new session (a session holds at most 8 runs, and every import makes one). */
    @org.junit.jupiter.api.BeforeEach
    void freshSession() {
        if (driver != null) driver.manage().deleteAllCookies();
    }

    /** Opens a page of this server, waits for its run and stream, and counts its CSP violations from then on. */
    private void open(String path) {
        readConsole();
        driver.get(base + path);
        waitForRun();
        browser.js("window.__cspViolations = 0; document.addEventListener('securitypolicyviolation',"
                + " function () { window.__cspViolations++; });");
    }

    private void waitForRun() {
        waitFor(
                "the page with a run",
                () -> browser.js("return document.readyState").equals("complete") && !runId().isEmpty());
        browser.waitForStream(BrowserTest.WAIT);
    }

    private void readConsole() {
        if (driver == null) return;
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        assertEquals("0", browser.js("return String(window.__cspViolations || 0)"), "CSP violations");
    }

    private String runId() {
        return browser.js("var a = document.getElementById('app'); return a && a.dataset.run || ''");
    }

    private String where() {
        return browser.js("var w = document.querySelector('#state .where'); return w ? w.textContent.trim() : '';");
    }

    private int count(String css) {
        return Integer.parseInt(browser.js("return String(document.querySelectorAll(arguments[0]).length)", css));
    }

    /** A same-origin GET from the page (its session), as text. */
    private String fetch(String path) {
        Object v = ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + " fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {"
                                + " return r.text(); }).then(done, function (e) { done('failed: ' + e); });",
                        path);
        return String.valueOf(v);
    }

    private void shot(String name) {
        BrowserTest.shot(driver, "corners-" + name);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitFor(String what, Supplier<Boolean> condition) {
        browser.waitFor(
                what,
                BrowserTest.WAIT,
                condition,
                () -> "where: " + where() + ", header " + browser.text("epoch") + ":" + browser.text("sample"));
    }
}
