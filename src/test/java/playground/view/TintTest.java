package playground.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TintTest {

    static final Pattern STYLE = Pattern.compile("--tint:rgba\\((\\d+,\\d+,\\d+),(\\d\\.\\d\\d)\\)");

    static double alpha(String style) {
        Matcher m = STYLE.matcher(style);
        assertTrue(m.matches(), style);
        return Double.parseDouble(m.group(2));
    }

    static String rgb(String style) {
        Matcher m = STYLE.matcher(style);
        assertTrue(m.matches(), style);
        return m.group(1);
    }

    @Test
    void maxAbsIgnoresNonFiniteValues() {
        assertEquals(3.0, Tint.maxAbs(new double[] {1, -3}, new double[] {2, Double.NaN, Double.NEGATIVE_INFINITY}));
        assertEquals(0.0, Tint.maxAbs());
        assertEquals(0.0, Tint.maxAbs(new double[0]));
        assertEquals(0.0, Tint.maxAbs(new double[] {Double.NaN, Double.POSITIVE_INFINITY}));
        assertEquals(2.0, Tint.maxAbs(null, new double[] {2}));
    }

    @Test
    void alphaGrowsWithTheMagnitude() {
        double previous = 0;
        for (double v = 0.1; v <= 2.0; v += 0.1) {
            double a = alpha(Tint.style(-v, 2.0));
            assertTrue(a >= previous, v + ": " + a + " < " + previous);
            previous = a;
        }
        assertEquals(0.6, alpha(Tint.style(2.0, 2.0)));
        assertEquals(0.6, alpha(Tint.style(5.0, 2.0)), "capped");
        assertEquals(0.34, alpha(Tint.style(1.0, 2.0)));
        assertEquals(0.08, alpha(Tint.style(1e-9, 2.0)));
        assertEquals("--tint:rgba(33,102,172,0.34)", Tint.style(1.0, 2.0));
    }

    @Test
    void theSignPicksTheColour() {
        assertEquals(Tint.POSITIVE_RGB, rgb(Tint.style(0.5, 1)));
        assertEquals(Tint.NEGATIVE_RGB, rgb(Tint.style(-0.5, 1)));
        assertEquals(alpha(Tint.style(0.5, 1)), alpha(Tint.style(-0.5, 1)));
        assertEquals(0.6, alpha(Tint.style(Double.NEGATIVE_INFINITY, 1)));
    }

    @Test
    void nothingToTintGivesNoStyle() {
        assertEquals("", Tint.style(0, 1));
        assertEquals("", Tint.style(-0.0, 1));
        assertEquals("", Tint.style(Double.NaN, 1));
        assertEquals("", Tint.style(1, 0));
        assertEquals("", Tint.style(1, Double.NaN));
        assertEquals("", Tint.style(1, Double.POSITIVE_INFINITY));
    }

    @Test
    void theStyleIsSafeInAnAttribute() {
        for (double v : new double[] {-1e300, -1, -1e-300, 1e-300, 0.5, 1, 1e300}) {
            String s = Tint.style(v, 1);
            assertTrue(s.matches("[a-z0-9:(),.-]+"), s);
        }
    }

    @Test
    void changeClassFollowsTheDirection() {
        assertEquals("up", Tint.changeClass(1, 2));
        assertEquals("down", Tint.changeClass(2, 1));
        assertEquals("", Tint.changeClass(1, 1));
        assertEquals("", Tint.changeClass(Double.NaN, 1));
        assertEquals("", Tint.changeClass(1, Double.NaN));
    }
}
