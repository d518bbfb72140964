package playground.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The optimisers and regularisation against steps worked by hand, on y = w x + b (one linear unit), x = 1, t = 0, w =
 * 0.5, b = 0.2, learning rate 0.1, so that dE/dw = dE/db = y − t = w + b.
 */
class OptimizerTest {
    static final double LR = 0.1;

    static Network unit(double w, double b) {
        Network net = new Network(new int[] {1, 1}, new Activation[] {Activation.LINEAR}, true);
        net.setW(1, 0, 0, w);
        net.setB(1, 0, b);
        return net;
    }

    static Sgd sgd(Network net, Optimizer o, Regularization r, double rate) {
        return new Sgd(net, 1, new Updater(net, o, r, rate));
    }

    static double step(Sgd sgd) {
        double e = sgd.trainSample(new double[] {1}, new double[] {0}, 0, LR);
        sgd.flush();
        return e;
    }

    @Test
    void sgdWithL2AddsLambdaTimesTheWeightToItsGradientButNotTheBias() {
        Network net = unit(0.5, 0.2);
        step(sgd(net, Optimizer.SGD, Regularization.L2, 0.1));
        // g_w = (0.5 + 0.2) + 0.1 * 0.5 = 0.75, w = 0.5 - 0.075; g_b = 0.7, b = 0.2 - 0.07
        assertEquals(0.425, net.w(1, 0, 0), 1e-15);
        assertEquals(0.13, net.b(1, 0), 1e-15);
    }

    @Test
    void sgdWithL1AddsLambdaTimesTheSignOfTheWeight() {
        Network net = unit(-0.5, 0.2);
        step(sgd(net, Optimizer.SGD, Regularization.L1, 0.1));
        // y = -0.3; g_w = -0.3 * 1 + 0.1 * sign(-0.5) = -0.4, w = -0.5 + 0.04; b = 0.2 + 0.03
        assertEquals(-0.46, net.w(1, 0, 0), 1e-15);
        assertEquals(0.23, net.b(1, 0), 1e-15);
    }

    @Test
    void momentumCarriesNinetyPercentOfTheLastStep() {
        Network net = unit(0.5, 0.0);
        Sgd sgd = sgd(net, Optimizer.MOMENTUM, Regularization.NONE, 0);
        step(sgd);
        // g = 0.5, v = 0.5, w = 0.5 - 0.05 = 0.45 (b: the same g, b = -0.05)
        assertEquals(0.45, net.w(1, 0, 0), 1e-15);
        assertEquals(-0.05, net.b(1, 0), 1e-15);
        step(sgd);
        // y = 0.45 - 0.05 = 0.4; g = 0.4; v = 0.9 * 0.5 + 0.4 = 0.85; w = 0.45 - 0.085
        assertEquals(0.365, net.w(1, 0, 0), 1e-15);
        assertEquals(-0.135, net.b(1, 0), 1e-15);
    }

    @Test
    void adamsFirstStepIsTheLearningRateInTheGradientsDirection() {
        Network net = unit(0.5, 0.0);
        Sgd sgd = sgd(net, Optimizer.ADAM, Regularization.NONE, 0);
        step(sgd);
        // g = 0.5: m = 0.05, v = 0.00025; mhat = 0.5, vhat = 0.25; step = 0.1 * 0.5 / (0.5 + 1e-8)
        double w1 = 0.5 - 0.1 * 0.5 / (0.5 + 1e-8);
        assertEquals(w1, net.w(1, 0, 0), 1e-15);
        assertEquals(0.4, net.w(1, 0, 0), 1e-8);
        step(sgd);
        // y = w1 + b1 = 2 w1 - 0.5 (b moved by the same step); second moments by hand
        double g = 2 * w1 - 0.5;
        double m = 0.9 * 0.05 + 0.1 * g;
        double v = 0.999 * 0.00025 + 0.001 * g * g;
        double mHat = m / (1 - 0.81), vHat = v / (1 - 0.998001);
        assertEquals(w1 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), net.w(1, 0, 0), 1e-15);
    }

    @Test
    void aMiniBatchStepsOnceOnTheMeanGradient() {
        // two samples x = 1 and x = 3, t = 0; w = 0.5, no bias: gradients 0.5 and 4.5, mean 2.5
        Network net = new Network(new int[] {1, 1}, new Activation[] {Activation.LINEAR}, false);
        net.setW(1, 0, 0, 0.5);
        Sgd sgd = new Sgd(net, 2, new Updater(net, Optimizer.MOMENTUM, Regularization.NONE, 0));
        sgd.trainBatch(new double[] {1, 3}, new double[] {0, 0}, new int[] {0, 1}, 0, 2, LR);
        assertEquals(0.5 - 0.1 * 2.5, net.w(1, 0, 0), 1e-15);
    }

    @Test
    void aZeroRateIsNoRegularisationAndPlainSgdIsFused() {
        Network net = unit(0.5, 0);
        assertTrue(new Updater(net, Optimizer.SGD, Regularization.L2, 0).plain());
        assertTrue(!new Updater(net, Optimizer.SGD, Regularization.L2, 0.01).plain());
        assertTrue(!new Updater(net, Optimizer.ADAM, Regularization.NONE, 0).plain());
        assertEquals(Optimizer.ADAM, Optimizer.parse(" Adam "));
        assertEquals(Regularization.L1, Regularization.parse("L1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.parse("rmsprop"));
        assertEquals("must be one of sgd, momentum, adam", e.getMessage());
    }

    @Test
    void everyOptimiserLearnsAndAgreesWithItselfPerSampleAndInBatchesOfOne() {
        for (Optimizer o : Optimizer.values()) {
            for (Regularization r : Regularization.values()) {
                Network a = Nets.random(
                        new int[] {2, 5, 3}, Activation.TANH, Activation.SOFTMAX, true, Loss.CROSS_ENTROPY, 4);
                Network b = a.copy();
                Sgd perSample = new Sgd(a, 1, new Updater(a, o, r, 0.001));
                Sgd batches = new Sgd(b, 4, new Updater(b, o, r, 0.001));
                double[] xs = SgdTest.randomData(30, 2, 7);
                double[] ts = new double[30 * 3];
                for (int s = 0; s < 30; s++) ts[s * 3 + (xs[2 * s] > 0 ? 0 : xs[2 * s + 1] > 0 ? 1 : 2)] = 1;
                int[] order = new int[30];
                for (int i = 0; i < 30; i++) order[i] = i;
                double before = perSample.meanLoss(xs, ts, 30);
                for (int epoch = 0; epoch < 40; epoch++) {
                    for (int s = 0; s < 30; s++) {
                        perSample.trainSample(xs, ts, s, 0.01);
                        batches.trainBatch(xs, ts, order, s, 1, 0.01);
                    }
                }
                perSample.flush();
                SgdTest.assertSameWeights(a, b, 1e-12);
                assertTrue(perSample.meanLoss(xs, ts, 30) < 0.8 * before, o + " " + r + " learns");
            }
        }
    }
}
