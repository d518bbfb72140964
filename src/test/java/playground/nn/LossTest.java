package playground.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** E and delta^(L) from z, against the exact values (60+ digit decimals, {@link Exact}), saturated outputs included. */
class LossTest {
    private static double value(Loss loss, Activation out, double[] z, double[] t) {
        double[] y = y(out, z);
        return loss.value(out, z, y, 0, t, 0, z.length);
    }

    private static double[] y(Activation out, double[] z) {
        double[] y = z.clone();
        if (out == Activation.SOFTMAX) Activation.softmax(y, 0, y.length);
        else for (int i = 0; i < y.length; i++) y[i] = out.f(z[i]);
        return y;
    }

    /** −Σ t ln softmax(z), exactly. */
    private static BigDecimal softmaxCe(double[] z, double[] t) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double zi : z) sum = sum.add(Exact.exp(Exact.of(zi)), Exact.MC);
        BigDecimal e = BigDecimal.ZERO;
        for (int i = 0; i < z.length; i++) {
            if (t[i] == 0) continue;
            BigDecimal y = Exact.exp(Exact.of(z[i])).divide(sum, Exact.MC);
            e = e.subtract(Exact.of(t[i]).multiply(Exact.ln(y), Exact.MC), Exact.MC);
        }
        return e;
    }

    /** −[t ln sigma(z) + (1 − t) ln(1 − sigma(z))], exactly (1 − sigma(z) = sigma(−z)). */
    private static BigDecimal sigmoidCe(double z, double t) {
        BigDecimal T = Exact.of(t), one = BigDecimal.ONE.subtract(T);
        BigDecimal e = BigDecimal.ZERO;
        if (t != 0) e = e.subtract(T.multiply(Exact.ln(Exact.sigmoid(Exact.of(z))), Exact.MC));
        if (t != 1) e = e.subtract(one.multiply(Exact.ln(Exact.sigmoid(Exact.of(-z))), Exact.MC));
        return e;
    }

    @Test
    void crossEntropyIsNotClipped() {
        double[] t = {0, 1};
        // softmax logits (40, 0), t = (0, 1): E = ln(1 + e^40) = 40 + 4.2e-18
        double e = value(Loss.CROSS_ENTROPY, Activation.SOFTMAX, new double[] {40, 0}, t);
        assertEquals(40.0, e, 40 * 1e-12);
        assertTrue(Exact.relErr(e, softmaxCe(new double[] {40, 0}, t)) < 1e-12);
        // a sigmoid output at z = 800 with t = 0: E = softplus(800) = 800
        double e800 = value(Loss.CROSS_ENTROPY, Activation.SIGMOID, new double[] {800}, new double[] {0});
        assertEquals(800.0, e800, 800 * 1e-12);
        assertTrue(Exact.relErr(e800, sigmoidCe(800, 0)) < 1e-12);
        // z = 30, t = 0: 30 + ln(1 + e^-30) = 30.0000000000000936
        double e30 = value(Loss.CROSS_ENTROPY, Activation.SIGMOID, new double[] {30}, new double[] {0});
        assertTrue(Exact.relErr(e30, sigmoidCe(30, 0)) < 1e-15, "E = " + e30);
        assertEquals("30.0000000000001", String.format(java.util.Locale.ROOT, "%.13f", e30));
    }

    @Test
    void everyLossIsExactOverAWideRangeOfLogits() {
        double[] zs = {-800, -300, -40, -30, -15, -3, -0.5, -1e-6, 0, 1e-6, 0.5, 3, 15, 30, 40, 300, 800};
        for (double z : zs) {
            for (double t : new double[] {0, 1, 0.25}) {
                double got = value(Loss.CROSS_ENTROPY, Activation.SIGMOID, new double[] {z}, new double[] {t});
                assertTrue(Exact.relErr(got, sigmoidCe(z, t)) < 1e-12, "sigmoid z=" + z + " t=" + t + ": " + got);
                // delta = sigma(z) - t, exact also where sigma(z) rounds to t
                double[] d = new double[1];
                Loss.CROSS_ENTROPY.backward(
                        Activation.SIGMOID,
                        new double[] {z},
                        y(Activation.SIGMOID, new double[] {z}),
                        0,
                        new double[] {t},
                        0,
                        d,
                        0,
                        1);
                BigDecimal exact = Exact.sigmoid(Exact.of(z)).subtract(Exact.of(t), Exact.MC);
                if (Math.abs(z) < 700) assertTrue(Exact.relErr(d[0], exact) < 1e-12, "delta at z=" + z + ", t=" + t);
            }
            for (double[] logits : new double[][] {{z, 0}, {0, z, -z}, {z, z + 1e-3}}) {
                for (int k = 0; k < logits.length; k++) {
                    double[] t = new double[logits.length];
                    t[k] = 1;
                    double got = value(Loss.CROSS_ENTROPY, Activation.SOFTMAX, logits, t);
                    BigDecimal exact = softmaxCe(logits, t);
                    assertTrue(
                            exact.signum() == 0 ? got == 0 : Exact.relErr(got, exact) < 1e-12,
                            java.util.Arrays.toString(logits) + " t=" + k + ": " + got + " vs " + exact.doubleValue());
                }
            }
        }
    }
}
