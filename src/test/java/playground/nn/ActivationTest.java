package playground.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationTest {
    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativeMatchesCentralDifference(Activation f) {
        for (double z = -4.05; z <= 4; z += 0.37) {
            double h = 1e-6;
            double numeric = (f.f(z + h) - f.f(z - h)) / (2 * h);
            assertEquals(numeric, f.df(z, f.f(z)), 1e-8, f + " at " + z);
        }
    }

    @Test
    void namesParseAndBadNamesSayTheChoices() {
        for (Activation f : Activation.values()) assertEquals(f, Activation.parse(f.id().toUpperCase()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("softplus"));
        assertEquals("must be one of sigmoid, tanh, relu, linear", e.getMessage());
    }
}
