package playground.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void expSinIsTheNotebooksProblem() {
        Dataset d = Dataset.load(DatasetKind.EXP_SIN, 42, 0.33, false);
        assertEquals(6700, d.train().count());
        assertEquals(3300, d.test().count());
        for (Samples s : new Samples[] {d.train(), d.test()}) {
            assertEquals(2, s.inputs());
            assertEquals(2, s.outputs());
            for (int k = 0; k < s.x().length; k++) {
                assertTrue(s.x()[k] >= 0 && s.x()[k] < 1);
                assertEquals(300 * Math.exp(Math.sin(s.x()[k])), s.t()[k], 1e-12);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOther() {
        Dataset a = Dataset.load(DatasetKind.EXP_SIN, 7, 0.33, true);
        Dataset b = Dataset.load(DatasetKind.EXP_SIN, 7, 0.33, true);
        Dataset c = Dataset.load(DatasetKind.EXP_SIN, 8, 0.33, true);
        assertArrayEquals(a.train().x(), b.train().x());
        assertArrayEquals(a.test().t(), b.test().t());
        assertFalse(Arrays.equals(a.train().x(), c.train().x()));
    }

    @Test
    void theSplitFollowsTheTestRatioAndLosesNoSample() {
        Dataset d = Dataset.load(DatasetKind.EXP_SIN, 1, 0.2, false);
        assertEquals(2000, d.test().count());
        assertEquals(8000, d.train().count());
        double[] all = new double[20000];
        System.arraycopy(d.train().x(), 0, all, 0, 16000);
        System.arraycopy(d.test().x(), 0, all, 16000, 4000);
        double[] generated =
                DatasetKind.EXP_SIN.generate(SplitMix64.stream(1, 1)).x().clone();
        Arrays.sort(all);
        Arrays.sort(generated);
        assertArrayEquals(generated, all);
    }

    @Test
    void standardisingUsesTheTrainingSetsStatistics() {
        Dataset d = Dataset.load(DatasetKind.EXP_SIN, 3, 0.33, true);
        for (int i = 0; i < 2; i++) {
            double sum = 0, ss = 0;
            for (int k = 0; k < d.train().count(); k++) sum += d.train().t()[2 * k + i];
            double mean = sum / d.train().count();
            for (int k = 0; k < d.train().count(); k++) ss += Math.pow(d.train().t()[2 * k + i] - mean, 2);
            assertEquals(0.0, mean, 1e-12);
            assertEquals(1.0, Math.sqrt(ss / d.train().count()), 1e-12);
            // original units come back exactly enough
            assertEquals(d.rawTest().t()[i], d.scaler().unscale(i, d.test().t()[i]), 1e-9);
        }
    }

    @Test
    void rmseIsInOriginalUnits() {
        Dataset d = Dataset.load(DatasetKind.EXP_SIN, 3, 0.33, true);
        double[] y = d.test().t().clone();
        for (int k = 0; k < y.length; k++) y[k] += 1.0 / d.scaler().std()[k % 2]; // off by 1 in original units
        assertEquals(1.0, d.rmse(d.rawTest(), y), 1e-9);
    }

    @Test
    void theNotebookExampleIsItsOneSample() {
        Dataset d = Dataset.load(DatasetKind.NOTEBOOK_EXAMPLE, 0, 0.33, true);
        assertEquals(1, d.train().count());
        assertArrayEquals(new double[] {1, 3}, d.train().x());
        assertArrayEquals(new double[] {4, 1}, d.train().t());
        assertArrayEquals(new double[] {4, 1}, d.test().t());
    }

    @Test
    void splitMixShufflesEveryOrderAndBoundsItsInts() {
        SplitMix64 r = new SplitMix64(5);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) counts[r.nextInt(3)]++;
        for (int c : counts) assertTrue(c > 900 && c < 1100, Arrays.toString(counts));
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
        r.shuffle(order);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, sorted);
        assertFalse(Arrays.equals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, order));
    }
}
