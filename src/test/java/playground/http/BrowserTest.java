package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser (headless Chromium): a shared link restores the form, Start trains and streams, Pause and
 * Step move one sample, a reload reattaches to the same run, a bad URL value is explained, and the S key steps.
 *
 * <p>The tests share one browser and one run, and run in order. Skipped with {@code -Dbrowser.skip=true}, or when
 * Chromium or its driver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Saves what {@code driver} shows as {@code name}.png in {@code -Dscreenshots.dir} (default: the temporary folder),
     * for people to look at; the test does not depend on it.
     */
    static void shot(org.openqa.selenium.WebDriver driver, String name) {
        try {
            java.nio.file.Path dir =
                    java.nio.file.Path.of(System.getProperty("screenshots.dir", System.getProperty("java.io.tmpdir")));
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(
                    dir.resolve(name + ".png"),
                    ((org.openqa.selenium.TakesScreenshot) driver)
                            .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            // a screenshot is for people to look at
        }
    }

    /**
     * A shared, non-default link. 10000 epochs of 6700 samples keep the run busy for a minute or more, so that Pause
     * always catches it running; the test pauses it as soon as the chart has its first epochs (the page slows down as
     * the chart grows: it draws every epoch).
     */
    static final String SHARED = "/?dataset=exp-sin&layers=2,4,2&lr=0.05&epochs=10000&seed=7&speed=max";

    @RegisterExtension
    static final Site site = new Site(1400, 1000);

    private Browser browser;
    private WebDriver driver;
    private String base;

    /** Values after the Step of {@link #pauseThenStepMovesExactlyOneSample()}, checked again after the reload. */
    private int epochAfterStep = -1;

    private int sampleAfterStep = -1;

    @BeforeAll
    void startServerAndBrowser() {
        browser = site.browser();
        driver = browser.driver();
        base = site.base();
    }

    @Test
    @Order(1)
    void sharedLinkRestoresTheFormAndStartStreams() {
        driver.get(base + SHARED);
        waitFor(
                "the page with a run",
                () -> !js("return document.getElementById('app').dataset.run || ''")
                        .isEmpty());
        assertEquals(
                "4",
                driver.findElement(By.cssSelector("input.width[data-hidden]")).getAttribute("value"));
        assertEquals(
                1,
                driver.findElements(By.cssSelector("input.width[data-hidden]")).size(),
                "one hidden layer");
        assertEquals("0.05", driver.findElement(By.id("f-lr")).getAttribute("value"));
        assertEquals("7", driver.findElement(By.id("f-seed")).getAttribute("value"));
        assertEquals("10000", driver.findElement(By.id("f-epochs")).getAttribute("value"));
        assertEquals("idle", chip());
        assertEquals(1, points(), "the chart shows epoch 0 before training");
        waitForStream();

        String weightsBefore = text("weights");
        click("btn-start");
        waitFor("the chart to gain points", () -> points() > 1);
        waitFor("the weights to change", () -> !text("weights").equals(weightsBefore));
        assertFalse(text("weights").isBlank());
    }

    @Test
    @Order(2)
    void pauseThenStepMovesExactlyOneSample() {
        click("btn-pause");
        waitFor("the chip to say paused", () -> chip().equals("paused"));
        waitFor("Resume in place of Pause", () -> text("btn-pause").equals("Resume"));
        int samples = samplesPerEpoch();
        long before = position(samples);

        click("btn-step");
        waitFor("one more sample", () -> position(samples) != before);
        assertEquals(before + 1, position(samples), "Step moves exactly one sample");
        assertEquals("paused", chip());
        epochAfterStep = number("epoch");
        sampleAfterStep = number("sample");

        String state = text("state");
        assertTrue(state.contains("δ"), "the backward pass is shown: " + clip(state));
        assertFalse(driver.findElements(By.cssSelector("#state table td")).isEmpty(), "the sample's tables");
    }

    @Test
    @Order(3)
    void reloadReattachesToTheSameRun() {
        Assumptions.assumeTrue(epochAfterStep >= 0, "needs the paused run of the previous test");
        String run = js("return document.getElementById('app').dataset.run");
        driver.navigate().refresh();
        waitFor("the reloaded page", () -> js("return document.readyState").equals("complete"));
        assertEquals(run, js("return document.getElementById('app').dataset.run"), "the same run");
        assertEquals("paused", chip());
        assertEquals(epochAfterStep, number("epoch"));
        assertEquals(sampleAfterStep, number("sample"));
        waitForStream();
        // the stream's first frames do not move the run either
        assertEquals("paused", chip());
        assertEquals(sampleAfterStep, number("sample"));
    }

    @Test
    @Order(4)
    void keySStepsOneSample() {
        Assumptions.assumeTrue(epochAfterStep >= 0, "needs the paused run of the previous tests");
        waitFor("the paused page", () -> chip().equals("paused"));
        int samples = samplesPerEpoch();
        long before = position(samples);
        ((JavascriptExecutor) driver).executeScript("if (document.activeElement) document.activeElement.blur();");
        new Actions(driver).sendKeys("s").perform();
        waitFor("the S key to step", () -> position(samples) != before);
        assertEquals(before + 1, position(samples), "S steps exactly one sample");
        assertEquals("paused", chip());
    }

    @Test
    @Order(5)
    void badUrlValueIsExplainedAndStartIsDisabled() {
        driver.get(base + "/?lr=abc");
        WebElement err = new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("label[for=f-lr] span.err")));
        assertTrue(err.getText().matches(".*[a-z]{3,}.*[a-z]{3,}.*"), "an error in words: " + err.getText());
        assertEquals("abc", driver.findElement(By.id("f-lr")).getAttribute("value"), "the bad value is kept");
        assertEquals("true", driver.findElement(By.id("f-lr")).getAttribute("aria-invalid"));
        WebElement start = driver.findElement(By.xpath("//header//button[normalize-space()='Start']"));
        assertFalse(start.isEnabled(), "Start is disabled while the form is invalid");
    }

    // ---- helpers ----

    static void assumeBrowser() {
        Assumptions.assumeFalse("true".equals(System.getProperty("browser.skip")), "browser.skip=true");
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute(), CHROMIUM + " is not installed");
        Assumptions.assumeTrue(new File(CHROMEDRIVER).canExecute(), CHROMEDRIVER + " is not installed");
    }

    /** Whether the browser tests can run here (see {@link #assumeBrowser()}). */
    static boolean hasBrowser() {
        return !"true".equals(System.getProperty("browser.skip"))
                && new File(CHROMIUM).canExecute()
                && new File(CHROMEDRIVER).canExecute();
    }

    private String js(String script) {
        return browser.js(script);
    }

    /** An element's text, read in one go in the page (the stream may swap it at any time). */
    private String text(String id) {
        return js("var e = document.getElementById('" + id + "'); return e ? e.textContent.trim() : '';");
    }

    private int number(String id) {
        return Integer.parseInt(text(id));
    }

    private String chip() {
        return text("state-chip");
    }

    private int points() {
        return Integer.parseInt(js("return String(document.querySelectorAll('svg.chart.lin circle.pt').length)"));
    }

    /** n in "sample i/n". */
    private int samplesPerEpoch() {
        String stat = js("return document.getElementById('sample').parentElement.textContent");
        return Integer.parseInt(stat.replaceAll("\\s", "").replaceAll(".*/", ""));
    }

    /**
     * The number of samples trained, from the status line: epoch E and sample S, E epochs and S samples of the next
     * done (as a link's at=E:S). The last sample of an epoch wraps to sample 0 of the next.
     */
    private long position(int samples) {
        // one read, so that epoch and sample come from the same fragment
        String both = js("return document.getElementById('epoch').textContent + ' '"
                + " + document.getElementById('sample').textContent");
        String[] p = both.trim().split("\\s+");
        return Long.parseLong(p[0]) * samples + Long.parseLong(p[1]);
    }

    /** Waits until the page has its SSE connection (htmx marks the element), so swaps reach the page. */
    private void waitForStream() {
        browser.waitForStream(WAIT);
    }

    /** Clicks a control, found afresh (the stream swaps the controls), once it is enabled. */
    private void click(String id) {
        browser.click(id, WAIT);
    }

    private void waitFor(String what, Supplier<Boolean> condition) {
        browser.waitFor(
                what,
                WAIT,
                condition,
                () -> "chip " + chip() + ", epoch " + text("epoch") + ", sample " + text("sample") + ", message "
                        + clip(text("message")));
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /**
     * The real server on a free port and one browser on it, for a test class: {@code @RegisterExtension static final
     * Site site = new Site(1280, 720);} skips the class where there is no browser, opens every panel of numbers, and
     * closes both after the class's tests.
     */
    static final class Site implements BeforeAllCallback, AfterAllCallback {
        private final int width;
        private final int height;
        private Server server;
        private Browser browser;

        Site(int width, int height) {
            this.width = width;
            this.height = height;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            assumeBrowser();
            server = Server.start(0);
            browser = Browser.open(width, height, false);
            browser.openAllPanels(base());
        }

        @Override
        public void afterAll(ExtensionContext context) {
            try {
                if (browser != null) browser.close();
            } finally {
                if (server != null) server.close();
            }
        }

        Browser browser() {
            return browser;
        }

        String base() {
            return "http://localhost:" + server.port();
        }
    }

    /**
     * A headless Chromium configured for this machine: no network of its own (the machine may be offline), a fresh
     * profile each time (no state carried between tests), and no back/forward cache (it would keep a page left behind,
     * and its stream, alive).
     */
    record Browser(WebDriver driver, Path profile) implements AutoCloseable {
        /** How often a wait asks the page again: Selenium's own default. */
        static final Duration POLL = Duration.ofMillis(500);

        /**
         * The one wait of the browser tests: until {@code condition} holds, asking again every {@link #POLL} (an
         * element that the stream swapped meanwhile, or a number read half-written, counts as not yet); fails with
         * what was awaited and, from {@code seen}, what the page showed instead.
         */
        void waitFor(String what, Duration wait, Supplier<Boolean> condition, Supplier<String> seen) {
            waitFor(what, wait, POLL, condition, seen);
        }

        void waitFor(String what, Duration wait, Duration poll, Supplier<Boolean> condition, Supplier<String> seen) {
            new WebDriverWait(driver, wait, poll)
                    .withMessage(() -> {
                        String s = seen.get();
                        return s.isEmpty() ? what : what + " (" + s + ")";
                    })
                    .ignoring(StaleElementReferenceException.class)
                    .ignoring(NumberFormatException.class)
                    .until(d -> condition.get());
        }

        /** Waits, with nothing more to say on failure than what was awaited. */
        void waitFor(String what, Supplier<Boolean> condition) {
            waitFor(what, WAIT, condition, () -> "");
        }
        /**
         * Opens every panel of numbers on this server's pages from now on (the page keeps the learner's choice in the
         * browser's storage, as a learner who opened them would have).
         */
        void openAllPanels(String base) {
            driver.get(base + "/health");
            js("localStorage.setItem('bp-panels', 'sample,equations,weights,gradcheck')");
        }

        /** Runs a script in the page (with arguments[0], ... when given); its result as text ("" for none). */
        String js(String script, Object... args) {
            Object v = ((JavascriptExecutor) driver).executeScript(script, args);
            return v == null ? "" : v.toString();
        }

        /** An element's text, read in one go in the page (the stream may swap it at any time). */
        String text(String id) {
            return js("var e = document.getElementById('" + id + "'); return e ? e.textContent.trim() : '';");
        }

        /** Waits until the page has its SSE connection (htmx marks the element), so swaps reach the page. */
        void waitForStream(Duration wait) {
            waitFor(
                    "the SSE stream to open",
                    wait,
                    () -> js("var a = document.getElementById('app');"
                                    + " var s = a && htmx && a['htmx-internal-data']"
                                    + " && a['htmx-internal-data'].sseEventSource;"
                                    + " return s ? String(s.readyState) : 'none'")
                            .equals("1"),
                    () -> "");
        }

        /**
         * Clicks a control, found afresh (the stream swaps the controls), once it is enabled: a DOM click, in one
         * script, once htmx has set the button up (a button just swapped in is inert until then); a pointer click can
         * land on a button the stream is just replacing.
         */
        void click(String id, Duration wait) {
            waitFor(
                    "to click " + id,
                    wait,
                    () -> "clicked"
                            .equals(js("var b = document.getElementById('" + id + "');"
                                    + " if (!b || b.disabled) return 'no';"
                                    + " var h = b['htmx-internal-data']; if (!h || !h.initHash) return 'not ready';"
                                    + " b.click(); return 'clicked';")),
                    () -> "");
        }

        static Browser open(int width, int height, boolean phone) {
            Path profile;
            try {
                profile = Files.createTempDirectory("bp-chromium-");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-features=BackForwardCache",
                    "--hide-scrollbars",
                    "--user-data-dir=" + profile);
            // the console (errors, CSP violations, 404s), for tests that check it stays clean
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            if (phone) {
                options.setExperimentalOption(
                        "mobileEmulation",
                        Map.of(
                                "deviceMetrics",
                                Map.of(
                                        "width",
                                        width,
                                        "height",
                                        height,
                                        "pixelRatio",
                                        1.0,
                                        "mobile",
                                        true,
                                        "touch",
                                        true),
                                "userAgent",
                                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                                        + " Chrome/156.0 Mobile Safari/537.36"));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            if (!phone) {
                // the viewport, not the window, is width x height: headless Chromium's window has a frame too
                driver.manage().window().setSize(new Dimension(width, height));
                Object frame = ((JavascriptExecutor) driver)
                        .executeScript("return [window.outerWidth - window.innerWidth,"
                                + " window.outerHeight - window.innerHeight].join(',')");
                String[] f = String.valueOf(frame).split(",");
                int dw = Integer.parseInt(f[0]), dh = Integer.parseInt(f[1]);
                if (dw > 0 || dh > 0) driver.manage().window().setSize(new Dimension(width + dw, height + dh));
            }
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            return new Browser(driver, profile);
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a temp dir left behind is harmless
                }
            }
        }
    }
}
