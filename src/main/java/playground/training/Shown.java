package playground.training;

import playground.nn.Trace;

/**
 * What a run shows of its samples: the last one traced (forward, backward, update) with its moment, the next one while
 * it is stepped phase by phase, and the log of the samples traced lately (the timeline). Not thread-safe: its run calls
 * it with its lock held.
 */
final class Shown {
    private final SampleLog log;
    /** How many phases a sample has: forward through each layer, the loss, back through each, the update. */
    private final int phases;

    private Trace last;
    /** Samples into the run right after last's sample was trained, and that moment as a link names it. */
    private long lastSamples;

    private Moment.At lastAt;
    /** The next sample's forward and backward passes, shown phase by phase before its update (null if none). */
    private Trace phased;

    private int phase;

    Shown(Config config) {
        this.log = new SampleLog(config.layers());
        this.phases = Moment.phases(config.layers().length - 1);
    }

    /** Shows a sample {@code training} has just traced (null: none) and keeps it in the log, with its moment. */
    void traced(Trace tr, Training training) {
        last = tr;
        if (tr == null) return;
        lastSamples = training.samplesIntoRun();
        lastAt = new Moment.At(training.epoch(), training.position());
        log.add(training.epoch(), training.position(), tr, training.lastEpochLength());
    }

    /**
     * One phase further into the next sample: forward through layer 1, 2, ..., the loss, δ of layer L, ..., 1, then
     * the update, which is an ordinary step (so its numbers are a step's).
     */
    void nextPhase(Training training) {
        if (phased == null) {
            phased = training.peek();
            phase = 1;
        } else if (phase + 1 < phases) {
            phase++;
        } else {
            phased = null;
            traced(training.traceStep(), training);
        }
    }

    /** Leaves a sample shown phase by phase: its numbers were worked out at weights that change now. */
    void leavePhases() {
        phased = null;
    }

    /** Back to the start: nothing shown, nothing logged. */
    void clear() {
        last = null;
        phased = null;
        log.clear();
    }

    /** The last sample traced (null if none). */
    Trace last() {
        return last;
    }

    /** The next sample's passes while it is stepped phase by phase (null if not), and the phase shown. */
    Trace phased() {
        return phased;
    }

    int phase() {
        return phase;
    }

    /** The i-th logged sample, 0 = the oldest kept. */
    Moment moment(int i) {
        return log.get(i);
    }

    /** What a snapshot shows of the samples: the trace and its moment, the log's size, the phase. */
    SnapshotBuilder into(SnapshotBuilder b) {
        return b.trace(last, lastSamples, lastAt).logSize(log.size()).phase(phased, phase);
    }
}
