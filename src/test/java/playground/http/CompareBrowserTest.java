package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;

/**
 * Compare two runs in a real browser (headless Chromium, as {@link BrowserTest}): Start trains both, both curves move
 * on the one chart, every frame shows the two runs within one frame's samples of each other, the page fits a laptop's
 * screen (and stacks on a phone), and the comparison's link opened afresh (another session) trains to the same numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** 10 epochs a second of xor's 335 training samples: a frame (a tenth of a second) is 335 samples. */
    static final long FRAME = 335;

    static final String LINK = "/compare?a="
            + URLEncoder.encode("dataset=xor&epochs=60&speed=10e", StandardCharsets.UTF_8) + "&b="
            + URLEncoder.encode("dataset=xor&epochs=60&lr=0.3&activation=relu", StandardCharsets.UTF_8);

    @RegisterExtension
    static final BrowserTest.Site site = new BrowserTest.Site(1280, 720);

    private BrowserTest.Browser browser;
    private WebDriver driver;
    private String base;

    @BeforeAll
    void startServerAndBrowser() {
        browser = site.browser();
        driver = browser.driver();
        base = site.base();
    }

    /** Whether the three streams of the page are open: the comparison's, and each run's pictures. */
    private boolean streamsOpen() {
        return browser.js("var n = 0; ['#app', '.cmp-a', '.cmp-b'].forEach(function (q) {"
                        + " var e = document.querySelector(q); var d = e && e['htmx-internal-data'];"
                        + " if (d && d.sseEventSource && d.sseEventSource.readyState === 1) n++; });"
                        + " return String(n)")
                .equals("3");
    }

    /** The status's samples into each run, read from one frame: "A B STATE-A STATE-B". */
    private String[] frame() {
        return browser.js("var s = document.querySelector('.cmp-status');"
                        + " return s ? [s.dataset.aSamples, s.dataset.bSamples, s.dataset.aState, s.dataset.bState]"
                        + ".join(' ') : ''")
                .split(" ");
    }

    private String path(String cls) {
        return browser.js("var p = document.querySelector('svg.cmp-chart.lin path." + cls + "');"
                + " return p ? p.getAttribute('d') : ''");
    }

    private void press(String id) {
        browser.waitFor(
                "to press " + id,
                WAIT,
                () -> browser.js("var b = document.getElementById('" + id + "');"
                                + " if (!b || b.disabled) return 'no'; b.click(); return 'pressed'")
                        .equals("pressed"),
                () -> "");
    }

    /** Trains both to the end from the page; answers the numbers the page shows at the end. */
    private String trainToTheEnd(List<long[]> seen) throws InterruptedException {
        browser.waitFor("the page's three streams", WAIT, this::streamsOpen, () -> "");
        press("btn-start");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String[] f = frame();
            if (f.length >= 4) {
                seen.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
                if (f[2].equals("done") && f[3].equals("done")) break;
            }
            assertTrue(System.nanoTime() < deadline, "both runs done: " + String.join(" ", f));
            Thread.sleep(100);
        }
        return browser.js("return ['train-loss-a', 'test-loss-a', 'train-loss-b', 'test-loss-b', 'epoch-a', 'epoch-b']"
                + ".map(function (i) { return document.getElementById(i).textContent.trim(); }).join(' ')");
    }

    @Test
    void bothCurvesMoveInLockstepAndTheLinkReproducesTheNumbers() throws Exception {
        driver.get(base + LINK);
        browser.waitFor(
                "the compare page",
                () -> !browser.js("return document.body.dataset ? 'x' : ''").isEmpty());
        assertEquals("A", browser.js("return document.querySelector('.cmp-a .side-tag').textContent"));
        String aBefore = path("a.train"), bBefore = path("b.train");
        assertTrue(browser.js("return document.getElementById('changes').textContent")
                .contains("lr 0.03 → 0.3"));

        // the whole comparison on one laptop screen
        for (String part :
                List.of(".cmp-status .controls", ".cmp-a", ".cmp-b", "#compare_chart", ".cmp-diff", "#form-b")) {
            String box = browser.js(
                    "var r = document.querySelector(arguments[0]).getBoundingClientRect();"
                            + " return [r.left, r.top, r.right, r.bottom].map(Math.round).join(' ')",
                    part);
            String[] b = box.split(" ");
            assertTrue(
                    Integer.parseInt(b[0]) >= 0
                            && Integer.parseInt(b[1]) >= 0
                            && Integer.parseInt(b[2]) <= 1280
                            && Integer.parseInt(b[3]) <= 720,
                    part + " inside 1280x720: " + box);
        }

        List<long[]> seen = new ArrayList<>();
        String first = trainToTheEnd(seen);
        shot("compare");
        // both curves moved: each line has a point per epoch drawn, and is not what it was
        String aAfter = path("a.train"), bAfter = path("b.train");
        assertNotEquals(aBefore, aAfter);
        assertNotEquals(bBefore, bAfter);
        assertTrue(aAfter.split("L").length > 20 && bAfter.split("L").length > 20, aAfter + " / " + bAfter);
        assertNotEquals(aAfter, bAfter, "B's loss is its own");
        assertTrue(
                browser.js("return document.querySelector('svg.cmp-chart.lin').textContent")
                        .contains("B"),
                "the lines end with their letters");
        // lockstep: every frame the page showed had both runs within one frame's samples of each other
        long worst = 0;
        int moving = 0;
        for (long[] s : seen) {
            worst = Math.max(worst, Math.abs(s[0] - s[1]));
            if (s[0] > 0 && s[0] < 60 * 335) moving++;
        }
        System.out.println("compare page: " + seen.size() + " looks, " + moving + " while training; the largest gap "
                + worst + " samples (a frame is " + FRAME + ")");
        assertTrue(moving >= 5, "frames looked at while both trained: " + moving);
        assertTrue(worst <= FRAME, "the runs were " + worst + " samples apart");
        String[] end = first.split(" ");
        assertEquals("60", end[4]);
        assertEquals("60", end[5]);
        // the weights' difference is drawn cell by cell (the shapes match)
        assertTrue(
                Integer.parseInt(browser.js("return String(document.querySelectorAll('.cmp-grid td').length)")) >= 18);

        // the link, opened by someone else (another session): the same numbers, here at full speed (the pace changes no
        // number), set from the page
        String link = browser.js("return document.getElementById('copy-link').dataset.url");
        driver.manage().deleteAllCookies();
        driver.get(base + link);
        browser.waitFor("the page's three streams", WAIT, this::streamsOpen, () -> "");
        browser.js("var s = document.getElementById('f-speed'); s.value = 'max';"
                + " s.dispatchEvent(new Event('change', {bubbles: true}))");
        browser.waitFor(
                "the link to carry the pace",
                () -> browser.js("return decodeURIComponent(location.search)").contains("speed=max"));
        String again = trainToTheEnd(new ArrayList<>());
        assertEquals(first, again, "the same numbers from the same link");
    }

    @Test
    void onAPhoneTheRunsAreStackedAndNothingScrollsSideways() throws Exception {
        try (BrowserTest.Browser phone = BrowserTest.Browser.open(390, 844, true)) {
            WebDriver d = phone.driver();
            d.get(base + LINK);
            phone.waitFor(
                    "the compare page",
                    () -> phone.js("return document.querySelector('.cmp-b') ? 'yes' : ''")
                            .equals("yes"));
            assertEquals("390", phone.js("return String(document.documentElement.scrollWidth)"));
            double aBottom = Double.parseDouble(
                    phone.js("return String(document.querySelector('.cmp-a').getBoundingClientRect().bottom)"));
            double bTop = Double.parseDouble(
                    phone.js("return String(document.querySelector('.cmp-b').getBoundingClientRect().top)"));
            assertTrue(bTop >= aBottom, "B under A: " + aBottom + " / " + bTop);
            double chart = Double.parseDouble(
                    phone.js("return String(document.getElementById('compare_chart').getBoundingClientRect().top)"));
            assertTrue(chart < 844, "the chart on the first screen: " + chart);
            // the controls in the bar at the bottom train both
            phone.js("document.getElementById('btn-start').click()");
            phone.waitFor(
                    "both runs trained a while",
                    WAIT,
                    () -> Integer.parseInt(phone.js("return document.getElementById('epoch-b').textContent")) >= 15,
                    () -> phone.js("return document.querySelector('.cmp-status').dataset.bSamples"));
            shot(d, "compare-phone");
        }
    }

    private void shot(String name) {
        shot(driver, name);
    }

    private static void shot(WebDriver driver, String name) {
        BrowserTest.shot(driver, name);
    }
}
