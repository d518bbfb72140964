package playground.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The gradient flow the kernels measure, against numbers worked out by hand and against the trace path. */
class GradientFlowTest {

    /**
     * 1-1-1, linear, no biases, x = 1, t = 0, W^(1) = 2, W^(2) = 3, lr = 0.1, the same sample twice. Sample 1: a1 = 2,
     * y = 6, delta2 = 6, dE/dW2 = 12, delta1 = 3 * 6 = 18, dE/dW1 = 18; the ratios 0.1 * 18 / 2 = 0.9 and 0.1 * 12 / 3
     * = 0.4; then W1 = 0.2, W2 = 1.8. Sample 2: a1 = 0.2, y = 0.36, dE/dW2 = 0.36 * 0.2 = 0.072, delta1 = 1.8 * 0.36 =
     * 0.648 = dE/dW1; the ratios 0.1 * 0.648 / 0.2 = 0.324 and 0.1 * 0.072 / 1.8 = 0.004.
     */
    @Test
    void twoStepsWorkedByHand() {
        for (int batchPath = 0; batchPath < 2; batchPath++) {
            Network net =
                    new Network(new int[] {1, 1, 1}, new Activation[] {Activation.LINEAR, Activation.LINEAR}, false);
            net.setW(1, 0, 0, 2);
            net.setW(2, 0, 0, 3);
            // the tiny kernel, and the mini-batch path (a batch of one at a time, through the updater)
            Sgd sgd = batchPath == 0
                    ? new Sgd(net)
                    : new Sgd(net, 1, new Updater(net, Optimizer.MOMENTUM, Regularization.NONE, 0));
            double[] xs = {1, 1}, ts = {0, 0};
            sgd.trainSample(xs, ts, 0, 0.1);
            sgd.trainSample(xs, ts, 1, 0.1);
            GradientFlow flow = sgd.takeFlow();
            String path = batchPath == 0 ? "per sample" : "mini-batch";
            assertArrayEquals(new double[] {(18 + 0.648) / 2, (12 + 0.072) / 2}, flow.gradientNorms(), 1e-12, path);
            if (batchPath == 0) {
                assertArrayEquals(new double[] {(0.9 + 0.324) / 2, (0.4 + 0.004) / 2}, flow.updateRatios(), 1e-12);
            }
            assertEquals(0, flow.saturatedUnits()[0].length);
            assertEquals(0, flow.deadUnits()[0].length, "linear units do not die");
        }
    }

    /**
     * 2-2-1 relu, no biases, x = (1, 1), t = 0, W^(1) = [[1, 0], [-1, -1]], W^(2) = [[2, 5]], lr = 0.1: z1 = (1, -2), a1
     * = (1, 0), y = 2 = delta2, dE/dW2 = (2, 0) with norm 2; delta1 = (2 * 2, 5 * 2) * f'(z1) = (4, 0), dE/dW1 = [[4,
     * 4], [0, 0]] with norm 4 sqrt 2. ||W1|| = sqrt 3, ||W2|| = sqrt 29. Unit 1 has f' = 0 and output 0: saturated and
     * dead.
     */
    @Test
    void aDeadReluUnitWorkedByHand() {
        for (int batch = 1; batch <= 2; batch++) {
            Network net =
                    new Network(new int[] {2, 2, 1}, new Activation[] {Activation.RELU, Activation.LINEAR}, false);
            net.setWeights(1, new double[][] {{1, 0}, {-1, -1}});
            net.setWeights(2, new double[][] {{2, 5}});
            Sgd sgd = new Sgd(net, batch);
            double[] xs = {1, 1, 1, 1}, ts = {0, 0};
            if (batch == 1) sgd.trainSample(xs, ts, 0, 0.1);
            else sgd.trainBatch(xs, ts, new int[] {0, 1}, 0, 2, 0.1);
            GradientFlow flow = sgd.takeFlow();
            // a batch of the same sample twice: each sample's gradient is the one above, and so is their mean
            assertArrayEquals(new double[] {4 * Math.sqrt(2), 2}, flow.gradientNorms(), 1e-12, "batch " + batch);
            assertArrayEquals(
                    new double[] {0.1 * 4 * Math.sqrt(2) / Math.sqrt(3), 0.1 * 2 / Math.sqrt(29)},
                    flow.updateRatios(),
                    1e-12,
                    "batch " + batch);
            assertArrayEquals(new int[] {1}, flow.saturatedUnits()[0]);
            assertArrayEquals(new int[] {1}, flow.deadUnits()[0]);
            // counting starts afresh: now W^(1) = [[0.6, -0.4], [-1, -1]], and x = (-1, -1) gives z1 = (-0.2, 2)
            sgd.trainSample(new double[] {-1, -1}, new double[] {0}, 0, 0.1);
            assertArrayEquals(new int[] {0}, sgd.takeFlow().deadUnits()[0], "batch " + batch);
        }
    }

