package playground.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GradientCheckTest {
    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        int[][] shapes = {{2, 3, 2}, {1, 1}, {3, 5, 4, 2}, {4, 8, 8, 8, 3}, {2, 6, 1}};
        for (Activation hidden : Activation.values()) {
            for (Activation output : Activation.values()) {
                for (boolean bias : new boolean[] {true, false}) {
                    for (int[] shape : shapes) list.add(Arguments.of(shape, hidden, output, bias));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1}/{2} bias={3}")
    @MethodSource("cases")
    void backpropAgreesWithCentralDifferences(int[] shape, Activation hidden, Activation output, boolean bias) {
        long seed = 31L * shape.length + hidden.ordinal() * 7 + output.ordinal() + (bias ? 100 : 0);
        Network net = Nets.random(shape, hidden, output, bias, seed);
        double[] x = Nets.vector(shape[0], seed + 1);
        double[] t = Nets.vector(shape[shape.length - 1], seed + 2);
        GradientCheck.Result r = GradientCheck.check(net, x, t);
        int expected = net.parameterCount();
        assertEquals(expected, r.entries().size(), "one entry per weight and bias");
        assertTrue(r.maxRelativeError() < 1e-6, "max relative error " + r.maxRelativeError());
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
}
