package playground.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationTest {
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void derivativeMatchesCentralDifference(Activation f) {
        for (double z = -4.05; z <= 4; z += 0.37) {
            double h = 1e-6;
            double numeric = (f.f(z + h) - f.f(z - h)) / (2 * h);
            assertEquals(numeric, f.df(z), 1e-8, f + " at " + z);
        }
    }

    /** z from −300 to 300, dense near 0 and out to where sigma and tanh saturate far past what 1 − a² can tell. */
    static double[] zs() {
        java.util.List<Double> zs = new java.util.ArrayList<>();
        for (double z = 1e-9; z < 300; z *= 1.7) {
            zs.add(z);
            zs.add(-z);
        }
        for (double z : new double[] {0, 15, -15, 20, -20, 30, -30, 37.5, 100, -100}) zs.add(z);
        return zs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void fAndItsDerivativeAreExactAlsoWhereTheySaturate(Activation f) {
        double[] df = new double[1];
        for (double z : zs()) {
            java.math.BigDecimal Z = Exact.of(z);
            assertTrue(Exact.relErr(f.f(z), Exact.f(f, Z)) < 1e-14, f + "(" + z + ") = " + f.f(z));
            assertTrue(
                    Exact.relErr(f.df(z), Exact.df(f, Z)) < 1e-14,
                    f + "'(" + z + ") = " + f.df(z) + ", exactly "
                            + Exact.df(f, Z).doubleValue());
            // the training path's form gives the very same bits
            assertEquals(f.f(z), f.f(z, df, 0), 0.0, f + " at " + z);
            assertEquals(f.df(z), df[0], 0.0, f + "' at " + z);
            for (double t : Math.abs(z) > 120 ? new double[0] : new double[] {0, 1, -1, 0.3, 1 - 1e-9}) {
                java.math.BigDecimal exact = Exact.f(f, Z).subtract(Exact.of(t), Exact.MC);
                double got = f.minus(z, f.f(z), t);
                assertTrue(
                        exact.signum() == 0 ? got == 0 : Exact.relErr(got, exact) < 1e-12,
                        f + "(" + z + ") − " + t + " = " + got + ", exactly " + exact.doubleValue());
            }
        }
    }

    @Test
    void leakyReluLetsASmallGradientThroughBelowZero() {
        Activation f = Activation.LEAKY_RELU;
        assertEquals(-0.02, f.f(-2), 1e-18);
        assertEquals(3.5, f.f(3.5), 0);
        assertEquals(0.01, f.df(-2), 0);
        assertEquals(1.0, f.df(2), 0);
        assertEquals(f, Activation.parse("leaky-relu"));
        assertTrue(Activation.HIDDEN.contains(f), "a hidden layer may have it");
        assertEquals("f′(z) = 1 if z > 0, else 0.01", f.rule());
    }

    @Test
    void saturatedDerivativesKeepTheirDigits() {
        // 4 e^-30 / (1 + e^-30)^2 and 4 e^-40 / (1 + e^-40)^2, where 1 - tanh^2 gives 3.743672e-13 and 0
        assertEquals(3.743049e-13, Activation.TANH.df(15), 1e-19);
        assertEquals(1.69934e-17, Activation.TANH.df(20), 1e-22);
        // e^-30 / (1 + e^-30)^2, where a (1 - a) loses 3 digits
        assertEquals(9.357623e-14, Activation.SIGMOID.df(30), 1e-20);
        assertEquals(9.357623e-14, Activation.SIGMOID.df(-30), 1e-20);
    }

    @Test
    void namesParseAndBadNamesSayTheChoices() {
        for (Activation f : Activation.values()) assertEquals(f, Activation.parse(f.id().toUpperCase()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("softplus"));
        assertEquals("must be one of sigmoid, tanh, relu, leaky-relu, linear, softmax", e.getMessage());
    }

    @Test
    void softmaxIsADistributionAndSurvivesLargeInputs() {
        double[] v = {1000, 1001, 999, -5};
        Activation.softmax(v, 0, 4);
        double sum = 0;
        for (double p : v) sum += p;
        assertEquals(1.0, sum, 1e-15);
        // exp(1) / (1 + e + e^-1 + ~0)
        double e = Math.E;
        assertEquals(e / (1 + e + 1 / e), v[1], 1e-15);
        assertEquals(v[0] * e, v[1], 1e-15);
        assertThrows(UnsupportedOperationException.class, () -> Activation.SOFTMAX.f(0));
    }
}
