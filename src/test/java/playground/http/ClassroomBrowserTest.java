package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The classroom in a real browser (headless Chromium, as {@link BrowserTest}): a teacher's link keeps its locked
 * values through every swap and link of the page and leaves its hidden parts out; a lesson's check turns green live
 * and the lessons page remembers it; the embed view works inside an iframe of a page from another site (another host
 * name and port: its cookie, its stream, its controls), while the full page refuses to be framed there.
 *
 * <p>Screenshots go to {@code -Dscreenshots.dir} (default: the temporary folder), named {@code classroom-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassroomBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    private Server server;
    private HttpServer course;
    private BrowserTest.Browser browser;
    private WebDriver driver;
    private String base;

    @BeforeAll
    void start() throws Exception {
        BrowserTest.assumeBrowser();
        server = Server.start(0);
        base = "http://localhost:" + server.port();
        // a course page on another site: 127.0.0.1 is not localhost's site, and its port is another too
        course = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        course.createContext("/", ex -> {
            String embed = base + "/embed?dataset=xor&epochs=30&speed=20e";
            byte[] page = ("<!doctype html><html><head><title>A course</title>"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body style=\"margin:0\">"
                            + "<h1 style=\"font:16px sans-serif;margin:8px\">Week 3: hidden layers</h1>"
                            + "<iframe id=\"embed\" src=\"" + embed.replace("&", "&amp;")
                            + "\" width=\"960\" height=\"540\" style=\"border:0;max-width:100%\""
                            + " title=\"Backprop Playground\"></iframe>"
                            + "<p style=\"font:12px sans-serif;margin:8px\">The full page in a frame (it refuses):</p>"
                            + "<iframe id=\"full\" src=\"" + base
                            + "/?dataset=xor\" width=\"300\" height=\"100\"></iframe>"
                            + "</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        course.start();
        browser = BrowserTest.Browser.open(1280, 720, false);
        driver = browser.driver();
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (course != null) course.stop(0);
        if (server != null) server.close();
    }

    @Test
    void aLockedParameterCannotBeChangedAndHiddenPartsAreAbsent() {
        driver.get(base + "/?dataset=xor&layers=2,4,1&lr=0.1&epochs=50"
                + "&lock=lr,layers&hide=optimizer,regularization,init,regRate,gradcheck,upload");
        browser.waitForStream(WAIT);
        shot("locked");
        assertLocked();
        // the learner tries anyway: typing into the field changes nothing
        try {
            driver.findElement(By.id("f-lr")).sendKeys("5");
        } catch (org.openqa.selenium.ElementNotInteractableException expected) {
            // a disabled field takes no keys
        }
        assertEquals("0.1", browser.js("return document.getElementById('f-lr').value"));
        // an unlocked field swaps the page: the locks and hidden parts stay, in the address bar too (Copy link's)
        browser.js("var e = document.getElementById('f-epochs'); e.value = '80';"
                + " e.dispatchEvent(new Event('change', {bubbles: true}))");
        waitFor("the page with 80 epochs", () -> param("epochs").equals("80"));
        browser.waitForStream(WAIT);
        assertEquals("layers,lr", param("lock"), location());
        assertEquals("optimizer,regularization,regRate,init,gradcheck,upload", param("hide"), location());
        assertLocked();
        // next seed, the page's own link: the same
        browser.js("document.querySelector('a.new-seed').click()"); // (in a group that is folded)
        waitFor("the next seed", () -> param("seed").equals("43"));
        browser.waitForStream(WAIT);
        assertLocked();
        assertEquals("0.1", param("lr"), location());
        assertEquals("2,4,1", param("layers"), location());
        assertEquals("layers,lr", param("lock"), location());
        // another dataset opens fresh, and keeps the locked values
        browser.js("var e = document.getElementById('f-dataset'); e.value = 'circle';"
                + " e.dispatchEvent(new Event('change', {bubbles: true}))");
        waitFor("the circle", () -> param("dataset").equals("circle"));
        browser.waitForStream(WAIT);
        assertLocked();
        assertEquals("0.1", param("lr"), location());
        assertEquals("2,4,1", param("layers"), location());
        assertEquals("layers,lr", param("lock"), location());
    }

    private void assertLocked() {
        assertEquals("0.1", browser.js("return document.getElementById('f-lr').value"));
        assertEquals("true", browser.js("return String(document.getElementById('f-lr').disabled)"));
        assertTrue(browser.text("l-lr").contains("fixed by this link"), "the reason, under the field");
        assertEquals(
                "0.1",
                browser.js("return new FormData(document.getElementById('config')).get('lr')"),
                "the form still sends the locked value");
        assertEquals("2,4,1", browser.js("return document.getElementById('f-layers').value"));
        assertEquals(0, count("a.chip-add") + count("a.remove"), "no + layer, no ×");
        assertEquals("true", browser.js("return String(document.querySelector('[data-hidden]').disabled)"));
        for (String absent :
                new String[] {"f-optimizer", "f-regularization", "f-init", "f-regRate", "p-gradcheck", "upload"}) {
            assertEquals(0, count("#" + absent), absent + " is not on the page");
        }
        assertEquals(1, count("#p-sample"), "the panels not hidden are there");
    }

    @Test
    void aLessonsCheckTurnsGreenLiveAndTheLessonsPageRemembersIt() {
        driver.get(base + "/lessons");
        shot("lessons");
        assertEquals(0, count(".lesson-card.done"));
        // the circle lesson, solved: features on, no hidden layer
        driver.get(base + "/?dataset=circle&features=x1,x2,x1sq,x2sq&layers=4,1&epochs=60&speed=max"
                + "&lesson=features-make-the-circle-linear");
        browser.waitForStream(WAIT);
        waitFor("the check", () -> count("#lesson-check .check") == 1);
        assertEquals("false", browser.js("return document.querySelector('#lesson-check .check').dataset.met"));
        browser.click("btn-start", WAIT);
        waitFor("the check to turn green", () -> count("#lesson-check .check.met") == 1);
        assertTrue(browser.text("lesson-check").contains("Task done"));
        shot("lesson-done");
        driver.get(base + "/lessons");
        waitFor("the lesson marked done", () -> count(".lesson-card.done") == 1);
        assertEquals(
                "features-make-the-circle-linear",
                browser.js("return document.querySelector('.lesson-card.done').dataset.lesson"));
        assertTrue(browser.text("progress").startsWith("1 of "));
    }

    @Test
    void theEmbedWorksInAnIframeOfAnotherSiteAndTheFullPageDoesNot() {
        driver.get("http://127.0.0.1:" + course.getAddress().getPort() + "/");
        // the full page: refused by the browser (frame-ancestors 'none'), so nothing of it is in its frame
        driver.switchTo().frame("full");
        assertEquals("", browser.js("return document.getElementById('app') ? 'app' : ''"), "the full page not framed");
        driver.switchTo().defaultContent();
        driver.switchTo().frame("embed");
        waitFor("the embed's page", () -> count("#app") == 1);
        browser.waitForStream(WAIT); // its session cookie came with the stream's request: else 404
        assertEquals(1, count("#diagram svg"), "the network");
        assertEquals(1, count("#heatmap img"), "the output");
        assertTrue(count("#chart svg") > 0, "the loss");
        assertEquals(0, count("#config"), "no configuration");
        assertTrue(
                browser.js("return document.getElementById('open-full').href").startsWith(base + "/?dataset=xor"),
                "the link out");
        // the numbers, one click away: a sample stepped, then its panel opened
        browser.click("btn-step", WAIT);
        driver.findElement(By.cssSelector("#p-sample > summary")).click();
        browser.waitFor(
                "the numbers",
                WAIT,
                () -> count("#state .where") > 0,
                () -> "the panel open: " + browser.js("return String(document.getElementById('p-sample').open)")
                        + ", chip " + browser.text("state-chip") + ", epoch " + browser.text("epoch") + ", the panel"
                        + " shows: " + browser.text("state"));
        // and it trains (Resume, after a step)
        browser.click("btn-pause", WAIT);
        waitFor(
                "the embedded run to train",
                () -> !browser.text("epoch").isEmpty() && Integer.parseInt(browser.text("epoch")) >= 2);
        driver.switchTo().defaultContent();
        driver.manage().window().setSize(new Dimension(1280, 720));
        shot("embed");
    }

    @Test
    void thePageOffersTheEmbedSnippet() {
        driver.get(base + "/?dataset=xor&lr=0.1");
        browser.waitForStream(WAIT);
        driver.findElement(By.id("embed-btn")).click();
        String code = browser.js("return document.getElementById('embed-code').value");
        assertTrue(code.startsWith("<iframe src=\"" + base + "/embed?dataset=xor"), code);
        assertTrue(code.contains("lr=0.1") && code.contains("width=\"960\" height=\"540\""), code);
    }

    /** A parameter of the address bar's link (what Copy link copies). */
    private String param(String name) {
        return browser.js("return new URL(location.href).searchParams.get(arguments[0]) || ''", name);
    }

    /** What a learner sees on a phone (390×844): the lessons, a teacher's link, the embed in a course page. */
    @Test
    void onAPhone() {
        try (BrowserTest.Browser phone = BrowserTest.Browser.open(390, 844, true)) {
            WebDriver d = phone.driver();
            d.get(base + "/lessons");
            shot(d, "phone-lessons");
            d.get(base + "/?dataset=xor&layers=2,1&lock=lr,layers&hide=optimizer,regularization,init,regRate"
                    + "&lesson=xor-needs-a-hidden-layer");
            phone.waitForStream(WAIT);
            phone.js("document.getElementById('lesson').scrollIntoView()");
            shot(d, "phone-lesson");
            d.get("http://127.0.0.1:" + course.getAddress().getPort() + "/");
            d.switchTo().frame("embed");
            phone.waitForStream(WAIT);
            d.switchTo().defaultContent();
            shot(d, "phone-embed");
            assertEquals(
                    "0",
                    phone.js("return String(document.documentElement.scrollWidth - innerWidth)"),
                    "no sideways scroll");
        }
    }

    private String location() {
        return browser.js("return location.href");
    }

    private int count(String css) {
        return Integer.parseInt(browser.js("return String(document.querySelectorAll(arguments[0]).length)", css));
    }

    private void waitFor(String what, Supplier<Boolean> condition) {
        new WebDriverWait(driver, WAIT)
                .withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> condition.get());
    }

    private void shot(String name) {
        shot(driver, name);
    }

    private static void shot(WebDriver driver, String name) {
        BrowserTest.shot(driver, "classroom-" + name);
    }
}
