package playground.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import playground.data.SplitMix64;

/** The training path against the trace path. */
class SgdTest {
    static final int[][] SHAPES = {{2, 3, 2}, {4, 16, 3}, {2, 17, 2}, {1, 1}, {3, 7, 5, 2}, {5, 16, 16, 16, 4}};

    static double[] randomData(int count, int width, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        double[] v = new double[count * width];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble() * 2 - 1;
        return v;
    }

    static void assertSameWeights(Network expected, Network actual, double tol) {
        for (int l = 1; l <= expected.layers(); l++) {
            for (int i = 0; i < expected.size(l); i++) {
                for (int j = 0; j < expected.size(l - 1); j++) {
                    assertTrue(
                            Nets.relDiff(expected.w(l, i, j), actual.w(l, i, j)) <= tol
                                    || Math.abs(expected.w(l, i, j) - actual.w(l, i, j)) < 1e-15,
                            "w(" + l + "," + i + "," + j + ") " + expected.w(l, i, j) + " vs " + actual.w(l, i, j));
                }
                assertEquals(expected.b(l, i), actual.b(l, i), 1e-12 * Math.max(1, Math.abs(expected.b(l, i))));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void perSampleTrainingAgreesWithTheTracePath(Activation hidden) {
        for (Activation output : Activation.values()) {
            for (Loss loss : Loss.values()) {
                if (!loss.fits(output)) continue;
                for (boolean bias : new boolean[] {true, false}) {
                    for (int[] shape : SHAPES) {
                        int m = shape[shape.length - 1];
                        if (output == Activation.SOFTMAX && m < 2) continue;
                        perSample(shape, hidden, output, loss, bias, m);
                    }
                }
            }
        }
    }

    private static void perSample(int[] shape, Activation hidden, Activation output, Loss loss, boolean bias, int m) {
        Network fast = Nets.random(shape, hidden, output, bias, loss, 11);
        Network traced = fast.copy();
        int count = 50;
        double[] xs = randomData(count, shape[0], 1);
        double[] ts = new double[count * m];
        for (int s = 0; s < count; s++) System.arraycopy(Nets.target(m, loss, output, 100 + s), 0, ts, s * m, m);
        Sgd sgd = new Sgd(fast);
        for (int step = 0; step < 100; step++) {
            // start each step from the same weights, so that rounding differences cannot pile up
            traced.setFrom(fast);
            sgd.reload();
            int s = (step * 7) % count;
            double[] x = java.util.Arrays.copyOfRange(xs, s * shape[0], (s + 1) * shape[0]);
            double[] t = java.util.Arrays.copyOfRange(ts, s * m, (s + 1) * m);
            double eFast = sgd.trainSample(xs, ts, s, 0.005);
            sgd.flush();
            Trace tr = Backprop.step(traced, x, t, 0.005);
            assertTrue(Double.isFinite(tr.loss()));
            assertEquals(tr.loss(), eFast, 1e-12 * Math.max(1, tr.loss()), loss + " " + output);
            assertSameWeights(traced, fast, 1e-12);
        }
    }

    @Test
    void aMiniBatchOfOneIsOnePerSampleStep() {
        for (int[] shape : SHAPES) {
            Network perSample = Nets.random(shape, Activation.TANH, Activation.SIGMOID, true, 3);
            Network batched = perSample.copy();
            int count = 40;
            double[] xs = randomData(count, shape[0], 4);
            double[] ts = randomData(count, shape[shape.length - 1], 5);
            int[] order = new int[count];
            for (int i = 0; i < count; i++) order[i] = (i * 13) % count;
            Sgd a = new Sgd(perSample);
            Sgd b = new Sgd(batched, 8);
            for (int k = 0; k < count; k++) {
                double ea = a.trainSample(xs, ts, order[k], 0.1);
                double eb = b.trainBatch(xs, ts, order, k, 1, 0.1);
                assertEquals(ea, eb, 1e-12 * Math.max(1, ea));
            }
            a.flush();
            assertSameWeights(perSample, batched, 1e-12);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {7, 600})
    void aMiniBatchAppliesTheMeanOfItsGradientsOnce(int count) {
        // 600 is more than one chunk of the batch buffers: the chunks' gradients add up to the same mean
        int[] shape = {3, 5, 4, 2};
        Network batched = Nets.random(shape, Activation.SIGMOID, Activation.LINEAR, true, 8);
        Network manual = batched.copy();
        double[] xs = randomData(count, 3, 9);
        double[] ts = randomData(count, 2, 10);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = (i * 5 + 3) % count;
        double lr = 0.3;
        double eSum = new Sgd(batched, count).trainBatch(xs, ts, order, 0, count, lr);

        // by hand: average the per-sample gradients of the trace path at the same (old) weights, then step once
        int L = manual.layers();
        double[][][] sumW = new double[L + 1][][];
        double[][] sumB = new double[L + 1][];
        double expectedE = 0;
        for (int k = 0; k < count; k++) {
            int s = order[k];
            Trace g = Backprop.gradients(
                    manual,
                    java.util.Arrays.copyOfRange(xs, s * 3, s * 3 + 3),
                    java.util.Arrays.copyOfRange(ts, s * 2, s * 2 + 2));
            expectedE += g.loss();
            for (int l = 1; l <= L; l++) {
                if (sumW[l] == null) {
                    sumW[l] = new double[g.dW()[l].length][g.dW()[l][0].length];
                    sumB[l] = new double[g.db()[l].length];
                }
                for (int i = 0; i < sumW[l].length; i++) {
                    for (int j = 0; j < sumW[l][i].length; j++) sumW[l][i][j] += g.dW()[l][i][j] / count;
                    sumB[l][i] += g.db()[l][i] / count;
                }
            }
        }
        Backprop.applyUpdate(manual, sumW, sumB, lr);
        assertEquals(expectedE, eSum, 1e-12 * expectedE);
        assertSameWeights(manual, batched, 1e-10);
    }

    @Test
    void perSampleStepsAndMiniBatchesMixOnOneNetwork() {
        int[] shape = {3, 9, 6, 2};
        Network mixed = Nets.random(shape, Activation.SIGMOID, Activation.LINEAR, true, 21);
        Network traced = mixed.copy();
        double[] xs = randomData(6, 3, 22);
        double[] ts = randomData(6, 2, 23);
        int[] order = {0, 1, 2, 3, 4, 5};
        Sgd sgd = new Sgd(mixed, 6);
        sgd.trainSample(xs, ts, 0, 0.1); // not flushed: the batch must still see it
        sgd.trainBatch(xs, ts, order, 1, 1, 0.1);
        sgd.trainSample(xs, ts, 2, 0.1);
        sgd.flush();
        for (int s = 0; s < 3; s++) {
            Backprop.step(
                    traced,
                    java.util.Arrays.copyOfRange(xs, s * 3, s * 3 + 3),
                    java.util.Arrays.copyOfRange(ts, s * 2, s * 2 + 2),
                    0.1);
        }
        assertSameWeights(traced, mixed, 1e-12);
    }

    @Test
    void theTrainingPathAllocatesNothingPerSample() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Network net = Nets.random(new int[] {2, 16, 16, 2}, Activation.SIGMOID, Activation.LINEAR, true, 1);
        int count = 64;
        double[] xs = randomData(count, 2, 1);
        double[] ts = randomData(count, 2, 2);
        Sgd sgd = new Sgd(net);
        for (int i = 0; i < 50_000; i++) sgd.trainSample(xs, ts, i % count, 0.01); // warm up, compile
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) sgd.trainSample(xs, ts, i % count, 0.01);
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        // 100 000 samples: even one 16-byte object per sample would be 1.6 MB
        assertTrue(allocated < 100_000, "allocated " + allocated + " bytes over 100000 samples");
    }

    @Test
    void aBatchLargerThanTheBuffersIsRefused() {
        Sgd sgd = new Sgd(Nets.random(new int[] {1, 1}, Activation.LINEAR, Activation.LINEAR, true, 1), 2);
        assertThrows(
                IllegalArgumentException.class,
                () -> sgd.trainBatch(new double[3], new double[3], new int[] {0, 1, 2}, 0, 3, 0.1));
    }
}
