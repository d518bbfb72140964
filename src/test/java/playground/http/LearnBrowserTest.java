package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Clicking a number in a table highlights every place the equations use it, and clicking it again clears it; the
 * selection survives the stream's swaps, and Enter and Space do the same from the keyboard. Set up as {@link
 * BrowserTest} (headless Chromium; skipped with {@code -Dbrowser.skip=true} or without Chromium and its driver).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LearnBrowserTest {
    private static final String REF = "W2-0-0";
    private static final String CELL = "#weights td[data-ref='" + REF + "']";
    private static final String MARKED_MN = "#equations mn.hl[data-ref='" + REF + "']";

    @RegisterExtension
    static final BrowserTest.Site site = new BrowserTest.Site(1400, 1000);

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
    void clickingAWeightHighlightsItInTheEquations() {
        driver.get(base + "/?dataset=notebook-example");
        waitFor(
                "the page with a run",
                () -> !js("return document.getElementById('app').dataset.run || ''")
                        .isEmpty());
        waitFor(
                "the SSE stream to open",
                () -> js("var a = document.getElementById('app');"
                                + " var s = a && a['htmx-internal-data'] && a['htmx-internal-data'].sseEventSource;"
                                + " return s ? String(s.readyState) : 'none'")
                        .equals("1"));
        clickWhenReady(By.id("btn-step"));
        waitFor("the equations with this sample's numbers", () -> count("#equations mn[data-ref]") > 0);

        clickWhenReady(By.cssSelector(CELL));
        waitFor("the equations' " + REF + " highlighted", () -> count(MARKED_MN) > 0);
        assertEquals(1, count("#weights td.hl"), "the clicked cell is highlighted");
        assertEquals(count("[data-ref].hl"), count("[data-ref='" + REF + "'].hl"), "only " + REF + " is highlighted");

        // the stream swaps the tables and equations: the selection is marked again
        String equations = text("equations");
        clickWhenReady(By.id("btn-step"));
        waitFor("the next sample's equations", () -> !text("equations").equals(equations));
        waitFor("the highlight after the swap", () -> count(MARKED_MN) > 0 && count(CELL + ".hl") == 1);

        clickWhenReady(By.cssSelector(CELL));
        waitFor("the highlight cleared", () -> count("[data-ref].hl") == 0);

        // and the other way: a number in the equations marks its table cell
        String grad = "#equations mn[data-ref='gW2-0-0']";
        clickWhenReady(By.cssSelector(grad));
        waitFor("the gradient cell highlighted", () -> count("#state td.hl[data-ref='gW2-0-0']") == 1);
        clickWhenReady(By.cssSelector(grad));
        waitFor("the gradient highlight cleared", () -> count("[data-ref].hl") == 0);

        // keyboard: Enter marks, Space clears (and is not the Start/Pause shortcut on a number)
        String chip = text("state-chip");
        focus(CELL);
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        waitFor("Enter to highlight", () -> count(MARKED_MN) > 0);
        focus(CELL);
        new Actions(driver).sendKeys(" ").perform();
        waitFor("Space to clear", () -> count("[data-ref].hl") == 0);
        assertEquals(chip, text("state-chip"), "Space on a number does not start the run");
        assertTrue(
                js("return document.querySelector(\"" + CELL + "\").getAttribute('tabindex')")
                        .equals("0"),
                "table numbers are focusable");
    }

    @Test
    void theTimelineScrubsBackAndPhaseStepsTheNextSample() {
        driver.get(base + "/?dataset=exp-sin&layers=2,3,2&seed=3&epochs=2");
        waitFor(
                "the SSE stream to open",
                () -> js("var a = document.getElementById('app');"
                                + " var s = a && a['htmx-internal-data'] && a['htmx-internal-data'].sseEventSource;"
                                + " return s ? String(s.readyState) : 'none'")
                        .equals("1"));
        for (int i = 1; i <= 3; i++) {
            int n = i;
            clickWhenReady(By.id("btn-step"));
            waitFor("sample " + n, () -> text("sample").equals(String.valueOf(n)));
        }
        waitFor(
                "the timeline to hold 3 samples of 6 phases",
                () -> js("var t = document.getElementById('timeline-slider');"
                                + " return t && !t.disabled ? t.max : ''")
                        .equals("17"));
        slide(0);
        waitFor(
                "the oldest sample, first phase",
                () -> where().contains(
                                "Rewound to epoch 0, sample 0/6700 · the next sample, phase 1 of 6: forward, layer 1"));
        assertEquals(0, count("#state td[data-ref='z2-0']"), "layer 2 is not computed yet in phase 1");
        slide(9);
        waitFor(
                "the second sample, backward",
                () -> where().contains("epoch 0, sample 1/6700 · the next sample, phase 4 of 6: backward, layer 2"));
        slide(17);
        waitFor(
                "the latest sample, whole",
                () -> where().contains("epoch 0, sample 3/6700: the sample just trained")
                        && !where().contains("phase"));

        clickWhenReady(By.id("btn-phase"));
        waitFor(
                "the next sample's first phase",
                () -> where().contains("Epoch 0, sample 3/6700 · the next sample, phase 1 of 6"));
        clickWhenReady(By.id("btn-phase"));
        waitFor("its second phase", () -> where().contains("phase 2 of 6"));
        assertEquals("3", text("sample"), "phases do not train");

        // predict, then reveal: after the loss phase the page asks for delta^(2)_0
        clickWhenReady(By.id("btn-phase"));
        waitFor("the loss phase, with a prediction to make", () -> count("#f-guess") == 1);
        driver.findElement(By.id("f-guess")).sendKeys("0.5");
        clickWhenReady(By.cssSelector("form.predict button"));
        waitFor("the feedback", () -> text("prediction-result").contains("You said δ = 0.5; it is"));
        waitFor("delta revealed", () -> count("#state td[data-ref='d2-0']") == 1);
    }

    private String where() {
        return js("var w = document.querySelector('#state .where'); return w ? w.textContent : '';");
    }

    /** Moves the timeline slider as a person would: a new value, then the input event htmx listens for. */
    private void slide(int value) {
        js("var t = document.getElementById('timeline-slider'); t.value = '" + value + "';"
                + " t.dispatchEvent(new Event('input', {bubbles: true}));");
    }

    // ---- helpers (as in BrowserTest) ----

    private String js(String script) {
        Object v = ((JavascriptExecutor) driver).executeScript(script);
        return v == null ? "" : v.toString();
    }

    private int count(String css) {
        return Integer.parseInt(js("return String(document.querySelectorAll(\"" + css + "\").length)"));
    }

    private String text(String id) {
        return js("var e = document.getElementById('" + id + "'); return e ? e.textContent.trim() : '';");
    }

    /** Focuses a cell, found afresh (the stream may have swapped it). */
    private void focus(String css) {
        js("document.querySelector(\"" + css + "\").focus()");
        waitFor(
                "focus on " + css,
                () -> js("return String(document.activeElement.matches(\"" + css + "\"))")
                        .equals("true"));
    }

    /** Clicks an element, found afresh (the stream swaps the controls and tables), once it is enabled. */
    private void clickWhenReady(By by) {
        waitFor("to click " + by, () -> {
            WebElement e = driver.findElement(by);
            if (!e.isEnabled()) return false;
            e.click();
            return true;
        });
    }

    private void waitFor(String what, Supplier<Boolean> condition) {
        browser.waitFor(what, condition);
    }
}
