package playground.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Equations never hide their result: after a step, on presets that write every kind of line (a long forward sum, both
 * cross-entropies, the softmax, Adam, momentum, L1 and L2), nothing in the equations region scrolls or is clipped
 * sideways and nothing sticks out of its right edge, and every line's result ("= value") is inside the region, in a
 * 1280 px window and on a 390 px phone, with the region as the page lays it out and squeezed or stretched from 300 to
 * 1200 px (the numbers panel's range). Set up as {@link BrowserTest} (headless Chromium; skipped with {@code
 * -Dbrowser.skip=true} or without Chromium and its driver).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EquationsBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Each preset is stepped through one epoch ({@code at=1:0}) so that the equations carry numbers. */
    private static final List<String> PRESETS = List.of(
            "/?dataset=exp-sin",
            "/?dataset=spiral&layers=7,8,8,8,1&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&optimizer=adam"
                    + "&regularization=l2&regRate=0.001",
            "/?dataset=three-classes",
            "/?dataset=notebook-example",
            "/?dataset=circle&optimizer=momentum&regularization=l1&regRate=0.001",
            "/?dataset=three-classes&loss=mse&optimizer=adam&regularization=l2&regRate=0.01");

    /** Widths forced on the region, in px; 0 leaves it as the page lays it out. */
    private static final int[] WIDTHS = {0, 300, 320, 400, 560, 800, 1200};

    /**
     * Measures the region in one script: the elements that scroll or clip sideways, those past its left or right edge,
     * and the lines whose result is missing or outside. Returns "lines n" then one problem per line.
     */
    private static final String MEASURE = String.join(
            "\n",
            "var r = document.getElementById('equations'), w = arguments[0];",
            "r.style.width = w > 0 ? w + 'px' : '';",
            "var box = r.getBoundingClientRect(), out = [];",
            "function name(e) { return e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined",
            "  && e.className ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')",
            "  + ' \"' + e.textContent.replace(/\\s+/g, ' ').trim().slice(0, 60) + '\"'; }",
            "[r].concat(Array.from(r.querySelectorAll('*'))).forEach(function (e) {",
            "  var cs = getComputedStyle(e);",
            "  if (cs.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1)",
            "    out.push('scrolls or clips (' + e.scrollWidth + ' > ' + e.clientWidth + '): ' + name(e));",
            "  var b = e.getBoundingClientRect();",
            "  if (b.width > 0 && b.right > box.right + 1)",
            "    out.push('past the right edge by ' + Math.round(b.right - box.right) + ' px: ' + name(e));",
            "  if (b.width > 0 && b.left < box.left - 1)",
            "    out.push('past the left edge by ' + Math.round(box.left - b.left) + ' px: ' + name(e));",
            "});",
            "var lines = r.querySelectorAll('.instance');",
            "lines.forEach(function (l) {",
            "  var res = l.lastElementChild;",
            "  if (!res || !res.classList.contains('result') || !/^[=\\u2192]/.test(res.textContent.trim())",
            "      || !res.querySelector('mn, mi')) { out.push('no result at the end: ' + name(l)); return; }",
            "  var b = res.getBoundingClientRect();",
            "  if (b.width < 1 || b.height < 1 || b.left < box.left - 1 || b.right > box.right + 1)",
            "    out.push('result not inside the region: ' + name(res));",
            "});",
            "r.style.width = '';",
            "return ['lines ' + lines.length].concat(out).join('\\n');");

    private Server server;
    private String base;

    @BeforeAll
    void startServer() {
        BrowserTest.assumeBrowser();
        server = Server.start(0);
        base = "http://localhost:" + server.port();
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void noEquationHidesItsResultIn1280pxWindow() {
        try (BrowserTest.Browser browser = BrowserTest.Browser.open(1280, 900, false)) {
            check(browser, "1280 px window");
        }
    }

    @Test
    void noEquationHidesItsResultOnA390pxPhone() {
        try (BrowserTest.Browser browser = BrowserTest.Browser.open(390, 844, true)) {
            check(browser, "390 px phone");
        }
    }

    private void check(BrowserTest.Browser browser, String where) {
        List<String> problems = new ArrayList<>();
        for (String preset : PRESETS) {
            open(browser, preset + "&at=1:0");
            for (int width : WIDTHS) {
                String[] report = browser.js(MEASURE.replace("arguments[0]", String.valueOf(width)))
                        .split("\n");
                int lines = Integer.parseInt(report[0].substring("lines ".length()));
                String at = where + ", " + preset + ", region " + (width == 0 ? "as laid out" : width + " px") + ": ";
                if (lines < 6) problems.add(at + "only " + lines + " lines with numbers");
                for (int i = 1; i < report.length; i++) problems.add(at + report[i]);
            }
        }
        assertTrue(
                problems.isEmpty(),
                problems.size() + " problems:\n"
                        + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
    }

    /**
     * Opens a preset and waits until its equations have numbers, with equations.css applied (linked here if the page
     * does not link it yet).
     */
    private void open(BrowserTest.Browser browser, String path) {
        browser.driver().get(base + path);
        browser.waitFor(
                "the equations with numbers on " + path,
                WAIT,
                () -> !browser.js("return String(document.querySelectorAll('#equations .instance .result').length)")
                        .equals("0"),
                () -> "");
        browser.js("if (!document.querySelector('link[href=\"/static/equations.css\"]')) {"
                + " var l = document.createElement('link'); l.rel = 'stylesheet'; l.href = '/static/equations.css';"
                + " document.head.appendChild(l); }");
        browser.waitFor(
                "equations.css to apply on " + path,
                WAIT,
                () -> browser.js("var g = document.querySelector('#equations .grp');"
                                + " return g ? getComputedStyle(g).display : ''")
                        .equals("flex"),
                () -> "");
    }
}
