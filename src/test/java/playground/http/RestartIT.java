package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * A restart loses nothing the page still shows: the packaged jar runs as its own process on a fixed port; it is stopped
 * with SIGTERM and started again on the same port, as a platform restarts a dyno. The page rebuilds its run by itself
 * (no reload) within 10 s of the new server's start, shows the same numbers, says so in its status line, and goes on:
 * Step steps, a run that was training trains. Needs the jar ({@code -Dapp.jar}, set by failsafe) and Chromium.
 *
 * <p>Screenshots of the status line after the rebuild go to {@code <java.io.tmpdir>/bp-restart/}.
 */
class RestartIT {
    /** From the new server's start to the page showing its rebuilt run (the limit). */
    static final double RECOVERY_LIMIT_SECONDS = 10;

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String NOTE = "The server restarted; your run was rebuilt at epoch %s, sample %s";

    private int port;
    private PackagedServer server;
    private Process process;
    private BrowserTest.Browser browser;

    @BeforeEach
    void setUp() throws IOException {
        BrowserTest.assumeBrowser();
        String jarProp = System.getProperty("app.jar");
        Assumptions.assumeTrue(jarProp != null && new File(jarProp).isFile(), "set -Dapp.jar=<path to the jar>");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    @Test
    void aPausedRunIsRebuiltWithTheSameNumbersAndStepWorks() throws Exception {
        start();
        browser = BrowserTest.Browser.open(1280, 720, false);
        browser.openAllPanels(base());
        browser.driver().get(base() + "/?dataset=xor&seed=4&speed=50e");
        browser.waitForStream(WAIT);
        // another configuration from the form (the page swaps itself, no reload): the run to keep is that one
        String first = runId();
        browser.js("document.querySelector('a.new-seed').click()");
        waitFor("the next seed's run", () -> !runId().isEmpty() && !runId().equals(first));
        assertTrue(browser.js("return location.search").contains("seed=5"));
        browser.waitForStream(WAIT);
        browser.click("btn-epoch", WAIT);
        waitFor("an epoch", () -> chip().equals("paused") && number("epoch") == 1 && number("sample") == 0);
        browser.click("btn-epoch", WAIT);
        waitFor("two epochs", () -> chip().equals("paused") && number("epoch") == 2 && number("sample") == 0);
        browser.click("btn-step", WAIT);
        browser.click("btn-step", WAIT);
        waitFor("the steps shown", () -> number("sample") == 2);
        // the visitor's choices: the equations closed, linear scale
        browser.js("document.getElementById('p-equations').open = false;"
                + " document.getElementById('log-scale').click();");
        Shown before = shown();
        double headBefore = headerHeight();
        assertTrue(before.weights.length() > 100, "the weights panel shows numbers: " + before.weights);

        double recovered = restart();
        String note = String.format(Locale.ROOT, NOTE, before.epoch, before.sample);
        System.out.printf(
                Locale.ROOT, "RESTART paused xor: page rebuilt %.2f s after the new server started%n", recovered);
        assertTrue(recovered <= RECOVERY_LIMIT_SECONDS, "rebuilt within 10 s, took " + recovered);
        assertEquals(
                note,
                browser.text("recovery-note"),
                () -> "the status line says so, with the header's numbers" + trail());
        Shown after = shown();
        assertNotEquals(before.run, after.run, "a new run, on the new server");
        assertEquals(before.withoutRun(), after.withoutRun(), "the same numbers, the same weights, paused");
        assertEquals(headBefore, headerHeight(), 0.5, "the header keeps its height with the note");
        assertEquals(
                "weights open, equations closed, log scale off",
                browser.js("return (document.getElementById('p-weights').open ? 'weights open' : 'weights closed')"
                        + " + (document.getElementById('p-equations').open ? ', equations open' : ', equations closed')"
                        + " + (document.getElementById('log-scale').checked ? ', log scale on' : ', log scale off')"),
                "the visitor's choices stay");
        screenshot("paused-1280x720");

        // Step works on the rebuilt run, and gives the sample after the one shown
        browser.click("btn-step", WAIT);
        waitFor("Step on the rebuilt run", () -> number("sample") == 3);
        assertEquals(before.epoch, browser.text("epoch"));

        // a control that answers 404 (its run is not on this server: another instance) rebuilds, then is retried
        String run = runId();
        browser.js("var b = document.getElementById('btn-step');"
                + " b.setAttribute('hx-post', '/runs/gone-elsewhere/step'); htmx.process(b);");
        waitFor(
                "the button rewired",
                () -> browser.js("var b = document.getElementById('btn-step');" + " return b.getAttribute('hx-post')")
                        .startsWith("/runs/gone"));
        browser.js("document.getElementById('btn-step').click()");
        waitFor("the Step retried after the 404", () -> number("sample") == 4);
        assertEquals(run, runId(), "the run was still here: the page reattached to it, no new run");

        // a control pressed while the server is away is pressed again on the rebuilt run
        process.destroy();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server exits within 10 s of SIGTERM");
        browser.click("btn-step", WAIT);
        double again = startAndAwaitRebuild();
        System.out.printf(
                Locale.ROOT, "RESTART with a Step pressed meanwhile: page rebuilt %.2f s after the start%n", again);
        waitFor("the Step pressed while the server was away", () -> number("sample") == 5);
        assertEquals(String.format(Locale.ROOT, NOTE, before.epoch, "4"), browser.text("recovery-note"));
    }

    @Test
    void aTrainingRunGoesOnTrainingAfterTheRestart() throws Exception {
        start();
        browser = BrowserTest.Browser.open(390, 844, true);
        // 2 epochs a second of 6700 samples: slow enough to see, fast enough that it moves between frames
        browser.driver().get(base() + "/?dataset=exp-sin&seed=11&epochs=200&speed=2e");
        browser.waitForStream(WAIT);
        browser.click("btn-start", WAIT);
        waitFor("training", () -> chip().equals("running") && number("epoch") >= 2);
        double headBefore = headerHeight();

        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server exits within 10 s of SIGTERM");
        // what the page shows once its server is gone: the moment it rebuilds
        Thread.sleep(300);
        String epoch = browser.text("epoch"), sample = browser.text("sample");
        String at = browser.js("return document.getElementById('at').dataset.at");
        double recovered = startAndAwaitRebuild();
        System.out.printf(
                Locale.ROOT, "RESTART training exp-sin: page rebuilt %.2f s after the new server started%n", recovered);
        assertTrue(recovered <= RECOVERY_LIMIT_SECONDS, "rebuilt within 10 s, took " + recovered);
        assertEquals(String.format(Locale.ROOT, NOTE, epoch, sample), browser.text("recovery-note"));
        screenshot("training-390x844");
        assertEquals(headBefore, headerHeight(), 0.5, "the header keeps its height with the note");
        waitFor("training again", () -> chip().equals("running"));
        long from = position(at);
        waitFor(
                "the rebuilt run trains on",
                () -> position(browser.js("return document.getElementById('at').dataset.at")) > from + 6700);
        assertTrue(browser.js("return location.search").contains("speed=2e"), "at its pace");
    }

    @Test
    void uploadedDataIsNamedAndUploadingItAgainRebuildsTheRun() throws Exception {
        start();
        Path csv = Files.createTempFile("my-points-", ".csv");
        try {
            StringBuilder sb = new StringBuilder("a,b,y\n");
            for (int i = 0; i < 120; i++) {
                double a = (i % 11) / 10.0, b = (i % 7) / 6.0;
                sb.append(String.format(Locale.ROOT, "%.3f,%.3f,%.4f%n", a, b, Math.sin(3 * a) + b * b));
            }
            Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
            browser = BrowserTest.Browser.open(1280, 720, false);
            browser.openAllPanels(base());
            browser.driver().get(base() + "/?dataset=upload");
            upload(csv, "a,b", "y");
            waitFor("the run on the uploaded data", () -> !runId().isEmpty());
            waitFor(
                    "the address bar names the uploaded data",
                    () -> browser.js("return location.search").contains("dataset=csv-"));
            browser.waitForStream(WAIT);
            browser.click("btn-epoch", WAIT);
            waitFor("an epoch", () -> number("epoch") >= 1);
            browser.click("btn-step", WAIT);
            waitFor("a step", () -> number("sample") == 1);
            Shown before = shown();
            assertTrue(before.weights.length() > 50, "the weights panel shows numbers: " + before.weights);

            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server exits within 10 s of SIGTERM");
            start();
            waitFor(
                    "the page names the file to upload again",
                    () -> browser.text("recovery-note")
                            .contains(csv.getFileName().toString()));
            String note = browser.text("recovery-note");
            assertTrue(
                    note.contains("epoch " + before.epoch + ", sample " + before.sample), "names the moment: " + note);
            screenshot("upload-again-1280x720");
            assertEquals("a,b", browser.js("return document.getElementById('u-inputs').value"), "columns kept");
            assertEquals("y", browser.js("return document.getElementById('u-targets').value"));

            upload(csv, null, null);
            waitFor("the run rebuilt from the file", () -> !runId().isEmpty());
            browser.waitForStream(WAIT);
            waitFor("the same moment", () -> browser.text("sample").equals(before.sample));
            assertEquals(before.withoutRun(), shown().withoutRun(), "the same numbers after uploading the file again");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** Opens the upload form, picks the file and the columns (null keeps what the form shows), and sends it. */
    private void upload(Path csv, String inputs, String targets) {
        browser.js("document.getElementById('upload').open = true");
        // found afresh until it takes the file: the page may swap the form in between
        browser.waitFor(
                "to pick the file",
                WAIT,
                () -> {
                    browser.driver()
                            .findElement(By.id("u-file"))
                            .sendKeys(csv.toAbsolutePath().toString());
                    return true;
                },
                () -> "");
        if (inputs != null) browser.js("document.getElementById('u-inputs').value = '" + inputs + "'");
        if (targets != null) browser.js("document.getElementById('u-targets').value = '" + targets + "'");
        browser.js("document.querySelector('.upload-form button[type=submit]').click()");
    }

    /** What the page shows: the run, the header's numbers, the state, the weights (when open). */
    record Shown(String run, String epoch, String sample, String train, String test, String state, String weights) {
        Shown withoutRun() {
            return new Shown("", epoch, sample, train, test, state, weights);
        }
    }

    private Shown shown() {
        String[] v = browser.js("function t(id) { var e = document.getElementById(id);"
                        + " return e ? e.textContent.replace(/\\s+/g, ' ').trim() : ''; }"
                        + " return [document.getElementById('app').dataset.run || '', t('epoch'), t('sample'),"
                        + " t('train-loss'), t('test-loss'), t('state-chip'), t('weights')].join('\\u0001')")
                .split("\u0001", -1);
        return new Shown(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    /** SIGTERM, the process exits, then the jar again on the same port: seconds from its start to the rebuilt page. */
    private double restart() throws Exception {
        String run = runId();
        process.destroy();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server exits within 10 s of SIGTERM");
        String out = server.log();
        assertTrue(out.contains("event=stopping"), out);
        assertEquals(run, runId(), "no reload: the page still shows its run");
        return startAndAwaitRebuild();
    }

    private double startAndAwaitRebuild() throws Exception {
        String run = runId();
        long started = start();
        // asked every 50 ms: the time it took is what this measures
        browser.waitFor(
                "the page to rebuild its run",
                WAIT,
                Duration.ofMillis(50),
                () -> {
                    String now = runId();
                    return !now.isEmpty()
                            && !now.equals(run)
                            && !browser.text("recovery-note").isEmpty();
                },
                this::trail);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "RESTART timings: the jar listened %.2f s after its launch; the page rebuilt %.2f s after that%n",
                (started - launched) / 1e9,
                seconds);
        browser.waitForStream(WAIT);
        return seconds;
    }

    /** System.nanoTime() when the jar was last launched. */
    private long launched;

    /** Starts the jar on the port; answers System.nanoTime() when it logged that it listens. */
    private long start() throws Exception {
        if (server != null) server.close();
        server = PackagedServer.start(port, List.of(), Map.of());
        process = server.process;
        launched = server.launchedNanos;
        return server.startedNanos;
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private String runId() {
        return browser.js("var a = document.getElementById('app'); return a ? (a.dataset.run || '') : ''");
    }

    /** What the page did to keep its run (app.js keeps the last steps), for a failure's message. */
    private String trail() {
        return "; the page's recovery: " + browser.js("return (window.bpRecoveryTrail || []).join(' | ')");
    }

    private String chip() {
        return browser.text("state-chip");
    }

    private int number(String id) {
        String t = browser.text(id);
        return t.isEmpty() ? -1 : Integer.parseInt(t);
    }

    /** Samples into the run of an "EPOCHS:SAMPLES" moment, 6700 samples an epoch (exp-sin's training set). */
    private static long position(String at) {
        String[] p = at.split(":");
        return Long.parseLong(p[0]) * 6700 + Long.parseLong(p[1]);
    }

    private double headerHeight() {
        return Double.parseDouble(
                browser.js("return String(document.querySelector('header.topbar').getBoundingClientRect().height)"));
    }

    private void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "bp-restart");
        Files.createDirectories(dir);
        byte[] png = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(name + ".png"), png);
    }

    private void waitFor(String what, Supplier<Boolean> condition) {
        browser.waitFor(
                what,
                WAIT,
                condition,
                () -> "chip " + chip() + ", epoch " + browser.text("epoch") + ", sample " + browser.text("sample")
                        + ", note " + browser.text("recovery-note") + trail());
    }
}
