package playground.training;

import playground.nn.Network;
import playground.nn.Trace;

/**
 * A run's state machine (idle, running, paused, done, diverged): the state itself, the controls that run, pause and
 * reset it, and the work of a running run's slice. The controls that move it by hand are {@link ByHand}'s.
 *
 * <p>Not thread-safe: {@link Run} calls it holding its lock, and only while the run is open. Whenever what it shows
 * changes it calls {@link #publish}, which hands a snapshot to the viewers.
 */
final class Machine {
    final Config config;
    private final Network initialWeights;
    private final Slicer slicer;
    private final Runnable publisher;

    Training training;
    RunState state = RunState.IDLE;
    Speed speed;
    /** Epoch was pressed: the run trains flat out to the end of the epoch, then pauses. */
    private boolean untilEpochEnd;
    /** The samples shown: the last traced, the next one phase by phase, the timeline's log. */
    final Shown shown;
    /** The learner's changes of the weights and of the data, in the order made. */
    final Edits edits;

    private long lastPublishNanos;

    Machine(Config config, Speed speed, Network initialWeights, Slicer slicer, Runnable publisher) {
        this.config = config;
        this.speed = speed;
        this.initialWeights = initialWeights;
        this.slicer = slicer;
        this.publisher = publisher;
        this.training = new Training(config, initialWeights);
        this.edits = new Edits(config);
        this.shown = new Shown(config);
    }

    /**
     * Start (or resume). A finished run starts the same experiment again: from its initial weights, with the learner's
     * edits made again at their moments (as its link replays them: trained to each, then on); Reset drops them.
     */
    void start() {
        if (state == RunState.DONE || state == RunState.DIVERGED) {
            java.util.List<Edit> again = edits.list();
            if (!Edit.replayFits(again, config)) {
                throw new ConfigException(
                        "run",
                        "its edits are too far into a run this size to make again from the start in one go:"
                                + " Reset starts it again without them");
            }
            reset();
            replay(again, null);
        }
        run(false);
    }

    void pause() {
        if (state == RunState.RUNNING) {
            state = RunState.PAUSED;
            untilEpochEnd = false;
            publish();
        }
    }

    void resume() {
        if (state == RunState.PAUSED || state == RunState.IDLE) run(false);
    }

    /** Trains to the end of the current epoch (in slices, like running), then pauses. */
    void epoch() {
        if (!training.finished()) run(true);
    }

    /** Back to the initial weights (the same ones: they come from the seed), idle, without the learner's edits. */
    void reset() {
        training = new Training(config, initialWeights);
        state = RunState.IDLE;
        untilEpochEnd = false;
        shown.clear();
        edits.clear();
    }

    void speed(Speed s) {
        speed = s;
        slicer.anchor(training.samplesIntoRun());
        publish();
    }

    /**
     * Makes a link's edits (see {@link Edit#parse}) on a run that has not trained: trains to each edit's moment,
     * applies it, then goes to {@code at} (or stays at the last edit's moment), paused there.
     */
    void replay(java.util.List<Edit> given, Moment.At at) {
        edits.replay(training, given, at, this::traced);
        shown.leavePhases();
        settle(training.samplesIntoRun() == 0 ? RunState.IDLE : RunState.PAUSED);
    }

    /** The run was moved or changed by hand: it is in {@code otherwise} now, unless it diverged or is finished. */
    void settle(RunState otherwise) {
        untilEpochEnd = false;
        state = afterWork(otherwise);
        publish();
    }

    /** Shows a traced sample and keeps it in the log, with its place in the run. */
    void traced(Trace tr) {
        shown.traced(tr, training);
    }

    /** {@code otherwise}, unless the training diverged or is finished. */
    RunState afterWork(RunState otherwise) {
        if (training.diverged()) return RunState.DIVERGED;
        if (training.finished()) return RunState.DONE;
        return otherwise;
    }

    void publish() {
        lastPublishNanos = System.nanoTime();
        publisher.run();
    }

    private void run(boolean toEpochEnd) {
        untilEpochEnd = toEpochEnd;
        if (training.finished()) return;
        // a sample shown phase by phase is left: training moves on from where the weights are
        shown.leavePhases();
        state = RunState.RUNNING;
        slicer.anchor(training.samplesIntoRun());
        publish();
        slicer.schedule(0);
    }

    // ---- the work of a slice ----

    /**
     * One slice of a running run's training, {@code allowed} samples at most (what its {@link Run.Bound} allows), then
     * the next slice scheduled if it still runs. {@link Slicer} decides when and how much.
     */
    void slice(long allowed) {
        long started = System.nanoTime();
        boolean flatOut = speed.isMax() || untilEpochEnd;
        if (flatOut) fastSlice(allowed, false);
        else if (speed.paced())
            fastSlice(Math.min(slicer.pacedBudget(speed, training, config.epochs()), allowed), true);
        else if (allowed > 0) slowSlice();
        if (state == RunState.RUNNING) {
            // held back by its partner (a Lockstep): the next look a millisecond later, not at once
            slicer.schedule(slicer.delayAfter(speed, flatOut, started) + (allowed <= 0 ? 1 : 0));
        }
    }

    /** A slice failed (out of memory, say): the run pauses and can be resumed, and the trainer thread goes on. */
    void failed() {
        state = RunState.PAUSED;
        publish();
    }

    /**
     * Trains up to {@code budget} samples on the fast path, keeping back the last mini-batch to trace and show its
     * last sample when a frame is due (every slice of a paced run; {@link Slicer#FRAMES_PER_SECOND} times a second flat
     * out) or the end is near: the fast path trains whole batches only, so keeping back one sample is keeping back its
     * batch ({@link Training#traceToBatchEnd}), and the sample shown at the end is the last one trained.
     */
    private void fastSlice(long budget, boolean paced) {
        if (budget <= 0) return;
        int epochBefore = training.epoch();
        long done = slicer.train(training, budget, untilEpochEnd);
        boolean epochEnded = training.epoch() > epochBefore;
        long left = untilEpochEnd ? training.leftInEpoch() : training.remaining();
        boolean lastBatch = training.batchStart(training.samplesIntoRun() + left) <= training.samplesIntoRun();
        boolean frameDue = paced || System.nanoTime() - lastPublishNanos >= 1_000_000_000L / Slicer.FRAMES_PER_SECOND;
        if (!training.finished() && !(untilEpochEnd && epochEnded) && (lastBatch || frameDue) && done < budget) {
            // the sample shown is traced, and is the last one trained before the frame
            traced(training.traceToBatchEnd());
            epochEnded = training.epoch() > epochBefore;
        }
        if (untilEpochEnd && epochEnded) {
            untilEpochEnd = false;
            state = afterWork(RunState.PAUSED);
            publish();
            return;
        }
        state = afterWork(RunState.RUNNING);
        if (state == RunState.DIVERGED) traced(training.divergedTrace());
        if (state != RunState.RUNNING || frameDue) publish();
    }

    private void slowSlice() {
        traced(training.traceStep());
        state = afterWork(RunState.RUNNING);
        publish();
    }
}
