package playground.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import playground.nn.Trace;

class TrainingTest {
    static Config cfg(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Config.parse(m);
    }

    @Test
    void theDefaultRunLearnsTheNotebooksProblem() {
        Training t = new Training(Config.defaults());
        t.runToEnd();
        assertEquals("done", t.status());
        assertEquals(50, t.testLoss().size());
        double last = t.testLoss().get(49);
        assertTrue(
                last < 0.02 * t.initialTestLoss(), "test loss " + last + " from " + t.initialTestLoss() + " at start");
        assertTrue(t.message().startsWith("Done: 50 epochs"));
    }

    @Test
    void aLeakyReluRunFromALinkLearnsXor() {
        Config c = cfg("dataset", "xor", "activation", "leaky-relu", "epochs", "30", "seed", "4");
        assertEquals(playground.nn.Activation.LEAKY_RELU, c.activations()[0]);
        Training t = new Training(c);
        t.runToEnd();
        assertEquals("done", t.status());
        double before = t.initialTestLoss(), after = t.testLoss().get(29);
        assertTrue(after < 0.5 * before, "test loss " + before + " -> " + after);
    }

    @Test
    void theSameConfigAndSeedGiveBitIdenticalNumbers() {
        Config c = cfg("epochs", "3", "layers", "2,5,4,2", "activation", "tanh");
        Training a = new Training(c);
        Training b = new Training(c);
        a.runToEnd();
        b.runToEnd();
        assertEquals(a.trainLoss(), b.trainLoss());
        assertEquals(a.testLoss(), b.testLoss());
        assertTrue(a.network().sameWeights(b.network()));

        Training other = new Training(cfg("epochs", "3", "layers", "2,5,4,2", "activation", "tanh", "seed", "43"));
        other.runToEnd();
        assertNotEquals(a.testLoss(), other.testLoss());
    }

    @Test
    void steppingAndWatchingDoNotChangeTheNumbers() {
        for (String batch : new String[] {"1", "16"}) {
            Config c = cfg("epochs", "2", "batch", batch, "testRatio", "0.9");
            Training plain = new Training(c);
            plain.runToEnd();
            Training mixed = new Training(c);
            int k = 0;
            while (!mixed.finished()) {
                // an irregular mix of traced single steps and fast runs of varying length
                if (k % 3 == 0) mixed.traceStep();
                else mixed.advance(1 + (k * 37) % 50);
                k++;
            }
            assertEquals(plain.trainLoss(), mixed.trainLoss(), "batch " + batch);
            assertTrue(plain.network().sameWeights(mixed.network()), "batch " + batch);
        }
    }

    @Test
    void tracingToABatchsEndShowsItsLastSampleWithTheNumbersOfEveryOtherPath() {
        // 500 training samples in batches of 7: 71 full batches and one of 3 an epoch
        Config c = cfg("epochs", "2", "batch", "7", "testRatio", "0.95", "optimizer", "momentum");
        Training stepped = new Training(c);
        Training joined = new Training(c);
        Training fast = new Training(c);
        fast.runToEnd();
        int k = 0;
        while (!joined.finished()) {
            if (k % 5 == 1) joined.traceStep(); // sometimes mid-batch first
            Trace shown = joined.traceToBatchEnd();
            // the same sample, stepped through one at a time on the trace path
            Trace last = null;
            while (stepped.samplesIntoRun() < joined.samplesIntoRun()) last = stepped.traceStep();
            assertTrue(shown.updated(), "the batch's last sample: its update is shown");
            assertArrayEquals(last.x(), shown.x());
            assertEquals(last.loss(), shown.loss());
            assertTrue(java.util.Arrays.deepEquals(last.wAfter(), shown.wAfter()));
            long p = joined.samplesIntoRun() % 500;
            assertTrue(p % 7 == 0, "at a batch's end (or the epoch's): " + p);
            k++;
        }
        assertEquals(fast.trainLoss(), joined.trainLoss());
        assertTrue(fast.network().sameWeights(joined.network()));
        assertEquals(fast.samplesDone(), joined.samplesDone());
        // where each batch begins, for a target anywhere in it
        assertEquals(0, joined.batchStart(1));
        assertEquals(0, joined.batchStart(7));
        assertEquals(7, joined.batchStart(8));
        assertEquals(497, joined.batchStart(500), "the short last batch of epoch 1");
        assertEquals(500, joined.batchStart(501));
        assertEquals(500 + 497, joined.batchStart(1000));
    }

    @Test
    void aShortLastBatchIsUpdatedToo() {
        // 1000 samples, 900 for training, batch 64: 14 full batches and one of 4
        Training t = new Training(cfg("epochs", "1", "batch", "64", "testRatio", "0.1"));
        assertEquals(9000, t.trainCount());
        Training small = new Training(cfg("epochs", "1", "batch", "7", "testRatio", "0.95"));
        assertEquals(500, small.trainCount());
        int updates = 0;
        Trace last = null;
        while (!small.finished()) {
            last = small.traceStep();
            if (last.updated()) updates++;
        }
        assertEquals(72, updates, "500 samples in batches of 7: 71 full and one of 3");
        assertTrue(last.updated());
    }

