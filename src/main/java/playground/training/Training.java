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
    /** The current epoch's order: indices into {@link #train}. */
    private int[] order;
    /** The current epoch's length, {@code order.length}: the training set's size unless the data was changed. */
    private int trainCount;

    // ---- the data as the learner changed it (see addPoint and deletePoint) ----

    /** The training samples the network sees: the dataset's, then the points added, in the order added. */
    private Samples train;
    /** The same points in the plane's coordinates and original units. */
    private Samples rawTrain;
    /** Per point of {@link #train}, whether it was deleted (null until one is). */
    private boolean[] deleted;
    /** The points in the training set now: the next epoch's length. */
    private int active;
    /** The length of the last epoch completed (0 before the first). */
    private int lastEpochLength;

    /** Samples into the run when the current epoch began. */
    private long epochStart;
    /** Where added points go in the rest of their epoch: stream 5 of the seed, drawn in the order of the edits. */
    private SplitMix64 placer;
    /** The training set now (only the points not deleted), for the figures and the pictures; null when unchanged. */
    private Dataset edited;

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
        this.train = data.train();
        this.rawTrain = data.rawTrain();
        this.trainCount = train.count();
        this.active = trainCount;
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
        return epochStart + position;
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
        if (target - 1 >= epochStart) {
            // counted from the current epoch's start (after a change of the data, epochs have their own lengths):
            // this epoch's n samples, then epochs of as many as the training set has now
            long into = target - 1 - epochStart;
            long start = epochStart;
            int n = trainCount;
            if (into >= n) {
                start += n;
                into -= n;
                n = active;
                start += into / n * n;
                into %= n;
            }
            int batch = Math.min(config.batch(), n);
            return start + into / batch * batch;
        }
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

    // ---- changing the data ----

    /**
     * Samples into the run at the moment {@code at} (E epochs done and S samples of the next), as the run now goes: -1
     * when it is before the current epoch began. The current epoch has {@link #trainCount} samples; the ones after it
     * have as many as the training set has points now.
     */
    public long samplesAt(Moment.At at) {
        if (at.epoch() < epoch) return -1;
        if (at.epoch() == epoch) return epochStart + at.sample();
        return epochStart + trainCount + (long) (at.epoch() - epoch - 1) * active + at.sample();
    }

    /** Why {@code at} is not a moment of this run as it now goes (null if it is); see {@link #samplesAt}. */
    public String momentProblem(Moment.At at) {
        if (at.epoch() > config.epochs() || at.epoch() == config.epochs() && at.sample() > 0) {
            return "at=" + at + " is past the end of this run of " + config.epochs() + " epochs (at=" + config.epochs()
                    + ":0)";
        }
        int n = at.epoch() == epoch ? trainCount : active;
        if (at.sample() >= n) {
            return "at=" + at + ": epoch " + (at.epoch() + 1) + " has " + n + " samples, so S goes from 0 to "
                    + (n - 1);
        }
        return null;
    }

    /**
     * Adds the point (x1, x2) with target {@code target} (a class, one-hot for several outputs, or a value) to the
     * training set, from the next sample on, and returns its index. It is scaled as the dataset was (the features, and
     * the targets with the training set's original mean and deviation: the data is not standardised again), and goes
     * into the rest of the current epoch at a place drawn from stream 5 of the seed: uniformly among the
     * {@code n - S + 1} places from the next sample to the epoch's end (S samples done of n), so this epoch grows by
     * one; every epoch after shuffles it in with the rest. The test set does not change.
     */
    public int addPoint(double x1, double x2, double target) {
        int m = rawTrain.outputs();
        double[] t = new double[m];
        if (m == 1) t[0] = target;
        else t[(int) target] = 1;
        Samples raw = new Samples(1, 2, m, new double[] {x1, x2}, t);
        Samples seen = data.scaler().apply(raw);
        if (data.features() != null) seen = data.features().apply(seen);
        int index = train.count();
        train = append(train, seen);
        rawTrain = append(rawTrain, raw);
        if (deleted != null) deleted = java.util.Arrays.copyOf(deleted, index + 1);
        if (placer == null) placer = SplitMix64.stream(config.seed(), 5);
        int at = position + placer.nextInt(trainCount - position + 1);
        int[] longer = new int[trainCount + 1];
        System.arraycopy(order, 0, longer, 0, at);
        longer[at] = index;
        System.arraycopy(order, at, longer, at + 1, trainCount - at);
        order = longer;
        trainCount++;
        active++;
        changed();
        return index;
    }

    /**
     * Deletes training point {@code index} from the next sample on: it is never trained on again. Still ahead in this
     * epoch, it leaves the epoch's order (the epoch shrinks by one; if no sample is left, the epoch ends now, its
     * mini-batch begun on the trace path applied); already trained in this epoch, it leaves the order when the epoch
     * ends. The figures of every epoch after are over the points left.
     *
     * @throws ConfigException (field "index") if there is no such point, it was deleted already, or it is the last
     */
    public void deletePoint(int index) {
        if (index < 0 || index >= train.count() || deleted != null && deleted[index]) {
            throw new ConfigException(
                    "index", "there is no training point " + index + " (the training set has " + active + " points)");
        }
        if (active <= 1) throw new ConfigException("index", "the last training point stays");
        if (deleted == null) deleted = new boolean[train.count()];
        deleted[index] = true;
        active--;
        for (int k = position; k < trainCount; k++) {
            if (order[k] == index) {
                System.arraycopy(order, k + 1, order, k, trainCount - k - 1);
                order = java.util.Arrays.copyOf(order, trainCount - 1);
                trainCount--;
                break;
            }
        }
        changed();
        if (position == trainCount && !finished()) {
            if (inBatch > 0) {
                sgd.step(train.x(), train.t(), order, position - inBatch, inBatch, config.lr(), config.batch() == 1);
                inBatch = 0;
            }
            endEpoch();
        }
    }

    /** The index of the training point nearest (x1, x2) within {@code radius}, or -1 if there is none. */
    public int nearestPoint(double x1, double x2, double radius) {
        int best = -1;
        double bestD = radius * radius;
        for (int i = 0; i < rawTrain.count(); i++) {
            if (deleted != null && deleted[i]) continue;
            double dx = rawTrain.x()[2 * i] - x1, dy = rawTrain.x()[2 * i + 1] - x2;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * The samples of the epoch the last sample trained belongs to: the current epoch's, or, right after an epoch
     * ended, that epoch's (its own length, after a change of the data).
     */
    public int lastEpochLength() {
        return position > 0 || lastEpochLength == 0 ? trainCount : lastEpochLength;
    }

    /** The points in the training set now. */
    public int activeCount() {
        return active;
    }

    private void changed() {
        int[] kept = new int[active];
        int k = 0;
        for (int i = 0; i < train.count(); i++) if (deleted == null || !deleted[i]) kept[k++] = i;
        edited = new Dataset(
                data.kind(),
                rawTrain.select(kept, 0, active),
                data.rawTest(),
                train.select(kept, 0, active),
                data.test(),
                data.scaler(),
                data.features());
    }

    private static Samples append(Samples a, Samples b) {
        double[] x = java.util.Arrays.copyOf(a.x(), a.x().length + b.x().length);
        System.arraycopy(b.x(), 0, x, a.x().length, b.x().length);
        double[] t = java.util.Arrays.copyOf(a.t(), a.t().length + b.t().length);
        System.arraycopy(b.t(), 0, t, a.t().length, b.t().length);
        return new Samples(a.count() + b.count(), a.inputs(), a.outputs(), x, t);
    }

    // ---- epochs ----

    private void endEpoch() {
        lastEpochLength = trainCount;
        epochStart += trainCount;
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
            if (deleted != null) {
                // the points deleted in this epoch after they were trained leave the order now
                int[] kept = new int[active];
                int k = 0;
                for (int i : order) if (!deleted[i]) kept[k++] = i;
                order = kept;
                trainCount = active;
            }
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
     * loss now, at the edited weights, worked out as an epoch's end works out its figures, when that fits the request's
     * budget ({@link Config#lossNowWorkedOut()}); else {@link LossNow#notWorkedOut}.
     */
    public LossNow apply(Edit e) {
        sgd.flush();
        if (!e.isPoint()) e.apply(net);
        else if (e.deleted() >= 0) deletePoint(e.deleted());
        else addPoint(e.point()[0], e.point()[1], e.value());
        sgd.reload();
        if (!config.lossNowWorkedOut()) return LossNow.notWorkedOut(e);
        Figures now = figures();
        return new LossNow(
                e,
                now.train().meanLoss(),
                now.test().meanLoss(),
                config.classification() ? now.train().accuracy() : Double.NaN,
                config.classification() ? now.test().accuracy() : Double.NaN,
                true);
    }

    /** The figures at the current weights, one forward pass a sample (the test outputs serve the RMSE too). */
    private Figures figures() {
        Samples test = data.test();
        double[] y = new double[test.count() * test.outputs()];
        Samples now = edited == null ? train : edited.train();
        Sgd.Evaluation onTrain = sgd.evaluate(now.x(), now.t(), now.count(), 0.5, null);
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

    /** The data as it is now: the dataset, or with the learner's points added and deleted (see {@link #addPoint}). */
    public Dataset data() {
        return edited == null ? data : edited;
    }

    /** Every training sample as the network sees it, deleted ones included: {@link #nextSampleIndex} indexes it. */
    public Samples trainSamples() {
        return train;
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
        return (trainCount - position) + (long) (config.epochs() - epoch - 1) * active;
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
