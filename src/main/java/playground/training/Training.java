package playground.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import playground.data.Dataset;
import playground.data.DatasetKind;
import playground.data.Samples;
import playground.data.SplitMix64;
import playground.nn.Backprop;
import playground.nn.GradientFlow;
import playground.nn.Network;
import playground.nn.Sgd;
import playground.nn.Trace;
import playground.nn.Updater;

/**
 * One run of training, from a {@link Config}: the data, the network, and where training has got to. Everything random
 * comes from the config's seed: stream 1 the data, 2 the split, 3 the initial weights, 4 the shuffles.
 *
 * <p>Samples can go through the fast path ({@link #advance}) or, one at a time, through the trace path ({@link
 * #traceStep}); both give the same numbers. Not thread-safe: one thread drives a Training at a time.
 */
public final class Training {
    private final Config config;
    private final Dataset data;
    private final Network net;
    private final Sgd sgd;
    private final Updater updater;
    private final SplitMix64 shuffler;
    private final int[] order;
    private final int trainCount;

    /** Samples of the current mini-batch already stepped through the trace path, not yet applied. */
    private int inBatch;

    private int epoch; // completed epochs
    private int position; // samples done in the current epoch
    private long samplesDone;
    private long trainNanos;
    private final double initialTrainLoss;
    private final double initialTestLoss;
    private final List<Double> trainLoss = new ArrayList<>();
    private final List<Double> testLoss = new ArrayList<>();
    private final List<Double> trainAccuracy = new ArrayList<>();
    private final List<Double> testAccuracy = new ArrayList<>();
    /** Per completed epoch, {@link GradientFlow#gradientNorms()} and {@link GradientFlow#updateRatios()}. */
    private final List<double[]> gradientNorms = new ArrayList<>();

    private final List<double[]> updateRatios = new ArrayList<>();
    /** The last completed epoch's gradient flow (null before the first). */
    private GradientFlow flow;

    private double initialTrainAccuracy = Double.NaN;
    private double initialTestAccuracy = Double.NaN;
    private double testRmse;
    private boolean diverged;
    private int divergedAt = -1;
    private String message = "";

    public Training(Config config) {
        this(config, null);
    }

    /** @param initial weights to start from, or null to draw them from the seed (or the notebook's preset) */
    public Training(Config config, Network initial) {
        this.config = config;
        this.data = Dataset.load(
                config.dataset(),
                config.seed(),
                config.testRatio(),
                config.standardize(),
                config.noise() / 100,
                config.features());
        this.net = start(config, initial);
        this.trainCount = data.train().count();
        this.updater = new Updater(net, config.optimizer(), config.regularization(), config.regRate());
        this.sgd = new Sgd(net, Math.min(config.batch(), trainCount), updater);
        this.shuffler = SplitMix64.stream(config.seed(), 4);
        this.order = new int[trainCount];
        for (int i = 0; i < trainCount; i++) order[i] = i;
        shuffler.shuffle(order);
        Figures start = figures();
        this.initialTrainLoss = start.train().meanLoss();
        this.initialTestLoss = start.test().meanLoss();
        this.testRmse = start.testRmse();
        if (config.classification()) {
            initialTrainAccuracy = start.train().accuracy();
            initialTestAccuracy = start.test().accuracy();
        }
        if (!Double.isFinite(initialTrainLoss) || !Double.isFinite(initialTestLoss)) {
            diverge(1, 0, "the initial loss is " + initialTrainLoss);
        }
    }

    /**
     * The network a run of this config starts from: {@code initial}'s weights when given, else those its seed draws
     * (the notebook's printed ones for its worked example).
     */
    public static Network start(Config config, Network initial) {
        Network net = config.network();
        if (initial != null) {
            net.setFrom(initial);
        } else {
            net.initialize(config.init(), SplitMix64.stream(config.seed(), 3));
            if (config.dataset() == DatasetKind.NOTEBOOK_EXAMPLE && config.sameLayers(new int[] {2, 3, 2})) {
                net.setWeights(1, DatasetKind.NOTEBOOK_W1);
                net.setWeights(2, DatasetKind.NOTEBOOK_W2);
            }
        }
        return net;
    }

    // ---- the fast path ----

