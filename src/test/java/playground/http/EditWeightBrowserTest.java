package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Change a weight (issue 15 point 3) in a real browser at a phone's 390×844: a weight of the table, focused and opened
 * with F2, takes a typed value; Step then uses it (the equations show it); a bad value is said beside the cell.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditWeightBrowserTest {
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
                () -> browser.text("sample") + " cell " + cell("#weights td[data-ref='W2-0-1']") + " at "
                        + browser.js("return document.getElementById('at').dataset.edits") + " box "
                        + browser.js(
                                "var b = document.getElementById('cell-edit'); return b ? b.textContent : 'none'"));
    }

    private String cell(String css) {
        return browser.js("var e = document.querySelector(\"" + css + "\"); return e ? e.textContent.trim() : '';");
    }

    private static double value(String text) {
        try {
            return Double.parseDouble(text.replace('−', '-'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void openEditor(String ref) {
        WebElement cell = driver.findElement(By.cssSelector("#weights td[data-ref='" + ref + "']"));
        browser.js("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", cell);
        driver.switchTo().activeElement().sendKeys(Keys.F2);
        waitFor(
                "the input beside " + ref,
                () -> !browser.js("return document.getElementById('cell-edit-value') ?" + " 'open' : ''")
                        .isEmpty());
    }

    @Test
    void aWeightTypedInTheTableIsWhatTheNextStepUses() {
        driver.get(site.base() + "/?dataset=exp-sin&layers=2,3,2&epochs=5&seed=4");
        waitFor(
                "the page with a run",
                () -> !browser.js("var a = document.getElementById('app');" + " return a && a.dataset.run || ''")
                        .isEmpty());
        browser.waitForStream(BrowserTest.WAIT);
        waitFor(
                "the weights table",
                () -> !cell("#weights td[data-ref='W2-0-1']").isEmpty());

        // a bad value: said beside the cell, the input stays open
        openEditor("W2-0-1");
        WebElement input = driver.findElement(By.id("cell-edit-value"));
        input.clear();
        input.sendKeys("abc", Keys.ENTER);
        waitFor("the message", () -> browser.text("cell-edit-error").contains("must be a number"));
        // Escape cancels
        driver.findElement(By.id("cell-edit-value")).sendKeys(Keys.ESCAPE);
        waitFor(
                "the input closed",
                () -> browser.js("return document.getElementById('cell-edit') ? 'open' : ''")
                        .isEmpty());

        // the value typed is the weight now, and the next step uses it
        openEditor("W2-0-1");
        input = driver.findElement(By.id("cell-edit-value"));
        input.clear();
        input.sendKeys("0.75", Keys.ENTER);
        waitFor("the table after the edit", () -> value(cell("#weights td[data-ref='W2-0-1']")) == 0.75);
        assertTrue(
                browser.js("return location.search").contains("edits=0%3A0%3AW2-0-1%3D0.75"),
                browser.js("return location.search"));
        browser.click("btn-step", BrowserTest.WAIT);
        waitFor("a step", () -> browser.text("sample").equals("1"));
        waitFor(
                "the equations with the value",
                () -> browser.js("var es = document.querySelectorAll(\"#equations [data-ref='W2-0-1']\");"
                                + " for (var i = 0; i < es.length; i++) if (parseFloat(es[i].textContent.replace('\\u2212', '-')) === 0.75)"
                                + " return 'yes'; return '';")
                        .equals("yes"));
        // and the page's data says the edit (Copy link carries it)
        assertEquals("0:0:W2-0-1=0.75", browser.js("return document.getElementById('at').dataset.edits"));
    }
}
