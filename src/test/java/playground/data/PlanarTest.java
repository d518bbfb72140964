package playground.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
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
    void classificationLabelsAreZeroOrOneAndBalanced(DatasetKind kind) {
        Samples s = kind.generate(new SplitMix64(1), 0.1);
        int ones = 0;
        for (double t : s.t()) {
            assertTrue(t == 1 || t == 0, kind + " label " + t);
            if (t == 1) ones++;
        }
        assertTrue(ones > 150 && ones < 350, kind + ": " + ones + " of 500 are 1");
        assertTrue(kind.classification() && kind.planar());
    }

    @Test
    void withoutNoiseTheLabelsFollowTheGeometry() {
        Samples circle = DatasetKind.CIRCLE.generate(new SplitMix64(2), 0);
        Samples xor = DatasetKind.XOR.generate(new SplitMix64(2), 0);
        for (int k = 0; k < 500; k++) {
            double r = Math.hypot(circle.x()[2 * k], circle.x()[2 * k + 1]);
            assertEquals(r < 2.5 ? 1.0 : 0.0, circle.t()[k]);
            assertTrue(r < 2.5 || r >= 3.5, "the ring keeps its gap");
            assertEquals(xor.x()[2 * k] * xor.x()[2 * k + 1] > 0 ? 1.0 : 0.0, xor.t()[k]);
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
            if ((r < 2.5 ? 1.0 : 0.0) != noisy.t()[k]) wrong++;
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
                "loss",
                "mse",
                "batch",
                "1",
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
            if ((y >= 0.5) == (test.t()[k] == 1)) right++;
        }
        assertTrue(right > 0.9 * test.count(), right + " of " + test.count() + " right");
        List<Double> acc = t.testAccuracy();
        assertEquals(60, acc.size(), "one accuracy per epoch");
        assertEquals((double) right / test.count(), acc.get(59), 1e-12, "the run's accuracy is the one counted here");
    }

    @Test
    void theDefaultsClassifyWithCrossEntropyAndLearnXorAndThreeClasses() {
        Config xor = Config.parse(Map.of("dataset", "xor"));
        assertEquals("sigmoid", xor.output().id());
        assertEquals("cross-entropy", xor.loss().id());
        Training t = new Training(xor);
        t.runToEnd();
        List<Double> acc = t.testAccuracy();
        assertTrue(acc.get(acc.size() - 1) > 0.95, "xor test accuracy " + acc);
        assertTrue(t.initialTestAccuracy() < 0.8, "it had to learn: " + t.initialTestAccuracy());

        Config three = Config.parse(Map.of("dataset", "three-classes", "optimizer", "adam", "lr", "0.01"));
        assertEquals("softmax", three.output().id());
        Training t3 = new Training(three);
        t3.runToEnd();
        List<Double> acc3 = t3.testAccuracy();
        assertTrue(acc3.get(acc3.size() - 1) > 0.9, "three classes, test accuracy " + acc3);
    }

    @Test
    void featuresTurnThePlaneIntoTheInputLayer() {
        Config c = Config.parse(Map.of("dataset", "circle", "features", "x1sq,x2sq", "layers", "2,1"));
        assertEquals("x1sq,x2sq", c.features().text());
        Training t = new Training(c);
        Samples raw = t.data().rawTrain(), seen = t.data().train();
        for (int k = 0; k < 5; k++) {
            assertEquals(raw.x()[2 * k] * raw.x()[2 * k], seen.x()[2 * k], 1e-12);
            assertEquals(raw.x()[2 * k + 1] * raw.x()[2 * k + 1], seen.x()[2 * k + 1], 1e-12);
        }
        // x1^2 + x2^2 separates the disc from the ring with no hidden layer at all
        t.runToEnd();
        List<Double> acc = t.testAccuracy();
        assertTrue(acc.get(acc.size() - 1) > 0.95, "circle from squares " + acc);
        Config all = Config.parse(Map.of("dataset", "spiral", "features", "sinx2,x1,x1x2,x2,x1sq,x2sq,sinx1"));
        assertEquals("x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2", all.features().text(), "listed in a fixed order");
        assertEquals(7, all.layers()[0], "the input layer follows the features");
    }
}
