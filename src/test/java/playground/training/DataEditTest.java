package playground.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import playground.data.Samples;
import playground.nn.Backprop;

/**
 * Change the data (issue 15 point 4): the rule of the order when a point is added or deleted mid-epoch, the moments
 * counted per epoch, the figures over the data as it now is, and the edits' text.
 */
class DataEditTest {
    static Config xor(String... more) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("dataset", "xor", "epochs", "3", "batch", "1"));
        for (int i = 0; i < more.length; i += 2) m.put(more[i], more[i + 1]);
        return Config.parse(m);
    }

    /** The training points of the rest of the current epoch, in the order they are trained (trace path). */
    static List<Integer> restOfEpoch(Training t) {
        List<Integer> seen = new ArrayList<>();
        int e = t.epoch();
        while (!t.finished() && t.epoch() == e) {
            seen.add(t.nextSampleIndex());
            t.traceStep();
        }
        return seen;
    }

    @Test
    void anAddedPointIsTrainedOnceInTheRestOfItsEpochAndInEveryEpochAfter() {
        Training t = new Training(xor());
        int n = t.trainCount();
        for (int i = 0; i < 10; i++) t.traceStep();
        int added = t.addPoint(1.5, -2, 1);
        assertEquals(n, added, "numbered after the dataset's points");
        assertEquals(n + 1, t.trainCount(), "this epoch grows by one");
        assertArrayEquals(new double[] {1.5, -2}, t.trainSamples().x(added));
        assertArrayEquals(new double[] {1}, t.trainSamples().t(added));
        List<Integer> rest = restOfEpoch(t);
        assertEquals(n + 1 - 10, rest.size());
        assertEquals(1, rest.stream().filter(i -> i == added).count());
        assertEquals(1, t.epoch());
        assertEquals(n + 1, t.samplesIntoRun());
        List<Integer> next = restOfEpoch(t);
        assertEquals(n + 1, next.size());
        assertEquals(1, next.stream().filter(i -> i == added).count());
        // the same edits at the same moment give the same order: the place is drawn from the seed
        Training u = new Training(xor());
        for (int i = 0; i < 10; i++) u.traceStep();
        u.addPoint(1.5, -2, 1);
        assertEquals(rest, restOfEpoch(u));
    }

    @Test
    void aDeletedPointIsNeverTrainedOnAgainAheadOrBehind() {
        Training t = new Training(xor());
        int n = t.trainCount();
        int behind = t.nextSampleIndex();
        for (int i = 0; i < 5; i++) t.traceStep();
        int ahead = t.nextSampleIndex();
        t.deletePoint(ahead);
        assertEquals(n - 1, t.trainCount(), "still ahead in this epoch: it leaves the epoch's order");
        t.deletePoint(behind);
        assertEquals(n - 1, t.trainCount(), "already trained: this epoch keeps its length");
        assertEquals(n - 2, t.activeCount());
        List<Integer> rest = restOfEpoch(t);
        assertEquals(n - 1 - 5, rest.size());
        assertFalse(rest.contains(ahead));
        assertFalse(rest.contains(behind));
        for (int e = 0; e < 2; e++) {
            List<Integer> next = restOfEpoch(t);
            assertEquals(n - 2, next.size());
            assertFalse(next.contains(ahead) || next.contains(behind));
        }
        assertEquals(n - 1 + 2L * (n - 2), t.samplesIntoRun());
        ConfigException twice = assertThrows(ConfigException.class, () -> t.deletePoint(ahead));
        assertTrue(twice.getMessage().contains("no training point " + ahead), twice.getMessage());
    }

    @Test
    void theFiguresOfAnEpochAreOverTheDataAsItNowIs() {
        Training t = new Training(xor());
        t.addPoint(5.5, 5.5, 0);
        t.addPoint(-5.5, 5.5, 1);
        t.deletePoint(3);
        t.finishEpoch();
        Samples now = t.data().train();
        assertEquals(t.activeCount(), now.count());
        assertEquals(336, now.count());
        double sum = 0;
        for (int s = 0; s < now.count(); s++)
            sum += Backprop.gradients(t.network(), now.x(s), now.t(s)).loss();
        assertEquals(sum / now.count(), t.trainLoss().get(0), 1e-12);
        // the pictures' points: the added ones in plane coordinates, the deleted one gone
        Samples raw = t.data().rawTrain();
        assertEquals(336, raw.count());
        assertArrayEquals(new double[] {-5.5, 5.5}, raw.x(raw.count() - 1));
        assertEquals(
                -1, t.nearestPoint(t.trainSamples().x(3)[0], t.trainSamples().x(3)[1], 1e-9));
        // the test set is left as it was
        assertEquals(new Training(xor()).data().test().count(), t.data().test().count());
    }

    @Test
    void anAddedPointTakesTheFeaturesAndTheOriginalScalingOfTheSet() {
        Training t = new Training(xor("features", "x1,x2,x1x2,sinx1"));
        int i = t.addPoint(2, -3, 1);
        assertArrayEquals(
                new double[] {2, -3, -6, Math.sin(2)}, t.trainSamples().x(i), 1e-15);
        // a regression set standardised: the target scaled with the training set's original mean and deviation
        Training r = new Training(Config.parse(Map.of("dataset", "reg-plane", "standardize", "true", "batch", "1")));
        var scaler = r.data().scaler();
        int k = r.addPoint(1, 1, 0.5);
        assertEquals(
                (0.5 - scaler.mean()[0]) / scaler.std()[0], r.trainSamples().t(k)[0], 1e-15);
        // three classes: one-hot
        Training c = new Training(Config.parse(Map.of("dataset", "three-classes")));
        int j = c.addPoint(0, 0, 2);
        assertArrayEquals(new double[] {0, 0, 1}, c.trainSamples().t(j));
    }

    @Test
    void momentsAreCountedPerEpochAsTheRunGoes() {
        Training t = new Training(xor());
        int n = t.trainCount();
        for (int i = 0; i < 7; i++) t.traceStep();
        t.addPoint(1, 1, 0);
        t.addPoint(1, 2, 0);
        // this epoch has n + 2 samples, the next ones n + 2 too
        assertEquals(n + 2 + 1, t.samplesAt(new Moment.At(1, 1)));
        assertEquals(2L * (n + 2) + 3, t.samplesAt(new Moment.At(2, 3)));
        assertEquals(null, t.momentProblem(new Moment.At(0, n + 1)));
        assertTrue(t.momentProblem(new Moment.At(0, n + 2)).contains("has " + (n + 2) + " samples"));
        assertTrue(t.momentProblem(new Moment.At(3, 1)).contains("past the end"));
        t.seek(t.samplesAt(new Moment.At(1, 1)));
        assertEquals(1, t.epoch());
        assertEquals(1, t.position());
        assertEquals(-1, t.samplesAt(new Moment.At(0, 5)), "before the epoch: the run starts again to get there");
        // the moment before the first sample of an epoch is the last of the epoch before, whatever its length
        assertEquals(new Moment.At(0, n + 1), new Moment(1, 0, null, n + 2).before(n));
        assertEquals(new Moment.At(1, 0), new Moment(1, 1, null, n + 2).before(n));
    }

    @Test
    void deletingTheLastSampleAheadEndsTheEpochWithItsMiniBatch() {
        // 25 training points, batches of 4: the last batch of epoch 0 is 1 point (24..24)
        Config c = xor("testRatio", "0.95", "batch", "4");
        Training t = new Training(c);
        assertEquals(25, t.trainCount());
        for (int i = 0; i < 22; i++) t.traceStep(); // 22 done: two of the sixth batch (20..23) stepped, not applied
        double[][] before = t.network().weights(1);
        // delete the three points still ahead: the epoch ends, and the two stepped are applied as a batch
        t.deletePoint(t.nextSampleIndex());
        t.deletePoint(t.nextSampleIndex());
        assertEquals(0, t.epoch());
        t.deletePoint(t.nextSampleIndex());
        assertEquals(1, t.epoch());
        assertEquals(0, t.position());
        assertEquals(22, t.samplesIntoRun());
        assertEquals(1, t.trainLoss().size());
        assertFalse(java.util.Arrays.deepEquals(before, t.network().weights(1)), "the begun batch was applied");
        assertEquals(22, t.trainCount());
        ConfigException last = assertThrows(ConfigException.class, () -> {
            Training one = new Training(xor("testRatio", "0.95"));
            for (int i = 0; i < 24; i++) one.deletePoint(i);
            one.deletePoint(24);
        });
        assertTrue(last.getMessage().contains("last training point stays"), last.getMessage());
    }

    @Test
    void editsOfTheDataReadAndWriteAsTheLinkCarriesThem() {
        Config c = xor();
        List<Edit> edits = Edit.parse("0:3:P1.5_-2=1,0:3:W1-0-0=0.5,1:7:D17,2:0:P-6_6=0", c);
        assertEquals(4, edits.size());
        assertArrayEquals(new double[] {1.5, -2}, edits.get(0).point());
        assertEquals(17, edits.get(2).deleted());
        assertTrue(edits.get(0).isPoint()
                && !edits.get(1).isPoint()
                && edits.get(2).isPoint());
        assertEquals("0:3:P1.5_-2=1,0:3:W1-0-0=0.5,1:7:D17,2:0:P-6_6=0", Edit.format(edits));
        assertEquals(
                "0:0:P1.23_-0.5=1",
                Edit.add(new Moment.At(0, 0), 1.234, -0.499, 1).toString());
        Map<String, String> bad = Map.of(
                "0:0:P7_0=1", "from -6 to 6",
                "0:0:P1_1=2", "class 0 or 1",
                "0:0:P1.234_1=1", "up to 2 decimals",
                "0:0:D", "D{i}",
                "0:0:D3=1", "must be E:S:REF=VALUE",
                "1:0:P1_1=1,0:5:D3", "must not go back",
                "3:1:P1_1=1", "past the end");
        for (var e : bad.entrySet()) {
            ConfigException x = assertThrows(ConfigException.class, () -> Edit.parse(e.getKey(), c), e.getKey());
            assertTrue(x.getMessage().contains(e.getValue()), e.getKey() + ": " + x.getMessage());
        }
        // regression targets from -1 to 1; not on the other datasets
        Config reg = Config.parse(Map.of("dataset", "reg-gauss"));
        assertEquals(-0.25, Edit.parse("0:0:P1_1=-0.25", reg).get(0).value());
        assertTrue(assertThrows(ConfigException.class, () -> Edit.parse("0:0:P1_1=1.5", reg))
                .getMessage()
                .contains("from -1 to 1"));
        assertTrue(assertThrows(ConfigException.class, () -> Edit.parse("0:0:P1_1=1", Config.parse(Map.of())))
                .getMessage()
                .contains("only on the 2-D sets"));
        // at most 200 edits of the points
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= Edit.MAX_POINT_EDITS; i++)
            many.append(i == 0 ? "" : ",").append("0:0:P1_1=1");
        assertTrue(assertThrows(ConfigException.class, () -> Edit.parse(many.toString(), c))
                .getMessage()
                .contains("at most 200 edits of the points"));
    }
}
