package playground.training;

import java.util.List;
import playground.nn.Trace;

/**
 * What a viewer sees of a run at one moment: immutable, published by the run after each slice of work. Per-layer
 * arrays are indexed by layer l = 1..L (index 0 unused).
 *
 * @param version increases with every publication of this run
 * @param trace the last sample traced (null before the first)
 * @param weights W^(l) now
 * @param biases b^(l) now (zeros without biases)
 * @param previousWeights W^(l) before the last update (null before the first), to highlight what changed
 * @param previousBiases b^(l) before the last update
 * @param epoch completed epochs
 * @param sample samples done in the current epoch
 * @param trainAccuracy per completed epoch, the fraction of training samples classified right (empty for regression)
 * @param testAccuracy the same for the test set
 * @param data the run's data (immutable, shared)
 * @param logSize how many samples the run's log keeps now (see {@link Run#moment})
 * @param phaseTrace the next sample, shown phase by phase before its update (null when not phase stepping)
 * @param phase how far phaseTrace is shown: 1..L forward layers, L+1 the loss, L+2..2L+1 deltas (0 with none)
 * @param traceSamples samples into the run right after trace's sample was trained (-1 with no trace)
 * @param gradientNorms per completed epoch, per weight layer from layer 1, the mean ||dE/dW^(l)||_F (see {@link
 *     playground.nn.GradientFlow})
 * @param updateRatios per completed epoch, per weight layer from layer 1, the mean ||Delta W^(l)|| / ||W^(l)||
 * @param saturatedUnits per hidden layer (from layer 1), the units saturated in the last completed epoch
 * @param deadUnits per hidden layer, the units dead in the last completed epoch
 * @param edits the learner's edits of the weights and the data, as a link's {@code edits=} reads them ("" for none)
 * @param editLosses per edit, the loss at the weights it left (see {@link LossNow})
 * @param traceMoment the moment right after trace's sample was trained (null with no trace)
 */
public record Snapshot(
        String runId,
        long version,
        Config config,
        Speed speed,
        RunState state,
        int epoch,
        int sample,
        int trainCount,
        int testCount,
        long samplesDone,
        double samplesPerSecond,
        String message,
        Trace trace,
        double[][][] weights,
        double[][] biases,
        double[][][] previousWeights,
        double[][] previousBiases,
        double initialTrainLoss,
        double initialTestLoss,
        List<Double> trainLoss,
        List<Double> testLoss,
        double testRmse,
        List<Double> trainAccuracy,
        List<Double> testAccuracy,
        double initialTrainAccuracy,
        double initialTestAccuracy,
        playground.data.Dataset data,
        int logSize,
        Trace phaseTrace,
        int phase,
        long traceSamples,
        List<double[]> gradientNorms,
        List<double[]> updateRatios,
        int[][] saturatedUnits,
        int[][] deadUnits,
        String edits,
        List<LossNow> editLosses,
        Moment.At traceMoment) {

    /** L. */
    public int layers() {
        return weights.length - 1;
    }

    /**
     * The loss at the weights as they are now when a learner has edited them since the last sample trained (the last
     * edit's figures), else null: then the loss to show is the last epoch's.
     */
    public LossNow lossNow() {
        if (editLosses.isEmpty()) return null;
        LossNow last = editLosses.get(editLosses.size() - 1);
        return last.at().equals(at()) ? last : null;
    }

    /** Where the run is (see {@link Moment.At}): the header's epoch and sample. */
    public Moment.At at() {
        return new Moment.At(epoch, sample);
    }

    /** The moment right after the shown trace's sample was trained (null with no trace). */
    public Moment.At traceAt() {
        return trace == null || traceSamples < 0 ? null : traceMoment;
    }

    /** Progress through the whole run, 0 to 1. */
    public double progress() {
        double total = (double) config.epochs() * trainCount;
        return total == 0 ? 0 : Math.min(1.0, ((double) epoch * trainCount + sample) / total);
    }
}