    @Test
    void theTraceShowsTheWeightsBeforeAndAfterItsUpdate() {
        Training t = new Training(cfg("dataset", "notebook-example", "epochs", "2"));
        Trace tr = t.traceStep();
        assertEquals(2.09738016, tr.loss(), 5e-9);
        assertEquals(0.97007005, tr.wBefore()[1][0][0]);
        assertEquals(0.97007005 - 0.01 * tr.dW()[1][0][0], tr.wAfter()[1][0][0], 1e-15);
        assertEquals(1, t.epoch());
        Trace second = t.traceStep();
        assertTrue(second.loss() < tr.loss());
        assertEquals("done", t.status());
        assertTrue(t.traceStep() == null);
    }

    @Test
    void divergenceStopsTrainingAndSaysWhereAndWhy() {
        Training t = new Training(cfg("lr", "10", "standardize", "false", "epochs", "5"));
        t.runToEnd();
        assertEquals("diverged", t.status());
        assertTrue(t.diverged());
        assertTrue(t.message().matches("Diverged in epoch 1 at sample \\d+ of 6700: .*"), t.message());
        assertTrue(t.message().contains("learning rate (10)"), t.message());
        assertTrue(t.trainLoss().size() <= 1);
        assertEquals(0, t.advance(100), "a diverged run does nothing more");
        Trace blown = t.divergedTrace();
        assertTrue(!Double.isFinite(blown.loss()) || Math.abs(blown.loss()) > 1e6, "the trace shows the blow-up");
        assertEquals(null, new Training(cfg()).divergedTrace());
    }

    @Test
    void rawTargetsLearnWorseThanStandardisedOnes() {
        Training raw = new Training(cfg("standardize", "false", "lr", "0.0001", "epochs", "5"));
        Training std = new Training(cfg("epochs", "5"));
        raw.runToEnd();
        std.runToEnd();
        assertEquals("done", raw.status());
        assertTrue(std.testRmse() < raw.testRmse(), std.testRmse() + " vs " + raw.testRmse());
    }

    /**
     * The figures of the start and of each epoch (mean loss and accuracy on both sets, the test RMSE in original units)
     * come from one forward pass a sample: they are the ones the network's own forward pass gives, sample by sample.
     */
    @Test
    void anEpochsFiguresAreTheNetworksOwn() {
        for (Config c : new Config[] {
            cfg("dataset", "xor", "epochs", "2", "layers", "2,9,4,1", "seed", "7"),
            cfg("dataset", "three-classes", "epochs", "2", "layers", "2,10,3", "seed", "3"),
            cfg("dataset", "exp-sin", "epochs", "1", "layers", "2,12,2")
        }) {
            Training t = new Training(c);
            check(t, c, t.initialTrainLoss(), t.initialTestLoss(), t.initialTrainAccuracy(), t.initialTestAccuracy());
            t.finishEpoch();
            int e = t.testLoss().size() - 1;
            boolean classes = c.classification();
            check(
                    t,
                    c,
                    t.trainLoss().get(e),
                    t.testLoss().get(e),
                    classes ? t.trainAccuracy().get(e) : 0,
                    classes ? t.testAccuracy().get(e) : 0);
        }
    }

    private static void check(
            Training t, Config c, double trainLoss, double testLoss, double trainAcc, double testAcc) {
        String what = c.dataset() + " at epoch " + t.epoch();
        double[] train = reference(t, t.data().train()),
                test = reference(t, t.data().test());
        assertEquals(train[0], trainLoss, 1e-12 * Math.abs(train[0]), "train loss, " + what);
        assertEquals(test[0], testLoss, 1e-12 * Math.abs(test[0]), "test loss, " + what);
        if (c.classification()) {
            assertEquals(train[1], trainAcc, 0, "train accuracy, " + what);
            assertEquals(test[1], testAcc, 0, "test accuracy, " + what);
        }
        assertEquals(test[2], t.testRmse(), 1e-12 * test[2], "test RMSE, " + what);
    }

    /** Mean loss, accuracy and RMSE (original units) of a set, sample by sample through Backprop. */
    private static double[] reference(Training t, playground.data.Samples set) {
        int m = set.outputs(), right = 0;
        double loss = 0;
        double[] y = new double[set.count() * m];
        for (int s = 0; s < set.count(); s++) {
            Trace tr = playground.nn.Backprop.gradients(t.network(), set.x(s), set.t(s));
            loss += tr.loss();
            System.arraycopy(tr.y(), 0, y, s * m, m);
            double[] target = set.t(s);
            int guess = 0, truth = 0;
            for (int i = 1; i < m; i++) {
                if (tr.y()[i] > tr.y()[guess]) guess = i;
                if (target[i] > target[truth]) truth = i;
            }
            if (m == 1 ? (tr.y()[0] >= 0.5) == (target[0] >= 0.5) : guess == truth) right++;
        }
        double rmse = set == t.data().test() ? t.data().rmse(t.data().rawTest(), y) : 0;
        return new double[] {loss / set.count(), (double) right / set.count(), rmse};
    }
}
