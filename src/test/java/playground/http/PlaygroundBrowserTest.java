package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;

/**
 * What a TensorFlow Playground user looks for, in a real browser: xor trains to over 95% test accuracy with the output
 * heatmap on screen and changing, the network diagram's edges select their weight in the tables, and toggling an input
 * feature changes the input layer. Skipped like {@link BrowserTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaygroundBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final BrowserTest.Site site = new BrowserTest.Site(1400, 1000);

    private BrowserTest.Browser browser;
    private WebDriver driver;
    private String base;

    @BeforeAll
    void start() {
        browser = site.browser();
        driver = browser.driver();
        base = site.base();
    }

    @Test
    @Order(1)
    void xorTrainsToOver95PercentWithTheHeatmapVisible() {
        driver.get(base + "/?dataset=xor&epochs=150&seed=1");
        waitFor(
                "the page with a run",
                () -> !js("return document.getElementById('app').dataset.run || ''")
                        .isEmpty());
        // the heatmap is on screen: an image that has loaded, with a size, under the 500 points
        waitFor(
                "the heatmap image to load",
                () -> js("var i = document.querySelector('#heatmap img');"
                                + " return i && i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 100"
                                + " ? 'yes' : 'no'")
                        .equals("yes"));
        assertEquals("500", js("return String(document.querySelectorAll('.hm svg circle').length)"), "every point");
        // 2-4-2-1: 8 + 8 + 2 weights, one edge each
        assertEquals("18", js("return String(document.querySelectorAll('#diagram g.edge[data-ref]').length)"));
        String before = js("return document.querySelector('#heatmap img').src");
        waitForStream();
        click("btn-start");
        waitFor("the run to finish", () -> text("state-chip").equals("done"));
        String accuracy = text("test-accuracy");
        double percent = Double.parseDouble(accuracy.replace("%", ""));
        assertTrue(percent > 95, "test accuracy " + accuracy);
        waitFor(
                "the heatmap to show the trained network",
                () -> !js("return document.querySelector('#heatmap img').src").equals(before));
        assertEquals(
                "yes",
                js("var i = document.querySelector('#heatmap img'); var r = i.getBoundingClientRect();"
                        + " return r.width > 100 && r.height > 100 && getComputedStyle(i).visibility === 'visible'"
                        + " ? 'yes' : 'no'"));
        // the status JSON has the accuracy per epoch
        String id = js("return document.getElementById('app').dataset.run");
        String status = js("var x = new XMLHttpRequest(); x.open('GET', '/api/runs/" + id + "', false); x.send();"
                + " return x.responseText");
        assertTrue(status.contains("\"testAccuracy\":["), status.substring(0, Math.min(300, status.length())));
    }

    @Test
    @Order(2)
    void clickingAnEdgeSelectsItsWeightInTheTables() {
        js("document.querySelector('#diagram g.edge[data-ref=\"W2-1-0\"]').dispatchEvent(new MouseEvent('click',"
                + " {bubbles: true}))");
        waitFor(
                "the weight's cell to light up",
                () -> js("var c = document.querySelectorAll('td[data-ref=\"W2-1-0\"].hl,"
                                + " td#W2-1-0.hl, [data-ref=\"W2-1-0\"].hl'); return String(c.length)")
                        .matches("[2-9]|\\d\\d+"));
    }

    @Test
    @Order(3)
    void togglingAFeatureChangesTheInputLayer() {
        js("document.querySelector('a.chip-feature[data-feature=\"x1x2\"]').click()");
        waitFor(
                "three inputs",
                () -> js("var f = document.getElementById('f-layers'); return f ? f.value : ''")
                        .startsWith("3,"));
        waitFor(
                "the diagram's three input nodes",
                () -> js("return String(document.querySelectorAll(" + "'#diagram [data-ref^=\"x-\"]').length)")
                        .equals("3"));
        assertTrue(driver.getCurrentUrl().contains("features=x1,x2,x1x2"), driver.getCurrentUrl());
    }

    // ---- helpers ----

    private String js(String script) {
        return browser.js(script);
    }

    private String text(String id) {
        return browser.text(id);
    }

    private void waitForStream() {
        browser.waitForStream(WAIT);
    }

    private void click(String id) {
        browser.click(id, WAIT);
    }

    private void waitFor(String what, Supplier<Boolean> condition) {
        browser.waitFor(what, WAIT, condition, () -> "chip " + text("state-chip") + ", message " + text("message"));
    }
}