    /**
     * Trains up to {@code maxSamples} samples through the fast path, stopping early at the end of the current epoch (or
     * of the run, or on divergence). Returns the number of samples done.
     */
    public int advance(int maxSamples) {
        if (finished()) return 0;
        int batch = config.batch();
        double lr = config.lr();
        Samples train = data.train();
        int fast = 0;
        long t0 = System.nanoTime();
        if (inBatch > 0) {
            // A mini-batch begun on the trace path: apply it whole, as if it had never been stepped through.
            int start = position - inBatch;
            int count = Math.min(batch, trainCount - start);
            double e = sgd.trainBatch(train.x(), train.t(), order, start, count, lr);
            fast = count - inBatch;
            position = start + count;
            inBatch = 0;
            if (!Double.isFinite(e)) diverge(epoch + 1, position, "the loss of the mini-batch became " + e);
        }
        while (!diverged && fast < maxSamples && position < trainCount) {
            if (batch == 1) {
                double e = sgd.trainSample(train.x(), train.t(), order[position], lr);
                position++;
                fast++;
                if (!Double.isFinite(e)) {
                    diverge(epoch + 1, position, "the loss became " + e);
                    break;
                }
            } else {
                int count = Math.min(batch, trainCount - position);
                if (count > maxSamples - fast && fast > 0) break;
                double e = sgd.trainBatch(train.x(), train.t(), order, position, count, lr);
                position += count;
                fast += count;
                if (!Double.isFinite(e)) {
                    diverge(epoch + 1, position, "the loss of the mini-batch became " + e);
                    break;
                }
            }
        }
        sgd.flush();
        trainNanos += System.nanoTime() - t0;
        samplesDone += fast;
        TRAINED.add(fast);
        if (!diverged && position == trainCount) endEpoch();
        return fast;
    }

    /** Samples trained so far in the whole run: completed epochs x training samples + the current epoch's. */
    public long samplesIntoRun() {
        return (long) epoch * trainCount + position;
    }

    /**
     * Trains up to an exact place in the run, {@code target} samples from the start, and traces the last of them, so
     * that a link to that moment shows the same numbers: the fast path up to the sample before (whole mini-batches
     * only, so that no batch is cut differently), the trace path for the rest. Returns the last trace, or null if the
     * run ended first or is already there or past it.
     */
    public Trace seek(long target) {
        Trace last = null;
        while (!finished() && samplesIntoRun() < target) {
            long left = target - 1 - samplesIntoRun();
            int batch = config.batch();
            int nextBatch = Math.min(batch, trainCount - position);
            boolean aligned = batch == 1 || inBatch == 0 && position % batch == 0;
            if (left > 0 && aligned && left >= nextBatch) {
                advance((int) Math.min(left, Integer.MAX_VALUE));
            } else {
                last = traceStep();
            }
        }
        return last;
    }

    /** Trains every remaining epoch through the fast path. */
    public void runToEnd() {
        while (!finished()) advance(Integer.MAX_VALUE);
    }

    /** Finishes the current epoch through the fast path. */
    public void finishEpoch() {
        if (!finished()) advance(trainCount - position);
    }

    // ---- the trace path ----

    /**
     * One sample through the trace path: forward, backward and, at the end of a mini-batch (always, for batch size
     * 1), the update. Returns null when the run has finished.
     *
     * <p>The trace's numbers come from the trace path, but the weights are changed only by the fast path ({@link
     * Sgd}), with the same batch boundaries, so a run gives bit-identical numbers however it is stepped or watched.
     */
    public Trace traceStep() {
        if (finished()) return null;
        int s = order[position];
        Samples train = data.train();
        int batch = config.batch();
        Trace g = Backprop.gradients(net, train.x(s), train.t(s));
        position++;
        samplesDone++;
        TRAINED.increment();
        inBatch++;
        boolean update = inBatch == batch || position == trainCount;
        if (update) {
            sgd.step(train.x(), train.t(), order, position - inBatch, inBatch, config.lr(), batch == 1);
            inBatch = 0;
        }
        Trace tr = update ? g.updated(weights(net), biases(net), config.lr()) : g;
        if (!Double.isFinite(tr.loss()) || !net.isFinite()) {
            diverge(epoch + 1, position, "the loss became " + tr.loss());
        } else if (position == trainCount) {
            endEpoch();
        }
        return tr;
    }

    /**
     * The next sample's forward and backward passes at the current weights, changing nothing (null if finished). When
     * the update follows this sample (the last of its mini-batch), the trace is {@link Trace#updated} with the weights
     * that update will give: {@link Sgd#preview}, the training code itself on copies, so they are the very numbers the
     * step then shows, whatever the optimiser, regularisation, loss and batch. Mid-batch it is not updated.
     */
    public Trace peek() {
        if (finished()) return null;
        int s = order[position];
        Samples train = data.train();
        Trace g = Backprop.gradients(net, train.x(s), train.t(s));
        int count = inBatch + 1;
        if (count < config.batch() && position + 1 < trainCount) return g;
        Network after =
                sgd.preview(train.x(), train.t(), order, position + 1 - count, count, config.lr(), config.batch() == 1);
        return g.updated(weights(after), biases(after), config.lr());
    }

