package playground.training;

import playground.nn.Trace;

/**
 * The controls that move a run by hand (a sample, a phase, an exact moment) or change it (a weight, a point of the
 * data), each leaving it paused there (idle at the start, done at the end), and what the quiz and the gradient check
 * read of the sample shown.
 *
 * <p>Not thread-safe: {@link Run} calls it holding its lock, and only while the run is open.
 */
final class ByHand {
    private final Machine m;

    ByHand(Machine m) {
        this.m = m;
    }

    /** One sample: forward, backward, update. A running run pauses first. */
    void step() {
        if (m.training.finished()) return;
        m.shown.leavePhases();
        m.traced(m.training.traceStep());
        m.settle(RunState.PAUSED);
    }

    /**
     * One phase of the next sample: forward through layer 1, 2, ..., the loss, delta of layer L, ..., 1, then the
     * update (which is an ordinary Step, so the numbers are the same). A running run pauses first.
     */
    void phase() {
        if (m.training.finished()) return;
        m.shown.nextPhase(m.training);
        m.settle(RunState.PAUSED);
    }

    /**
     * Goes to an exact moment, {@code epochs} completed epochs and {@code samples} more (as a link's {@code at} says):
     * from the start again if the run is past it; then paused there, showing that sample. Samples past the end of the
     * run stop at its end.
     */
    void seek(int epochs, int samples) {
        Moment.At at = new Moment.At(epochs, samples);
        long target = m.training.samplesAt(at);
        if (m.training.samplesIntoRun() == target && m.shown.last() != null) return;
        if (target < 0 || m.training.samplesIntoRun() > target || m.training.diverged()) {
            m.reset();
            target = m.training.samplesAt(at);
        }
        m.shown.leavePhases();
        Trace last = m.training.seek(target);
        if (last != null) m.traced(last);
        m.settle(target == 0 ? RunState.IDLE : RunState.PAUSED);
    }

    /** Sets one weight or bias to {@code value}, see {@link Run#edit}. */
    void weight(String ref, double value) {
        m.edits.weight(m.training, m.state, ref, value);
        m.shown.leavePhases();
        m.publish();
    }

    /** Adds or deletes a point of the training set, see {@link Run#editPoint}. */
    void point(boolean add, double x1, double x2, double target) {
        m.edits.point(m.training, m.state, add, x1, x2, target);
        m.shown.leavePhases();
        m.settle(m.state);
    }

    /** The value the next phase reveals if it is {@code what}, for a learner's guess (see {@link Quiz}). */
    double revealed(String what) {
        return Quiz.revealed(what, m.shown.phased(), m.shown.phase(), m.config, m.training);
    }

    /** The sample a gradient check is made on, input then target: the last one shown, or else the next to train. */
    double[][] currentSample() {
        Trace last = m.shown.last();
        if (last != null) return new double[][] {last.x(), last.t()};
        int next = m.training.nextSampleIndex();
        int s = next >= 0 ? next : 0;
        return new double[][] {
            m.training.trainSamples().x(s), m.training.trainSamples().t(s)
        };
    }
}
