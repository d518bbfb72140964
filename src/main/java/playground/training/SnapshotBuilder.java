package playground.training;

import playground.nn.Network;
import playground.nn.Trace;

/**
 * A {@link Snapshot} put together by what each part comes from: the run (id, version, speed, state, rate), its
 * training (progress, losses, data), its network and the snapshot before (weights, and what the last update changed),
 * and what the run shows of one sample (trace, phase).
 */
final class SnapshotBuilder {
    private final String runId;
    private final long version;
    private final Config config;
    private Speed speed;
    private RunState state;
    private double samplesPerSecond;
    private Training training;
    private double[][][] weights;
    private double[][] biases;
    private double[][][] previousWeights;
    private double[][] previousBiases;
    private Trace trace;
    private long traceSamples = -1;
    private Moment.At traceMoment;
    private int logSize;
    private Trace phaseTrace;
    private int phase;
    private String edits = "";
    private java.util.List<LossNow> editLosses = java.util.List.of();

    SnapshotBuilder(String runId, long version, Config config) {
        this.runId = runId;
        this.version = version;
        this.config = config;
    }

    SnapshotBuilder run(Speed speed, RunState state, double samplesPerSecond) {
        this.speed = speed;
        this.state = state;
        this.samplesPerSecond = samplesPerSecond;
        return this;
    }

    /** Progress, losses, accuracies and data, as the training has them now. */
    SnapshotBuilder training(Training training) {
        this.training = training;
        return this;
    }

    /**
     * W^(l) and b^(l) now, and what changed in the last update: since the previous snapshot, or as the previous
     * snapshot said if nothing moved since ({@code previous} null for the first).
     */
    SnapshotBuilder weights(Network net, long samplesDone, Snapshot previous) {
        int L = net.layers();
        weights = new double[L + 1][][];
        biases = new double[L + 1][];
        for (int l = 1; l <= L; l++) {
            weights[l] = net.weights(l);
            biases[l] = net.biases(l);
        }
        boolean moved = previous != null && previous.samplesDone() < samplesDone;
        boolean still = previous != null && previous.samplesDone() == samplesDone;
        previousWeights = moved ? previous.weights() : still ? previous.previousWeights() : null;
        previousBiases = moved ? previous.biases() : still ? previous.previousBiases() : null;
        return this;
    }

    /** The last sample traced (null before the first), and the samples into the run right after it. */
    SnapshotBuilder trace(Trace trace, long traceSamples, Moment.At traceMoment) {
        this.trace = trace;
        this.traceSamples = trace == null ? -1 : traceSamples;
        this.traceMoment = traceMoment;
        return this;
    }

    SnapshotBuilder logSize(int logSize) {
        this.logSize = logSize;
        return this;
    }

    /** The next sample shown phase by phase, and how far (none: null). */
    SnapshotBuilder phase(Trace phaseTrace, int phase) {
        this.phaseTrace = phaseTrace;
        this.phase = phaseTrace == null ? 0 : phase;
        return this;
    }

    /**
     * The learner's edits of the weights so far, as a link's {@code edits=} reads them ("" for none), and the loss at
     * the weights each left.
     */
    SnapshotBuilder edits(String edits, java.util.List<LossNow> editLosses) {
        this.edits = edits;
        this.editLosses = java.util.List.copyOf(editLosses);
        return this;
    }

    Snapshot build() {
        Training t = training;
        return new Snapshot(
                runId,
                version,
                config,
                speed,
                state,
                t.epoch(),
                t.position(),
                t.trainCount(),
                t.data().test().count(),
                t.samplesDone(),
                samplesPerSecond,
                t.message(),
                trace,
                weights,
                biases,
                previousWeights,
                previousBiases,
                t.initialTrainLoss(),
                t.initialTestLoss(),
                t.trainLoss(),
                t.testLoss(),
                t.testRmse(),
                t.trainAccuracy(),
                t.testAccuracy(),
                t.initialTrainAccuracy(),
                t.initialTestAccuracy(),
                t.data(),
                logSize,
                phaseTrace,
                phase,
                traceSamples,
                t.gradientNorms(),
                t.updateRatios(),
                t.saturatedUnits(),
                t.deadUnits(),
                edits,
                editLosses,
                traceMoment);
    }
}
