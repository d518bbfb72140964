package playground.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Every number of one sample's step (the trace path, which {@code step} and {@code POST /api/step} answer with)
 * against an exact reference in high-precision decimals, element by element, within 1e-9 relative: random networks of
 * every activation, output and loss, with weights large enough to saturate units, and the saturated tanh of the issue.
 */
class ExactStepTest {
    static final double TOL = 1e-9;

    @Test
    void aSaturatedTanhKeepsItsDigits() {
        // one tanh unit at z = 15, then z = 20, t = 0: delta = tanh(z) tanh'(z)
        for (double z : new double[] {15, 20}) {
            Network net = new Network(new int[] {1, 1}, new Activation[] {Activation.TANH}, false);
            net.setW(1, 0, 0, z);
            Trace tr = Backprop.step(net.copy(), new double[] {1}, new double[] {0}, 0.1);
            assertAllExact(net, new double[] {1}, new double[] {0}, 0.1, tr, "tanh at " + z);
            if (z == 15) assertEquals(3.743049e-13, tr.delta()[1][0], 1e-19);
            else assertEquals(1.69934e-17, tr.delta()[1][0], 1e-22);
        }
    }

    @Test
    void everyFieldOfAStepIsExactOnRandomNetworks() {
        int[][] shapes = {{2, 3, 2}, {3, 5, 4, 3}, {2, 4, 1}};
        int checked = 0;
        for (Activation hidden : Activation.HIDDEN) {
            for (Activation out : Activation.values()) {
                for (Loss loss : Loss.values()) {
                    if (!loss.fits(out)) continue;
                    for (int[] shape : shapes) {
                        if (out == Activation.SOFTMAX && shape[shape.length - 1] < 2) continue;
                        for (double scale : new double[] {1, 12}) {
                            long seed = 31L * checked + 7;
                            Network net = Nets.random(shape, hidden, out, true, loss, seed);
                            scaleWeights(net, scale);
                            double[] x = Nets.vector(shape[0], seed + 1);
                            double[] t = Nets.target(shape[shape.length - 1], loss, out, seed + 2);
                            Trace tr = Backprop.step(net.copy(), x, t, 0.05);
                            assertAllExact(net, x, t, 0.05, tr, hidden + "/" + out + "/" + loss.id() + " x" + scale);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 60, "checked " + checked);
    }

    private static void scaleWeights(Network net, double scale) {
        for (int l = 1; l <= net.layers(); l++) {
            for (int i = 0; i < net.size(l); i++) {
                for (int j = 0; j < net.size(l - 1); j++) net.setW(l, i, j, net.w(l, i, j) * scale);
                if (net.hasBias()) net.setB(l, i, net.b(l, i) * scale);
            }
        }
    }

    static void assertAllExact(Network net, double[] x, double[] t, double lr, Trace tr, String what) {
        Exact.Step ex = Exact.step(net, x, t, lr);
        assertClose(tr.loss(), ex.loss(), what + " E");
        for (int l = 1; l <= net.layers(); l++) {
            for (int i = 0; i < net.size(l); i++) {
                assertClose(tr.z()[l][i], ex.z()[l][i], what + " z" + l + "-" + i);
                assertClose(tr.a()[l][i], ex.a()[l][i], what + " a" + l + "-" + i);
                assertClose(tr.delta()[l][i], ex.delta()[l][i], what + " delta" + l + "-" + i);
                if (net.hasBias()) assertClose(tr.bAfter()[l][i], ex.bAfter()[l][i], what + " b after" + l + "-" + i);
                for (int j = 0; j < net.size(l - 1); j++) {
                    assertClose(tr.dW()[l][i][j], ex.dW()[l][i][j], what + " dW" + l + "-" + i + "-" + j);
                    assertClose(tr.wAfter()[l][i][j], ex.wAfter()[l][i][j], what + " W after" + l + "-" + i + "-" + j);
                }
            }
        }
    }

    /**
     * Within 1e-9 relative; a value whose exact size is below what a double holds (under 1e-300) must be that tiny
     * too. A sum that cancels to far below its terms is compared against the size of its terms instead.
     */
    private static void assertClose(double got, BigDecimal exact, String what) {
        if (exact.abs().compareTo(new BigDecimal("1e-300")) < 0) {
            assertTrue(Math.abs(got) < 1e-290, what + ": " + got + ", exactly " + exact.doubleValue());
            return;
        }
        double err = Exact.relErr(got, exact);
        assertTrue(
                err <= TOL, what + ": " + got + ", exactly " + exact.doubleValue() + " (relative error " + err + ")");
    }

    @Test
    void theReferenceIsNotTheCodeUnderTest() {
        // a hand check of the reference itself: sigma(0) = 1/2, tanh'(0) = 1, ln(e^3) = 3, exp(800) = e^800
        assertEquals(0.5, Exact.sigmoid(BigDecimal.ZERO).doubleValue(), 0);
        assertEquals(1.0, Exact.df(Activation.TANH, BigDecimal.ZERO).doubleValue(), 0);
        assertEquals(3.0, Exact.ln(Exact.exp(BigDecimal.valueOf(3))).doubleValue(), 1e-15);
        assertEquals(800.0, Exact.ln(Exact.exp(BigDecimal.valueOf(800))).doubleValue(), 1e-12);
        assertEquals(Math.exp(-30), Exact.exp(BigDecimal.valueOf(-30)).doubleValue(), 1e-28);
    }
}