    /**
     * Trains to the end of the current mini-batch and traces its last sample, so that the sample shown is the last one
     * trained however big the batch: the samples before it only join the batch (the trace path computes nothing for a
     * sample it does not show until the batch's update, which {@link #traceStep} then makes from all of them), the last
     * goes through {@link #traceStep}. For batch size 1 it is {@link #traceStep}. Null when finished.
     */
    public Trace traceToBatchEnd() {
        if (finished()) return null;
        int end = Math.min(position - inBatch + config.batch(), trainCount);
        int joined = end - 1 - position;
        position += joined;
        inBatch += joined;
        samplesDone += joined;
        TRAINED.add(joined);
        return traceStep();
    }

    /**
     * Where (in samples into the run) the mini-batch that holds sample {@code target - 1} begins: the fast path can
     * train up to there and leave that batch to {@link #traceToBatchEnd}, since it trains whole batches only.
     */
    public long batchStart(long target) {
        if (target <= 0) return 0;
        long epochs = (target - 1) / trainCount;
        int inEpoch = (int) ((target - 1) % trainCount);
        int batch = Math.min(config.batch(), trainCount);
        return epochs * trainCount + (long) (inEpoch / batch) * batch;
    }

    /** Where the next sample falls in its mini-batch: 1 for the first, up to the batch size (or the epoch's end). */
    public int nextInBatch() {
        return inBatch + 1;
    }

    /** Which training sample comes next (an index into the training set), or -1 when finished. */
    public int nextSampleIndex() {
        return finished() ? -1 : order[position];
    }

    // ---- epochs ----

    private void endEpoch() {
        epoch++;
        position = 0;
        Figures now = figures();
        double tr = now.train().meanLoss(), te = now.test().meanLoss();
        trainLoss.add(tr);
        testLoss.add(te);
        flow = sgd.takeFlow();
        gradientNorms.add(flow.gradientNorms());
        updateRatios.add(flow.updateRatios());
        if (config.classification()) {
            trainAccuracy.add(now.train().accuracy());
            testAccuracy.add(now.test().accuracy());
        }
        if (!Double.isFinite(tr) || !Double.isFinite(te) || !net.isFinite()) {
            diverge(epoch, trainCount, "the loss over the data became " + (Double.isFinite(tr) ? te : tr));
            return;
        }
        testRmse = now.testRmse();
        if (epoch < config.epochs()) {
            shuffler.shuffle(order);
        } else {
            message = config.classification()
                    ? String.format(
                            Locale.ROOT,
                            "Done: %d epochs. Test loss %.6g (from %.6g at the start), test accuracy %.1f%%.",
                            epoch,
                            te,
                            initialTestLoss,
                            100 * testAccuracy.get(testAccuracy.size() - 1))
                    : String.format(
                            Locale.ROOT,
                            "Done: %d epochs. Test loss %.6g (from %.6g at the start), test RMSE %.6g in original"
                                    + " units.",
                            epoch,
                            te,
                            initialTestLoss,
                            testRmse);
        }
    }

    private void diverge(int atEpoch, int atSample, String what) {
        diverged = true;
        divergedAt = atSample > 0 ? order[Math.min(atSample, trainCount) - 1] : order[0];
        message = String.format(
                Locale.ROOT,
                "Diverged in epoch %d at sample %d of %d: %s. The steps overshot until the numbers overflowed;"
                        + " the learning rate (%s) is probably too high for this network. Try a smaller one.",
                atEpoch,
                atSample,
                trainCount,
                what,
                Param.fmt(config.lr()));
    }

    /** What the start and each epoch report: loss and accuracy (labels 0 and 1: threshold 0.5) on both sets. */
    private record Figures(Sgd.Evaluation train, Sgd.Evaluation test, double testRmse) {}

    /**
     * A learner's change of one weight or bias, made now: the training kernels' own copies of the weights take it too
     * (the per-sample kernel trains on a copy of W's rows, which would otherwise write the old value back). Returns the
     * loss now, at the edited weights, worked out as an epoch's end works out its figures.
     */
    public LossNow apply(Edit e) {
        sgd.flush();
        e.apply(net);
        sgd.reload();
        Figures now = figures();
        return new LossNow(
                e,
                now.train().meanLoss(),
                now.test().meanLoss(),
                config.classification() ? now.train().accuracy() : Double.NaN,
                config.classification() ? now.test().accuracy() : Double.NaN);
    }

    /** The figures at the current weights, one forward pass a sample (the test outputs serve the RMSE too). */
    private Figures figures() {
        Samples test = data.test();
        double[] y = new double[test.count() * test.outputs()];
        Sgd.Evaluation onTrain = sgd.evaluate(data.train().x(), data.train().t(), trainCount, 0.5, null);
        Sgd.Evaluation onTest = sgd.evaluate(test.x(), test.t(), test.count(), 0.5, y);
        return new Figures(onTrain, onTest, data.rmse(data.rawTest(), y));
    }

