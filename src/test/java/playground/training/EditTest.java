package playground.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import playground.nn.Backprop;
import playground.nn.Network;
import playground.nn.Trace;

/** A learner's edit of a weight, on the training's own code: the next sample uses it, and the loss now is its own. */
class EditTest {
    @Test
    void theNextSampleUsesTheEditedWeightOnEveryKernel() throws Exception {
        // 2,3,2: the tiny per-sample kernel; 2,8,8,2: the general one (its own copy of the rows); batch 4: mini-batches
        for (String[] c : new String[][] {
            {"layers", "2,3,2"}, {"layers", "2,8,8,2"}, {"layers", "2,8,8,2", "batch", "4", "optimizer", "adam"}
        }) {
            String[] kv = java.util.Arrays.copyOf(c, c.length + 4);
            kv[c.length] = "epochs";
            kv[c.length + 1] = "2";
            kv[c.length + 2] = "seed";
            kv[c.length + 3] = "3";
            Config config = RunsTest.cfg(kv);
            try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
                Run run = runs.create("s", config, Speed.MAX, null);
                for (int i = 0; i < 8; i++) run.step();
                Snapshot edited = run.edit("W1-0-0", 3.0);
                assertEquals(3.0, edited.weights()[1][0][0]);
                // the same network, worked out independently: the weights shown, the next sample, Backprop
                Network net = config.network();
                for (int l = 1; l < edited.weights().length; l++) {
                    net.setWeights(l, edited.weights()[l]);
                    net.setBiases(l, edited.biases()[l]);
                }
                Snapshot after = run.step();
                Trace expected =
                        Backprop.gradients(net, after.trace().x(), after.trace().t());
                assertEquals(expected.loss(), after.trace().loss(), String.join(",", c));
                if (after.trace().updated()) {
                    assertTrue(
                            java.util.Arrays.deepEquals(
                                    after.weights(), after.trace().wAfter()),
                            String.join(",", c) + ": the update is the one shown");
                }
                // the weight moves on from 3, not from where it was before the edit
                assertEquals(3.0, after.weights()[1][0][0], 0.5, String.join(",", c));
            }
        }
    }
}
