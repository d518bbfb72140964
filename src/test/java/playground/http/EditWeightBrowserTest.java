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
        // the stream may replace the table between the focus and the key: then again, on its successor
        waitFor("the input beside " + ref, () -> {
            if (!browser.js("return document.getElementById('cell-edit-value') ? 'open' : ''")
                    .isEmpty()) return true;
            try {
                WebElement cell = driver.findElement(By.cssSelector("#weights td[data-ref='" + ref + "']"));
                browser.js("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", cell);
                driver.switchTo().activeElement().sendKeys(Keys.F2);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
            return !browser.js("return document.getElementById('cell-edit-value') ? 'open' : ''")
                    .isEmpty();
        });
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

    private void openPage(String link) {
        driver.get(site.base() + link);
        waitFor(
                "the page with a run",
                () -> !browser.js("var a = document.getElementById('app');" + " return a && a.dataset.run || ''")
                        .isEmpty());
        browser.waitForStream(BrowserTest.WAIT);
    }

    private static com.fasterxml.jackson.databind.JsonNode jsonOf(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String runId() {
        return browser.js("return document.getElementById('app').dataset.run");
    }

    /** The run's status JSON, asked with the page's own session. */
    private com.fasterxml.jackson.databind.JsonNode api() {
        return jsonOf(browser.js("var x = new XMLHttpRequest(); x.open('GET', '/api/runs/" + runId()
                + "', false); x.send(); return x.responseText;"));
    }

    private String editorLabel() {
        return browser.js(
                "var b = document.getElementById('cell-edit'); return b ? b.querySelector('label').textContent : ''");
    }

    /**
     * An edge of the diagram is a weight to change too: Tab reaches it, its name says which weight and its value, and
     * Enter opens the same input; the header then shows the loss now, and the chart marks the moment.
     */
    @Test
    void anEdgeOfTheDiagramOpensTheInputAndTheLossNowFollows() {
        openPage("/?dataset=xor&layers=2,4,1&epochs=20&seed=4&at=2:0");
        waitFor(
                "the diagram",
                () -> !browser.js("return document.querySelector(\"svg.nd .edge[data-ref='W1-2-1']\") ? 'y' : ''")
                        .isEmpty());
        assertEquals(
                "0",
                browser.js(
                        "return document.querySelector(\"svg.nd .edge[data-ref='W1-2-1']\").getAttribute('tabindex')"));
        String name =
                browser.js("return document.querySelector(\"svg.nd .edge[data-ref='W1-2-1'] title\").textContent");
        assertTrue(name.startsWith("w⁽¹⁾₂₁ = "), name);
        assertTrue(!browser.text("train-loss").isEmpty());
        assertTrue(
                !browser.js("return document.querySelector('#status .stat.now') ? 'y' : ''")
                        .equals("y"),
                "an epoch's loss");
        // focus the edge, Enter: the input, with the edge's value in it
        waitFor("the input beside the edge", () -> {
            if (editorLabel().contains("W1-2-1")) return true;
            try {
                browser.js("var e = document.querySelector(\"svg.nd .edge[data-ref='W1-2-1']\");"
                        + " e.scrollIntoView({block: 'center'}); e.focus(); return ''");
                driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false; // the stream replaced the diagram in between: again, on its successor
            }
            return editorLabel().contains("W1-2-1");
        });
        // named as the tables and equations name it, with the ref
        waitFor("the weight's name in the input's label", () -> editorLabel().equals("w⁽¹⁾₂₁ (W1-2-1) = "));
        WebElement input = driver.findElement(By.id("cell-edit-value"));
        assertEquals(value(name.substring(name.indexOf("= ") + 2)), value(input.getAttribute("value")));
        // the box is beside the edge, on screen, and not sideways off the phone
        double[] box = java.util.Arrays.stream(browser.js("var r = document.getElementById('cell-edit')"
                                + ".getBoundingClientRect(); return [r.left, r.top, r.width, r.height].join(',')")
                        .split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        assertTrue(box[0] >= 0 && box[0] + box[2] <= 390, "inside the width: " + java.util.Arrays.toString(box));
        input.clear();
        input.sendKeys("-2.5", Keys.ENTER);
        waitFor("the edit made", () -> api().path("edits").asText().equals("2:0:W1-2-1=-2.5"));
        com.fasterxml.jackson.databind.JsonNode s = api();
        assertEquals(-2.5, s.get("weights").get(0).get(2).get(1).asDouble());
        // the header's loss is the loss now, the API's, labelled so; the chart marks it
        String train =
                playground.view.Num.compact(s.get("lossNow").get("trainLoss").asDouble());
        waitFor(
                "the loss now in the header",
                () -> browser.text("train-loss").equals(train)
                        && browser.js(
                                        "return document.querySelector('#status .stat.now .k') ? document.querySelector('#status .stat.now .k').textContent : ''")
                                .equals("train loss now"));
        waitFor(
                "the chart's marker",
                () -> !browser.js("return document.querySelector('svg.chart.lin path.edit-mark') ? 'y' : ''")
                        .isEmpty());
        // the edge's own name has the new value, and focus is back on it
        waitFor("the edge's name", () -> {
            String t =
                    browser.js("return document.querySelector(\"svg.nd .edge[data-ref='W1-2-1'] title\").textContent");
            return t.startsWith("w⁽¹⁾₂₁ = ") && value(t.substring(t.indexOf("= ") + 2)) == -2.5;
        });
        assertEquals(
                "W1-2-1",
                browser.js("return document.activeElement && document.activeElement.getAttribute('data-ref') || ''"));
        // a step: the header goes back to what the epochs say
        browser.click("btn-step", BrowserTest.WAIT);
        waitFor(
                "no loss now after a step",
                () -> browser.js("return document.querySelector('#status .stat.now') ? 'y' : ''")
                        .isEmpty());
    }

    /**
     * A layer too big for cells is a picture, one pixel a weight: a click on a pixel opens the input for that weight
     * (its exact value in it), and so does F2 on the keyboard cursor; the picture says so.
     */
    @Test
    void aPixelOfAWeightsPictureOpensTheInputForItsWeight() {
        openPage("/?dataset=exp-sin&layers=2,20,20,2&epochs=5&seed=4");
        browser.js("document.getElementById('p-weights').open = true; return ''");
        String pic = "#weights img.mx-img[data-ref-prefix='W2']";
        waitFor(
                "the picture of W2",
                () -> !browser.js("return document.querySelector(\"" + pic + "\") ? 'y' : ''")
                        .isEmpty());
        assertTrue(browser.js("return document.querySelector(\"" + pic + "\").closest('figure').textContent")
                .contains("click a pixel (or F2 on the cursor) to change it"));
        // the keyboard: the cursor moved to row 2, column 3, then F2
        browser.js("var e = document.querySelector(\"" + pic
                + "\"); e.scrollIntoView({block: 'center'}); e.focus(); return ''");
        WebElement img = driver.switchTo().activeElement();
        img.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.F2);
        waitFor("the input for W2-2-3", () -> editorLabel().contains("W2-2-3"));
        double before = api().get("weights").get(1).get(2).get(3).asDouble();
        waitFor(
                "its value asked of the server",
                () -> value(driver.findElement(By.id("cell-edit-value")).getAttribute("value")) == before);
        WebElement input = driver.findElement(By.id("cell-edit-value"));
        input.clear();
        input.sendKeys("1.25", Keys.ENTER);
        waitFor("the edit made", () -> api().get("weights").get(1).get(2).get(3).asDouble() == 1.25);
        // a click on a pixel: the weight under it (the picture's row and column at the pointer)
        WebElement picture = driver.findElement(By.cssSelector(pic));
        int w = picture.getSize().getWidth(), h = picture.getSize().getHeight();
        // row 15, column 6 of 20 x 20: the pixel's centre, from the picture's centre
        new org.openqa.selenium.interactions.Actions(driver)
                .moveToElement(picture, (int) ((6.5 / 20 - 0.5) * w), (int) ((15.5 / 20 - 0.5) * h))
                .click()
                .perform();
        waitFor("the input for W2-15-6", () -> editorLabel().contains("W2-15-6"));
        input = driver.findElement(By.id("cell-edit-value"));
        WebElement typed = input;
        waitFor("its value", () -> !typed.getAttribute("value").isEmpty());
        input.clear();
        input.sendKeys("-3", Keys.ENTER);
        waitFor(
                "the second edit",
                () -> api().get("weights").get(1).get(15).get(6).asDouble() == -3);
        assertEquals("0:0:W2-2-3=1.25,0:0:W2-15-6=-3", api().get("edits").asText());
    }
}