    // ---- state ----

    public boolean finished() {
        return diverged || epoch >= config.epochs();
    }

    public boolean diverged() {
        return diverged;
    }

    /**
     * For a diverged run: the sample where the loss blew up, traced (forward and backward, no update) at the weights
     * it left behind, so that a learner can see the numbers that overflowed. Null if the run has not diverged.
     */
    public Trace divergedTrace() {
        if (!diverged) return null;
        Samples train = data.train();
        return Backprop.gradients(net, train.x(divergedAt), train.t(divergedAt));
    }

    /** "done", "diverged" or "running" (not yet finished). */
    public String status() {
        return diverged ? "diverged" : epoch >= config.epochs() ? "done" : "running";
    }

    public String message() {
        return message;
    }

    public Config config() {
        return config;
    }

    public Dataset data() {
        return data;
    }

    /** The live network (mutated by training; copy it to keep a snapshot). */
    public Network network() {
        return net;
    }

    public int epoch() {
        return epoch;
    }

    /** Samples left to train in the whole run (0 when finished). */
    public long remaining() {
        if (finished()) return 0;
        return (long) (config.epochs() - epoch) * trainCount - position;
    }

    /** Samples left in the current epoch (0 once the run is finished). */
    public long leftInEpoch() {
        return finished() ? 0 : trainCount - position;
    }

    public int position() {
        return position;
    }

    public int trainCount() {
        return trainCount;
    }

    /** Samples trained by every run of this process, for the server's metrics (only ever grows). */
    private static final java.util.concurrent.atomic.LongAdder TRAINED = new java.util.concurrent.atomic.LongAdder();

    public static long samplesTrainedInThisProcess() {
        return TRAINED.sum();
    }

    public long samplesDone() {
        return samplesDone;
    }

    /** Samples per second of the fast path's training loop alone (evaluation excluded), so far. */
    public double samplesPerSecond() {
        return trainNanos == 0 ? 0 : samplesDone * 1e9 / trainNanos;
    }

    public double initialTrainLoss() {
        return initialTrainLoss;
    }

    public double initialTestLoss() {
        return initialTestLoss;
    }

    public List<Double> trainLoss() {
        return List.copyOf(trainLoss);
    }

    /** Per completed epoch, per weight layer (from layer 1): the mean ||dE/dW^(l)||_F over the epoch's samples. */
    public List<double[]> gradientNorms() {
        return List.copyOf(gradientNorms);
    }

    /** Per completed epoch, per weight layer: the mean ||Delta W^(l)|| / ||W^(l)|| over the epoch's updates. */
    public List<double[]> updateRatios() {
        return List.copyOf(updateRatios);
    }

    /** Per hidden layer, the units saturated in the last completed epoch (none before the first). */
    public int[][] saturatedUnits() {
        return flow == null ? new int[config.layers().length - 2][0] : flow.saturatedUnits();
    }

    /** Per hidden layer, the units dead (ReLU family, output 0 on every sample) in the last completed epoch. */
    public int[][] deadUnits() {
        return flow == null ? new int[config.layers().length - 2][0] : flow.deadUnits();
    }

    public List<Double> testLoss() {
        return List.copyOf(testLoss);
    }

    /** Per completed epoch, the fraction of training samples classified right (empty unless classification). */
    public List<Double> trainAccuracy() {
        return List.copyOf(trainAccuracy);
    }

    public List<Double> testAccuracy() {
        return List.copyOf(testAccuracy);
    }

    /** Accuracy before training (NaN unless classification). */
    public double initialTrainAccuracy() {
        return initialTrainAccuracy;
    }

    public double initialTestAccuracy() {
        return initialTestAccuracy;
    }

    /** The optimiser and its state (steps taken, moments). */
    public Updater updater() {
        return updater;
    }

    /** Test RMSE in original units, after the last completed epoch (or initially). */
    public double testRmse() {
        return testRmse;
    }

    /** W^(l) for l = 1..L as rows, in the /api/step layout (index 0 = W^(1)). */
    public double[][][] weightsList() {
        double[][][] w = new double[net.layers()][][];
        for (int l = 1; l <= net.layers(); l++) w[l - 1] = net.weights(l);
        return w;
    }

    private static double[][][] weights(Network net) {
        double[][][] w = new double[net.layers() + 1][][];
        for (int l = 1; l <= net.layers(); l++) w[l] = net.weights(l);
        return w;
    }

    private static double[][] biases(Network net) {
        double[][] b = new double[net.layers() + 1][];
        for (int l = 1; l <= net.layers(); l++) b[l] = net.biases(l);
        return b;
    }
}
