package playground.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import playground.data.DatasetKind;
import playground.data.SplitMix64;

/** The notebook as written reproduces the numbers it printed, and a gradient check flags its gradients. */
class NotebookAsWrittenTest {
    static final double[][] W1 = DatasetKind.NOTEBOOK_W1;
    static final double[][] W2 = DatasetKind.NOTEBOOK_W2;
    static final double[] X = {1, 3};
    static final double[] T = {4, 1};

    @Test
    void itsWorkedExampleGivesItsPrintedNumbers() {
        NotebookAsWritten.Step s = NotebookAsWritten.workedExample(W1, W2, X, T, 0.01);
        // the notebook printed weights rounded to 8 decimals, so its outputs agree to about 1e-7
        assertArrayEquals(new double[] {7.34608685, 6.58287285}, s.y(), 1e-7);
        assertEquals(21.18238321, s.loss(), 1e-6);
        assertArrayEquals(new double[] {-3.34608685, -5.58287285}, s.delta2(), 1e-7);
        assertArrayEquals(new double[] {-3.15879422, -3.27631294, -3.04682123}, s.dW2()[0], 1e-7);
        assertArrayEquals(new double[] {-0.22806964, -0.17762574, -0.54926157}, s.delta1(), 1e-7);
        assertArrayEquals(new double[] {-0.54926157, -1.64778472}, s.dW1()[2], 1e-7);
        assertArrayEquals(new double[] {0.96778936, 0.61155904}, s.w1After()[0], 1e-7);
        // as written, W^(2) <- W^(2) - mu grad; but the "w_l2 new" the notebook printed is W^(2) + mu grad, so that
        // cell was last run with a + (notebooks run out of order); its AFTER cell used those printed weights
        assertArrayEquals(
                new double[] {
                    0.85264027 + 0.01 * 3.15879422, 0.97336448 + 0.01 * 3.27631294, 0.51301245 + 0.01 * 3.04682123
                },
                s.w2After()[0],
                1e-7);
        double[][] w2Printed = NotebookAsWritten.axpy(W2, 0.01, s.dW2());
        assertArrayEquals(new double[] {0.82105233, 0.94060135, 0.48254424}, w2Printed[0], 1e-7);
        NotebookAsWritten.Step after = NotebookAsWritten.workedExample(s.w1After(), w2Printed, X, T, 0.01);
        assertArrayEquals(new double[] {6.9980903, 6.03779459}, after.y(), 1e-6);
        assertEquals(17.18395987, after.loss(), 1e-5);
    }

    @Test
    void aGradientCheckFlagsItsGradients() {
        assertTrue(NotebookAsWritten.gradientCheck(W1, W2, X, T) > 1e-4);
        Network correct = new Network(new int[] {2, 3, 2}, Network.defaultActivations(2), false);
        correct.setWeights(1, W1);
        correct.setWeights(2, W2);
        assertTrue(GradientCheck.check(correct, X, T).maxRelativeError() < 1e-6);
    }

    @Test
    void itsTrainingLoopDoesNotLearnTheData() {
        SplitMix64 rng = new SplitMix64(3);
        int count = 500;
        double[] xs = new double[2 * count];
        for (int i = 0; i < xs.length; i++) xs[i] = rng.nextDouble();
        double[] losses = NotebookAsWritten.trainingLoop(W1, W2, xs, count, X, T, 0.001, 5, new SplitMix64(4));
        // the reported loss is against random targets in 0..4: it cannot fall towards 0
        for (double l : losses) assertTrue(l > 0.5 * count, "loss " + l);
    }
}
