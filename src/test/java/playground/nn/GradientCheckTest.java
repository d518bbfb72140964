package playground.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GradientCheckTest {
    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        int[][] shapes = {{2, 3, 2}, {1, 1}, {3, 5, 4, 2}, {4, 8, 8, 8, 3}, {2, 6, 1}};
        for (Activation hidden : Activation.HIDDEN) {
            // leaky relu's slope of 0.01 makes a deep net's gradients through negative units smaller than a central
            // difference resolves to 1e-6; it is checked below on shallow nets, and against exact values in
            // ExactStepTest
            if (hidden == Activation.LEAKY_RELU) continue;
            for (Activation output : Activation.values()) {
                if (output == Activation.LEAKY_RELU) continue;
                for (Loss loss : Loss.values()) {
                    if (!loss.fits(output)) continue;
                    for (boolean bias : new boolean[] {true, false}) {
                        for (int[] shape : shapes) {
                            // softmax over a single output is the constant 1: nothing to check
                            if (output == Activation.SOFTMAX && shape[shape.length - 1] < 2) continue;
                            list.add(Arguments.of(shape, hidden, output, loss, bias));
                        }
                    }
                }
            }
        }
        return list.stream();
    }

    /** The activations' numbers in the seeds, as they were before leaky relu joined: each case keeps its network. */
    private static int code(Activation a) {
        return List.of(
                        Activation.SIGMOID,
                        Activation.TANH,
                        Activation.RELU,
                        Activation.LINEAR,
                        Activation.SOFTMAX,
                        Activation.LEAKY_RELU)
                .indexOf(a);
    }

    @Test
    void leakyReluAgreesWithCentralDifferencesOnShallowNets() {
        for (int[] shape : new int[][] {{2, 3, 2}, {2, 6, 1}, {3, 5, 2}}) {
            for (Activation output : new Activation[] {Activation.LINEAR, Activation.LEAKY_RELU}) {
                Network net = Nets.random(shape, Activation.LEAKY_RELU, output, true, Loss.MSE, 17 + shape[1]);
                double[] x = Nets.vector(shape[0], 5);
                double[] t = Nets.target(shape[shape.length - 1], Loss.MSE, output, 6);
                GradientCheck.Result r = GradientCheck.check(net, x, t);
                assertTrue(r.maxRelativeError() < 1e-6, "max relative error " + r.maxRelativeError());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}/{2} {3} bias={4}")
    @MethodSource("cases")
    void backpropAgreesWithCentralDifferences(
            int[] shape, Activation hidden, Activation output, Loss loss, boolean bias) {
        long seed = 31L * shape.length + code(hidden) * 7 + code(output) + (bias ? 100 : 0) + loss.ordinal();
        Network net = Nets.random(shape, hidden, output, bias, loss, seed);
        double[] x = Nets.vector(shape[0], seed + 1);
        double[] t = Nets.target(shape[shape.length - 1], loss, output, seed + 2);
        GradientCheck.Result r = GradientCheck.check(net, x, t);
        int expected = net.parameterCount();
        assertEquals(expected, r.entries().size(), "one entry per weight and bias");
        // cross-entropy's E is a sum of logarithms, larger than MSE's here, and the central difference's rounding
        // error grows with E: a deep sigmoid net's tiny gradients then agree to 1.5e-6, not 1e-6
        double tolerance = loss == Loss.MSE ? 1e-6 : 1e-5;
        assertTrue(r.maxRelativeError() < tolerance, "max relative error " + r.maxRelativeError());
    }

    @org.junit.jupiter.api.Test
    void softmaxCrossEntropyGradientsHoldForTargetsThatDoNotSumToOne() {
        // delta = y sum(t) - t in general; y - t only when the targets sum to 1
        Network net =
                Nets.random(new int[] {3, 4, 3}, Activation.TANH, Activation.SOFTMAX, true, Loss.CROSS_ENTROPY, 9);
        GradientCheck.Result r = GradientCheck.check(net, new double[] {0.2, -0.7, 0.4}, new double[] {0.5, 0.9, 0.3});
        assertTrue(r.maxRelativeError() < 1e-6, "max relative error " + r.maxRelativeError());
    }

    @org.junit.jupiter.api.Test
    void crossEntropyMatchesItsDefinition() {
        // a 1-1 network with a sigmoid output: y = sigma(w x), E = -(t ln y + (1 - t) ln(1 - y))
        Network net = new Network(new int[] {1, 1}, new Activation[] {Activation.SIGMOID}, false, Loss.CROSS_ENTROPY);
        net.setW(1, 0, 0, 0.8);
        double y = 1 / (1 + Math.exp(-0.8 * 1.5));
        Trace tr = Backprop.gradients(net, new double[] {1.5}, new double[] {1});
        assertEquals(-Math.log(y), tr.loss(), 1e-15);
        // dE/dz = y - t, so dE/dw = (y - t) x
        assertEquals((y - 1) * 1.5, tr.dW()[1][0][0], 1e-15);
        // softmax over (z, 0) with t = (0, 1): E = -ln(1 / (1 + e^z))
        Network soft = new Network(new int[] {1, 2}, new Activation[] {Activation.SOFTMAX}, false, Loss.CROSS_ENTROPY);
        soft.setW(1, 0, 0, 2.0);
        Trace st = Backprop.gradients(soft, new double[] {0.5}, new double[] {0, 1});
        assertEquals(Math.log(1 + Math.E), st.loss(), 1e-14);
        assertEquals(Math.E / (1 + Math.E), st.delta()[1][0], 1e-15);
        assertEquals(1 / (1 + Math.E) - 1, st.delta()[1][1], 1e-15);
    }

    @org.junit.jupiter.api.Test
    void aWrongGradientIsFlagged() {
        // the notebook's sign error on dE/dy gives gradients of the wrong sign: relative error 2
        GradientCheck.Entry e = GradientCheck.entry(2, 0, 1, -0.5, 0.5);
        assertEquals(2.0, e.relativeError(), 1e-12);
        GradientCheck.Entry ok = GradientCheck.entry(2, 0, 1, 0.0, 0.0);
        assertEquals(0.0, ok.relativeError());
    }

    @org.junit.jupiter.api.Test
    void theCheckLeavesTheNetworkUnchanged() {
        Network net = Nets.random(new int[] {2, 3, 2}, Activation.SIGMOID, Activation.LINEAR, true, 5);
        Network before = net.copy();
        GradientCheck.check(net, new double[] {0.3, -0.2}, new double[] {1, 2});
        assertTrue(net.sameWeights(before));
    }

    /** A big network is checked on a seeded sample of MAX_CHECKED parameters: the same ones every time. */
    @org.junit.jupiter.api.Test
    void aBigNetworkIsCheckedOnASeededSample() {
        int[] sizes = {2, 64, 64, 2};
        Network net = Nets.random(sizes, Activation.TANH, Activation.LINEAR, true, 3);
        double[] x = {0.3, -0.2}, t = {1, 2};
        GradientCheck.Result a = GradientCheck.check(net, x, t);
        GradientCheck.Result b = GradientCheck.check(net, x, t);
        int total = 2 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2;
        assertEquals(total, a.total());
        assertEquals(GradientCheck.MAX_CHECKED, a.checked());
        assertTrue(!a.complete() && !a.cutShort());
        assertEquals(a.entries(), b.entries(), "the same sample each time");
        assertTrue(a.maxRelativeError() < 1e-6, "max " + a.maxRelativeError());
        long biases = a.entries().stream().filter(e -> e.j() == -1).count();
        long layer3 = a.entries().stream().filter(e -> e.layer() == 3).count();
        assertTrue(biases > 0 && layer3 > 0, biases + " biases, " + layer3 + " in layer 3: spread over the net");
    }

    /** Past its deadline, or interrupted, a check stops and says so. */
    @org.junit.jupiter.api.Test
    void aCheckStopsAtItsDeadlineOrWhenInterrupted() {
        Network net = Nets.random(new int[] {2, 8, 2}, Activation.TANH, Activation.LINEAR, true, 3);
        double[] x = {0.3, -0.2}, t = {1, 2};
        GradientCheck.Result late = GradientCheck.check(net, x, t, 100, System.nanoTime() - 1);
        assertEquals(0, late.checked());
        assertTrue(late.cutShort());
        Thread.currentThread().interrupt();
        GradientCheck.Result interrupted;
        try {
            interrupted = GradientCheck.check(net, x, t);
        } finally {
            Thread.interrupted();
        }
        assertTrue(interrupted.cutShort());
        assertEquals(2 * 8 + 8 + 8 * 2 + 2, interrupted.total());
    }
}
