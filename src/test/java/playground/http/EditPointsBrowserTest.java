package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Change the data (issue 15 point 4) in a real browser at a phone's 390×844: "✎ points" turns the plane into a
 * control; a click (a tap) adds a point of the chosen class, the arrows and Enter add one from the keyboard, a click
 * on a point in "deletes" mode deletes it; the points appear and go, the header's epoch grows by them, the address
 * bar carries the edits, and a run that trains says so beside the control. With {@code -Dscreenshots=true} it also
 * writes the README's picture, docs/screenshots/change-data.png, at 1280×720.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditPointsBrowserTest {
    @RegisterExtension
    static final BrowserTest.Site site = new BrowserTest.Site(390, 844);

    private BrowserTest.Browser browser;
    private WebDriver driver;

    @BeforeAll
    void start() {
        browser = site.browser();
        driver = browser.driver();
    }

    private void waitFor(String what, Supplier<Boolean> condition) {
        browser.waitFor(
                what,
                BrowserTest.WAIT,
                condition,
                () -> "points " + points() + " status " + browser.text("status") + " edits " + edits() + " error "
                        + browser.text("pt-error"));
    }

    private String points() {
        return browser.js("var s = document.querySelector('.output svg.hm-points');"
                + " return s ? s.getAttribute('aria-label') : ''");
    }

    private String edits() {
        return browser.js("var a = document.getElementById('at'); return a ? a.dataset.edits : ''");
    }

    private WebElement plot() {
        WebElement p = driver.findElement(By.cssSelector(".output .hm-plot"));
        browser.js("arguments[0].scrollIntoView({block: 'center'});", p);
        return p;
    }

    /** A click on the plane at (x1, x2), from -6 to 6. */
    private void clickAt(double x1, double x2) {
        WebElement p = plot();
        int w = p.getSize().getWidth(), h = p.getSize().getHeight();
        new Actions(driver)
                .moveToElement(p, (int) Math.round(x1 / 12 * w), (int) Math.round(-x2 / 12 * h))
                .click()
                .perform();
    }

    private void choose(String css) {
        WebElement r = driver.findElement(By.cssSelector(css));
        browser.js("arguments[0].scrollIntoView({block: 'center'});", r);
        r.findElement(By.xpath("..")).click();
    }

    @Test
    void pointsAddedByClickAndKeyboardAppearAndADeletedOneGoes() throws Exception {
        driver.get(site.base() + "/?dataset=xor&epochs=20&seed=3&speed=2");
        waitFor(
                "the page with a run",
                () -> !browser.js("var a = document.getElementById('app'); return a && a.dataset.run || ''")
                        .isEmpty());
        browser.waitForStream(BrowserTest.WAIT);
        assertEquals("335 training and 165 test points", points());
        assertEquals("true", browser.js("return String(document.getElementById('pt-tools').hidden)"));

        // ✎ points: the radios take the legend's place; the first class is chosen
        WebElement toggle = driver.findElement(By.id("pt-toggle"));
        browser.js("arguments[0].scrollIntoView({block: 'center'});", toggle);
        toggle.click();
        assertEquals("false", browser.js("return String(document.getElementById('pt-tools').hidden)"));
        assertEquals("true", toggle.getAttribute("aria-pressed"));

        // the keyboard: the plane takes the focus, the arrows move the cross from (0, 0), Enter adds there
        browser.js("arguments[0].focus();", plot());
        WebElement focused = driver.switchTo().activeElement();
        for (int i = 0; i < 4; i++) focused.sendKeys(Keys.ARROW_LEFT);
        focused.sendKeys(Keys.chord(Keys.SHIFT, Keys.ARROW_UP), Keys.chord(Keys.SHIFT, Keys.ARROW_UP));
        focused.sendKeys(Keys.ENTER);
        waitFor("the point added from the keyboard", () -> points().startsWith("336 training"));
        assertEquals("0:0:P-1_2=0", edits());
        assertEquals("0", browser.text("sample"), "no sample was trained: Enter on the plane is not a shortcut");
        assertTrue(
                browser.js("return location.search").contains("edits=0%3A0%3AP-1_2%3D0"),
                browser.js("return location.search"));

        // a click (a tap) with class 1 chosen
        choose("input[name='pt-mode'][data-label='1']");
        clickAt(3, -3);
        waitFor("the point added by a click", () -> points().startsWith("337 training"));
        String[] both = edits().split(",");
        assertEquals(2, both.length, edits());
        assertTrue(both[1].matches("0:0:P[0-9.]+_-[0-9.]+=1"), both[1]);
        String[] xy = both[1].substring(5, both[1].indexOf('=')).split("_");
        assertEquals(3, Double.parseDouble(xy[0]), 0.1);
        assertEquals(-3, Double.parseDouble(xy[1]), 0.1);

        // "deletes": a click on the first point added deletes it (the first added is training point 335)
        choose("input[name='pt-mode'][value='delete']");
        clickAt(-1, 2);
        waitFor("the point deleted", () -> points().startsWith("336 training"));
        assertTrue(edits().endsWith(",0:0:D335"), edits());
        assertEquals("", browser.text("pt-error"));
        // a click where there is no training point (xor's points lie within 5.3 of the axes) says so beside it
        clickAt(5.75, 5.75);
        waitFor("the message", () -> browser.text("pt-error").contains("no training point within 0.3"));

        // Step trains on the data as it is now: an epoch of 336 samples
        browser.click("btn-step", BrowserTest.WAIT);
        waitFor("a step", () -> browser.text("sample").equals("1"));
        assertTrue(browser.text("status").contains("/336"), browser.text("status"));
        // while it trains, the plane says to pause first
        browser.click("btn-pause", BrowserTest.WAIT); // Resume
        waitFor(
                "training",
                () -> browser.js("return document.querySelector('#state-chip.chip-running') ? 'y' : ''")
                        .equals("y"));
        choose("input[name='pt-mode'][data-label='0']");
        clickAt(4, 4);
        waitFor("the message", () -> browser.text("pt-error").contains("pause it first"));
        browser.click("btn-pause", BrowserTest.WAIT);
        // said for a run that trained: paused, it no longer holds
        waitFor("the refusal gone once paused", () -> browser.text("pt-error").isEmpty());
        // the phone's page never scrolls sideways, and the toggle is on the screen's width
        assertEquals(
                "ok",
                browser.js("return document.documentElement.scrollWidth <= window.innerWidth ? 'ok' :"
                        + " document.documentElement.scrollWidth + ' > ' + window.innerWidth"));
        assertEquals(
                "ok",
                browser.js("var r = document.getElementById('pt-toggle').getBoundingClientRect();"
                        + " return r.left >= 0 && r.right <= window.innerWidth ? 'ok' : r.left + '..' + r.right"));
        if ("true".equals(System.getProperty("screenshots"))) {
            plot();
            Files.write(
                    Path.of("docs/screenshots/change-data-phone.png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            screenshot();
        }
    }

    /** The README's picture: xor 2-8-8-1 after 300 epochs with 20 points of class 0 added in class 1's corner. */
    private void screenshot() throws Exception {
        StringBuilder edits = new StringBuilder();
        for (String x : new String[] {"2", "2.5", "3", "3.5", "4"}) {
            for (String y : new String[] {"1.5", "2", "2.5", "3"}) {
                edits.append(edits.length() == 0 ? "" : ",")
                        .append("0:0:P")
                        .append(x)
                        .append('_')
                        .append(y)
                        .append("=0");
            }
        }
        try (BrowserTest.Browser wide = BrowserTest.Browser.open(1280, 720, false)) {
            WebDriver d = wide.driver();
            d.get(site.base() + "/?dataset=xor&layers=2,8,8,1&epochs=300&at=300:0&edits=" + edits);
            wide.waitFor(
                    "the page",
                    () -> !wide.js("var a = document.getElementById('app'); return a && a.dataset.run || ''")
                            .isEmpty());
            wide.waitForStream(BrowserTest.WAIT);
            d.findElement(By.id("pt-toggle")).click();
            wide.waitFor(
                    "the radios",
                    () -> wide.js("return String(document.getElementById('pt-tools').hidden)")
                            .equals("false"));
            Thread.sleep(500);
            Path out = Path.of("docs/screenshots/change-data.png");
            Files.write(out, ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
        }
    }
}
