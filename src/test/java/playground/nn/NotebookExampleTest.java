package playground.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import playground.data.DatasetKind;

/**
 * The notebook's worked example with the correct math: its W^(1) and W^(2), x = (1, 3), t = (4, 1), no biases, lr =
 * 0.01. The notebook itself printed y = (7.346, 6.583) because it fed z^(1) instead of a^(1) into layer 2.
 */
class NotebookExampleTest {
    static final double[] X = {1, 3};
    static final double[] T = {4, 1};

    static Network notebookNet() {
        Network net = new Network(new int[] {2, 3, 2}, Network.defaultActivations(2), false);
        net.setWeights(1, DatasetKind.NOTEBOOK_W1);
        net.setWeights(2, DatasetKind.NOTEBOOK_W2);
        return net;
    }

    @Test
    void forwardGivesTheCorrectOutputAndLoss() {
        Trace tr = Backprop.step(notebookNet(), X, T, 0.01);
        assertEquals(2.22511231, tr.y()[0], 5e-9);
        assertEquals(2.02202446, tr.y()[1], 5e-9);
        assertEquals(2.09738016, tr.loss(), 5e-9);
        // the notebook's z^(1) and a^(1), as it printed them to 8 decimals (its layer 1 was right)
        assertArrayEquals(new double[] {2.82527343, 3.84921381, 2.32052258}, tr.z()[1], 2e-8);
        assertArrayEquals(new double[] {0.94402637, 0.97914761, 0.91056251}, tr.a()[1], 2e-8);
    }

    @Test
    void backwardMatchesTheDerivationWrittenOutByHand() {
        Trace tr = Backprop.step(notebookNet(), X, T, 0.01);
        double[][] w2 = DatasetKind.NOTEBOOK_W2;
        double[][] w1 = DatasetKind.NOTEBOOK_W1;
        double[] a1 = tr.a()[1];
        double[] y = tr.y();
        for (int i = 0; i < 2; i++) {
            // delta^(2)_i = dE/dy_i * 1 = y_i - t_i (linear output): the notebook had the sign flipped
            double d2 = y[i] - T[i];
            assertEquals(d2, tr.delta()[2][i], 1e-15);
            for (int j = 0; j < 3; j++) {
                assertEquals(d2 * a1[j], tr.dW()[2][i][j], 1e-14);
                assertEquals(w2[i][j] - 0.01 * d2 * a1[j], tr.wAfter()[2][i][j], 1e-14);
            }
        }
        for (int k = 0; k < 3; k++) {
            // delta^(1)_k = sum_i delta^(2)_i w^(2)_ik a^(1)_k (1 - a^(1)_k)
            double sum = 0;
            for (int i = 0; i < 2; i++) sum += (y[i] - T[i]) * w2[i][k];
            double d1 = sum * a1[k] * (1 - a1[k]);
            assertEquals(d1, tr.delta()[1][k], 1e-14);
            for (int j = 0; j < 2; j++) {
                assertEquals(d1 * X[j], tr.dW()[1][k][j], 1e-14);
                // both layers step downhill, with the same sign
                assertEquals(w1[k][j] - 0.01 * d1 * X[j], tr.wAfter()[1][k][j], 1e-14);
            }
        }
    }

    @Test
    void theStepLowersTheLoss() {
        Network net = notebookNet();
        Trace tr = Backprop.step(net, X, T, 0.01);
        assertEquals(tr.loss() > Backprop.loss(net, X, T), true, "one correct step must reduce E on its sample");
    }
}
