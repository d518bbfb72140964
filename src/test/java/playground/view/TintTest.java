package playground.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TintTest {

    @Test
    void maxAbsIgnoresNonFiniteValues() {
        assertEquals(3.0, Tint.maxAbs(new double[] {1, -3}, new double[] {2, Double.NaN, Double.NEGATIVE_INFINITY}));
        assertEquals(0.0, Tint.maxAbs());
        assertEquals(0.0, Tint.maxAbs(new double[0]));
        assertEquals(0.0, Tint.maxAbs(new double[] {Double.NaN, Double.POSITIVE_INFINITY}));
        assertEquals(2.0, Tint.maxAbs(null, new double[] {2}));
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