    /**
     * Every kernel (tiny, general per sample, mini-batch, and through the optimiser) against the trace path's own
     * gradients and the weights before and after each step, over 60 samples: the norms and the ratios agree to 1e-9
     * although the kernels never form dE/dW or ||W|| per sample.
     */
    @Test
    void everyKernelAgreesWithTheTracePath() {
        int[][] shapes = {{2, 3, 2}, {3, 7, 5, 2}, {2, 8, 8, 8, 8, 8, 8, 8, 8, 1}};
        for (int[] shape : shapes) {
            for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU}) {
                for (int batch : new int[] {1, 4}) {
                    for (Optimizer opt : new Optimizer[] {Optimizer.SGD, Optimizer.ADAM}) {
                        check(shape, hidden, batch, opt);
                    }
                }
            }
        }
    }

    private static void check(int[] shape, Activation hidden, int batch, Optimizer opt) {
        int L = shape.length - 1, m = shape[L], count = 60;
        Network net = Nets.random(shape, hidden, Activation.LINEAR, true, 5);
        Network ref = net.copy();
        Updater refUpdater = new Updater(ref, opt, Regularization.NONE, 0);
        Sgd sgd = new Sgd(net, batch, new Updater(net, opt, Regularization.NONE, 0));
        Sgd refSgd = new Sgd(ref, batch, refUpdater);
        double[] xs = SgdTest.randomData(count, shape[0], 2), ts = SgdTest.randomData(count, m, 3);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = (i * 7) % count;
        double[] norms = new double[L], ratios = new double[L];
        int updates = 0;
        for (int from = 0; from < count; from += batch) {
            for (int k = from; k < from + batch; k++) {
                int s = order[k];
                Trace tr = Backprop.gradients(
                        ref,
                        java.util.Arrays.copyOfRange(xs, s * shape[0], (s + 1) * shape[0]),
                        java.util.Arrays.copyOfRange(ts, s * m, (s + 1) * m));
                for (int l = 1; l <= L; l++) norms[l - 1] += frobenius(tr.dW()[l]);
            }
            double[][][] before = new double[L + 1][][];
            for (int l = 1; l <= L; l++) before[l] = ref.weights(l);
            refSgd.step(xs, ts, order, from, batch, 0.05, batch == 1);
            for (int l = 1; l <= L; l++) {
                double[][] after = ref.weights(l);
                for (int i = 0; i < after.length; i++) {
                    for (int j = 0; j < after[i].length; j++) after[i][j] -= before[l][i][j];
                }
                ratios[l - 1] += frobenius(after) / frobenius(before[l]);
            }
            updates++;
            sgd.step(xs, ts, order, from, batch, 0.05, batch == 1);
        }
        GradientFlow flow = sgd.takeFlow();
        String what = java.util.Arrays.toString(shape) + " " + hidden + " batch " + batch + " " + opt;
        for (int l = 0; l < L; l++) {
            assertRel(norms[l] / count, flow.gradientNorms()[l], what + " norm of layer " + (l + 1));
            assertRel(ratios[l] / updates, flow.updateRatios()[l], what + " ratio of layer " + (l + 1));
        }
        if (shape.length == 10 && hidden == Activation.SIGMOID) {
            // eight sigmoid layers: the gradient shrinks on its way down (each sigma' is at most 1/4)
            assertTrue(flow.gradientNorms()[0] < flow.gradientNorms()[L - 1] / 100, what + " vanishes");
        }
    }

    private static void assertRel(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-9 * Math.abs(expected), what + ": " + expected + " vs " + actual);
    }

    static double frobenius(double[][] m) {
        double s = 0;
        for (double[] row : m) for (double v : row) s += v * v;
        return Math.sqrt(s);
    }
}
