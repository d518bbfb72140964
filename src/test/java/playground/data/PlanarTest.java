package playground.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import playground.training.Config;
import playground.training.Training;

/** TensorFlow Playground's 2-D datasets: seeded, the right shapes, the right labels. */
class PlanarTest {
    @ParameterizedTest
    @EnumSource(
            value = DatasetKind.class,
            names = {"CIRCLE", "XOR", "GAUSS", "SPIRAL", "REG_PLANE", "REG_GAUSS", "THREE_CLASSES"})
    void eachSetIsSeededAndShaped(DatasetKind kind) {
        Samples a = kind.generate(SplitMix64.stream(4, 1), 0.2);
        Samples b = kind.generate(SplitMix64.stream(4, 1), 0.2);
        Samples c = kind.generate(SplitMix64.stream(5, 1), 0.2);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.t(), b.t());
        assertFalse(Arrays.equals(a.x(), c.x()), "another seed, other points");
        assertEquals(500, a.count());
        assertEquals(2, a.inputs());
        assertEquals(kind.outputs(), a.outputs());
        for (double v : a.x()) assertTrue(Double.isFinite(v) && Math.abs(v) < 20, kind + " x " + v);
    }

    @ParameterizedTest
    @EnumSource(
            value = DatasetKind.class,
            names = {"CIRCLE", "XOR", "GAUSS", "SPIRAL"})
    void classificationLabelsArePlusOrMinusOneAndBalanced(DatasetKind kind) {
        Samples s = kind.generate(new SplitMix64(1), 0.1);
        int plus = 0;
        for (double t : s.t()) {
            assertTrue(t == 1 || t == -1, kind + " label " + t);
            if (t == 1) plus++;
        }
        assertTrue(plus > 150 && plus < 350, kind + ": " + plus + " of 500 are +1");
    }

    @Test
    void withoutNoiseTheLabelsFollowTheGeometry() {
        Samples circle = DatasetKind.CIRCLE.generate(new SplitMix64(2), 0);
        Samples xor = DatasetKind.XOR.generate(new SplitMix64(2), 0);
        for (int k = 0; k < 500; k++) {
            double r = Math.hypot(circle.x()[2 * k], circle.x()[2 * k + 1]);
            assertEquals(r < 2.5 ? 1.0 : -1.0, circle.t()[k]);
            assertTrue(r < 2.5 || r >= 3.5, "the ring keeps its gap");
            assertEquals(Math.signum(xor.x()[2 * k] * xor.x()[2 * k + 1]), xor.t()[k]);
            assertTrue(Math.abs(xor.x()[2 * k]) >= 0.3 && Math.abs(xor.x()[2 * k + 1]) >= 0.3, "kept off the axes");
        }
        Samples plane = DatasetKind.REG_PLANE.generate(new SplitMix64(2), 0);
        for (int k = 0; k < 500; k++) {
            assertEquals((plane.x()[2 * k] + plane.x()[2 * k + 1]) / 12, plane.t()[k], 1e-12);
        }
        Samples three = DatasetKind.THREE_CLASSES.generate(new SplitMix64(2), 0);
        for (int k = 0; k < 500; k++) {
            double sum = three.t()[3 * k] + three.t()[3 * k + 1] + three.t()[3 * k + 2];
            assertEquals(1.0, sum, "one-hot");
        }
    }

    @Test
    void noiseBlursTheCircle() {
        Samples clean = DatasetKind.CIRCLE.generate(new SplitMix64(3), 0);
        Samples noisy = DatasetKind.CIRCLE.generate(new SplitMix64(3), 0.5);
        int wrong = 0;
        for (int k = 0; k < 500; k++) {
            double r = Math.hypot(noisy.x()[2 * k], noisy.x()[2 * k + 1]);
            if ((r < 2.5 ? 1.0 : -1.0) != noisy.t()[k]) wrong++;
        }
        assertTrue(wrong > 20, "with 50% noise some labels disagree with their point: " + wrong);
        assertEquals(500, clean.count());
    }

    @Test
    void aSmallNetworkLearnsTheCircle() {
        Config c = Config.parse(Map.of(
                "dataset",
                "circle",
                "layers",
                "2,8,1",
                "activation",
                "tanh",
                "output",
                "tanh",
                "lr",
                "0.03",
                "epochs",
                "60",
                "standardize",
                "false",
                "testRatio",
                "0.5"));
        Training t = new Training(c);
        t.runToEnd();
        Samples test = t.data().test();
        int right = 0;
        for (int k = 0; k < test.count(); k++) {
            double y = t.network().predict(test.x(k))[0];
            if (Math.signum(y) == test.t()[k]) right++;
        }
        assertTrue(right > 0.9 * test.count(), right + " of " + test.count() + " right");
    }
}
