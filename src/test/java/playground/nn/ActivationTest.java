package playground.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            assertEquals(numeric, f.df(z, f.f(z)), 1e-8, f + " at " + z);
            if (z != 0) assertEquals(f.df(z, f.f(z)), f.dfOfA(f.f(z)), 1e-15, f + " from a at " + z);
        }
    }

    @Test
    void namesParseAndBadNamesSayTheChoices() {
        for (Activation f : Activation.values()) assertEquals(f, Activation.parse(f.id().toUpperCase()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("softplus"));
        assertEquals("must be one of sigmoid, tanh, relu, linear, softmax", e.getMessage());
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
