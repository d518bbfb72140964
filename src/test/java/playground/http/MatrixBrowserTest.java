package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Big matrices in a real browser: on 2-64-64-1 the weights are pictures, not thousands of cells, and the pointer and
 * the keyboard read the exact number of the cell under them. Set up as {@link BrowserTest} (headless Chromium; skipped
 * with {@code -Dbrowser.skip=true} or without Chromium and its driver).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatrixBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String PAGE = "/?dataset=spiral&layers=2,64,64,1&seed=3";

    /** W^(2)'s picture on the weights panel. */
    static final String W2 = "#weights img.mx-img[data-ref-prefix='W2']";

    @RegisterExtension
    static final BrowserTest.Site site = new BrowserTest.Site(1280, 900);

    private BrowserTest.Browser browser;
    private WebDriver driver;
    private String base;

    @BeforeAll
    void startServerAndBrowser() {
        browser = site.browser();
        driver = browser.driver();
        base = site.base();
    }

    @Test
    void bigMatricesArePicturesThatTellTheExactNumberUnderThePointer() throws Exception {
        driver.get(base + PAGE);
        waitFor(
                "the page with a run",
                () -> !browser.js("return document.querySelector('[data-run]') ? "
                                + "document.querySelector('[data-run]').getAttribute('data-run') : ''")
                        .isEmpty());
        // the page links matrix.js once the page template is merged; until then the test adds it as the page would
        browser.js("if (!document.querySelector('script[src=\"/static/matrix.js\"]')) {"
                + " var s = document.createElement('script'); s.src = '/static/matrix.js';"
                + " document.head.appendChild(s); }");
        waitFor(
                "matrix.js and its stylesheet",
                () -> browser.js("var l = document.querySelector('link[href=\"/static/matrix.css\"]');"
                                + " return String(!!(l && l.sheet))")
                        .equals("true"));
        browser.waitForStream(WAIT);
        browser.click("btn-step", WAIT);
        waitFor(
                "the sample's tables",
                () -> browser.js("return String(document.querySelectorAll('#state img.mx-img').length)")
                        .equals("1"));

        // pictures, not cells
        assertEquals("64", attr(W2, "data-rows"));
        assertEquals("64", attr(W2, "data-cols"));
        assertTrue(
                browser.js("return document.querySelector(\"" + W2 + "\").closest('figure').textContent")
                        .contains("64 × 64, scale ±"),
                "captioned with its shape and scale");
        int cells = Integer.parseInt(browser.js("return String(document.querySelectorAll('td').length)"));
        assertTrue(cells <= 600, cells + " <td> on the page");
        assertEquals(
                "pixelated",
                browser.js("return getComputedStyle(document.querySelector(\"" + W2 + "\")).imageRendering"));
        int width = Integer.parseInt(browser.js(
                "return String(Math.round(document.querySelector(\"" + W2 + "\").getBoundingClientRect().width))"));
        assertTrue(width >= 128, "readable: " + width + " px for 64 columns");

        // the pointer on the picture's centre: the exact value of the cell under it
        String run = browser.js("return document.querySelector('[data-run]').getAttribute('data-run')");
        JsonNode api = Http.JSON.readTree(browser.js("var x = new XMLHttpRequest();" + " x.open('GET', '/api/runs/"
                + run + "', false); x.send(); return x.responseText"));
        browser.js("window.mxLast = null; document.addEventListener('pointermove',"
                + " function (e) { window.mxLast = [e.clientX, e.clientY]; }, true);"
                + " document.querySelector(\"" + W2 + "\").scrollIntoView({block: 'center'});");
        WebElement picture = driver.findElement(By.cssSelector(W2));
        new Actions(driver).moveToElement(picture).perform();
        // the cell under the pointer, from where the browser says the pointer is
        String[] ij = browser.js("var r = document.querySelector(\"" + W2 + "\").getBoundingClientRect();"
                        + " var p = window.mxLast;"
                        + " return Math.floor((p[1] - r.top) / r.height * 64) + ' '"
                        + " + Math.floor((p[0] - r.left) / r.width * 64)")
                .split(" ");
        int i = Integer.parseInt(ij[0]), j = Integer.parseInt(ij[1]);
        assertTrue(Math.abs(i - 32) <= 1 && Math.abs(j - 32) <= 1, "the centre: " + i + ", " + j);
        double expected = api.get("weights").get(1).get(i).get(j).asDouble();
        String label = "w⁽²⁾" + sub(i) + (i > 9 || j > 9 ? "," : "") + sub(j) + " = ";
        waitFor("the caption to show " + label, () -> caption().startsWith(label));
        assertEquals(expected, Double.parseDouble(caption().substring(label.length())), caption());

        // the keyboard: focus shows the cursor's cell, an arrow key moves it one column, Enter pins it; Space and
        // Enter on a picture are not the page's shortcuts
        String chip = browser.text("state-chip");
        new Actions(driver)
                .moveToElement(driver.findElement(By.id("state-chip")))
                .perform();
        browser.js("document.querySelector(\"" + W2 + "\").focus()");
        waitFor("the keyboard cursor's cell", () -> caption().startsWith("w⁽²⁾₀₀ = "));
        new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
        waitFor("the cursor one column on", () -> caption().startsWith("w⁽²⁾₀₁ = "));
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        assertEquals(
                "yes",
                browser.js("var f = document.querySelector(\"" + W2 + "\");"
                        + " return f.parentNode.querySelector('.mx-cursor.pinned') ? 'yes' : 'no'"),
                "Enter pins the cell");
        new Actions(driver).sendKeys(" ").perform();
        assertTrue(caption().startsWith("w⁽²⁾₀₁ = "), caption());
        double w01 = api.get("weights").get(1).get(0).get(1).asDouble();
        assertEquals(w01, Double.parseDouble(caption().substring("w⁽²⁾₀₁ = ".length())));
        Thread.sleep(300);
        assertEquals(chip, browser.text("state-chip"), "Space on a picture does not start the run");
    }

    private String caption() {
        return browser.js("var f = document.querySelector(\"" + W2 + "\");"
                + " return f ? f.closest('figure').querySelector('.mx-out').textContent : ''");
    }

    private String attr(String css, String name) {
        return browser.js("return document.querySelector(\"" + css + "\").getAttribute('" + name + "')");
    }

    private static String sub(int n) {
        StringBuilder sb = new StringBuilder();
        for (char c : String.valueOf(n).toCharArray()) sb.append("₀₁₂₃₄₅₆₇₈₉".charAt(c - '0'));
        return sb.toString();
    }

    private void waitFor(String what, java.util.function.Supplier<Boolean> condition) {
        browser.waitFor(what, WAIT, condition, () -> "");
    }
}
