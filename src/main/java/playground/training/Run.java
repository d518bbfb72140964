package playground.training;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import playground.nn.GradientCheck;
import playground.nn.Network;
import playground.nn.Trace;

/**
 * A training run that belongs to one session: its {@link Training}, its state machine (idle, running, paused, done,
 * diverged): the controls, each a transition under one lock, and the viewers that watch it. It trains in slices on a
 * shared, bounded pool ({@link Slicer} decides when and how much), so runs share the cores fairly; after a slice (at
 * most about {@link Slicer#FRAMES_PER_SECOND} times a second) it publishes an immutable {@link Snapshot} to its
 * listeners, which must not block.
 */
public final class Run {
    private static final Logger LOG = Logger.getLogger(Run.class.getName());

    /** Receives every snapshot a run publishes. Must return at once (it is called on a trainer thread). */
    public interface Listener {
        void onSnapshot(Snapshot s);
    }

    private final String id;
    private final String sessionId;
    private final String sessionTag;
    private final Config config;
    private final Network initialWeights;
    private final Slicer slicer;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();

    // guarded by lock
    private Training training;
    private RunState state = RunState.IDLE;
    private Speed speed;
    private boolean untilEpochEnd;
    /** The samples shown: the last traced, the next one phase by phase, the timeline's log. */
    private final Shown shown;
    /** The learner's changes of the weights and of the data, in the order made. */
    private final Edits edits;

    private long version;
    private long lastPublishNanos;
    private final SampleRate rate = new SampleRate();

    private volatile Snapshot latest;
    private volatile long lastSeenNanos = System.nanoTime();
    private volatile boolean closed;

    /**
     * How far a run may train now: set by a {@link Lockstep} that keeps two runs together (null: no bound). Asked at
     * each slice, holding this run's lock only, so it must read its partner without locking it.
     */
    public interface Bound {
        /** The most samples into its run that {@code run} may reach now ({@code Long.MAX_VALUE}: no limit). */
        long limit(Run run);
    }

    private volatile Bound bound;
    /** Samples into the run as of its last slice or publication, for a partner to read without the lock. */
    private volatile long progress;

    Run(
            String id,
            String sessionId,
            Config config,
            Speed speed,
            Network initialWeights,
            ScheduledExecutorService pool) {
        this.id = id;
        this.sessionId = sessionId;
        this.sessionTag = tag(sessionId);
        this.config = config;
        this.speed = speed;
        this.initialWeights = initialWeights == null ? null : initialWeights.copy();
        this.slicer = new Slicer(pool, this::slice);
        this.training = new Training(config, this.initialWeights);
        this.edits = new Edits(config);
        this.shown = new Shown(config);
        synchronized (lock) {
            publish();
        }
    }

    public String id() {
        return id;
    }

    /**
     * "run=ID session=TAG" for log lines. The session id is the cookie's secret, so logs carry a tag derived from it
     * (the first 12 hex digits of its SHA-256), which tells sessions apart without letting anyone into one.
     */
    public String logTag() {
        return "run=" + id + " session=" + sessionTag;
    }

    static String tag(String sessionId) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String sessionId() {
        return sessionId;
    }

    public Config config() {
        return config;
    }

    /** The latest published snapshot (never null). */
    public Snapshot snapshot() {
        return latest;
    }

    /** Bounds this run's training by {@code b} (a {@link Lockstep}); null frees it. */
    public void bound(Bound b) {
        bound = b;
    }

    public Bound bound() {
        return bound;
    }

    /** Samples into the run (epochs done times the epoch's samples, and the next epoch's done), read without a lock. */
    public long progress() {
        return progress;
    }

    /** Whether the run was freed (it trains no more). */
    public boolean isClosed() {
        return closed;
    }

    // ---- controls: each returns the snapshot after it ----

    /** A control: start, pause, resume, step, phase, epoch or reset. */
    public Snapshot control(Action action) {
        return slicer.waiting(() -> controlNow(action));
    }

    private Snapshot controlNow(Action action) {
        return switch (action) {
            case PHASE -> phase();
            case START -> start();
            case PAUSE -> pause();
            case RESUME -> resume();
            case STEP -> step();
            case EPOCH -> epoch();
            case RESET -> reset();
        };
    }

    /**
     * Start (or resume). A finished run starts the same experiment again: from its initial weights, with the learner's
     * edits made again at their moments (as its link replays them: trained to each, then on); Reset drops them.
     */
    public Snapshot start() {
        synchronized (lock) {
            if (closed) return latest;
            if (state == RunState.DONE || state == RunState.DIVERGED) {
                java.util.List<Edit> again = edits.list();
                if (!Edit.replayFits(again, config)) {
                    throw new ConfigException(
                            "run",
                            "its edits are too far into a run this size to make again from the start in one go:"
                                    + " Reset starts it again without them");
                }
                resetLocked();
                replayLocked(again, null);
            }
            untilEpochEnd = false;
            runLocked();
            return latest;
        }
    }

    public Snapshot pause() {
        synchronized (lock) {
            if (state == RunState.RUNNING) {
                state = RunState.PAUSED;
                untilEpochEnd = false;
                publish();
            }
            return latest;
        }
    }

    public Snapshot resume() {
        synchronized (lock) {
            if (state == RunState.PAUSED || state == RunState.IDLE) {
                untilEpochEnd = false;
                runLocked();
            }
            return latest;
        }
    }

    /** A gradient check, and the sample and weights it was made on. */
    public record Check(double[] x, double[] t, GradientCheck.Result result) {}

    /**
     * Backprop's gradient of every weight beside a central finite difference, for the current sample (the last one
     * shown, or else the next to train) at the current weights. Nothing changes.
     */
    public Check gradientCheck() {
        Network net;
        double[] x;
        double[] t;
        synchronized (lock) {
            net = training.network().copy();
            Trace last = shown.last();
            int next = training.nextSampleIndex();
            if (last != null) {
                x = last.x();
                t = last.t();
            } else {
                int s = next >= 0 ? next : 0;
                x = training.trainSamples().x(s);
                t = training.trainSamples().t(s);
            }
        }
        return new Check(x, t, GradientCheck.check(net, x, t));
    }

    /** One sample: forward, backward, update. A running run pauses first. */
    public Snapshot step() {
        synchronized (lock) {
            if (closed || training.finished()) return latest;
            untilEpochEnd = false;
            shown.leavePhases();
            traced(training.traceStep());
            state = stateAfterWork(RunState.PAUSED);
            publish();
            return latest;
        }
    }

    /**
     * One phase of the next sample: forward through layer 1, 2, ..., the loss, delta of layer L, ..., 1, then the
     * update (which is an ordinary Step, so the numbers are the same). A running run pauses first.
     */
    public Snapshot phase() {
        synchronized (lock) {
            if (closed || training.finished()) return latest;
            untilEpochEnd = false;
            shown.nextPhase(training);
            state = stateAfterWork(RunState.PAUSED);
            publish();
            return latest;
        }
    }

    /**
     * Goes to an exact moment, {@code epochs} completed epochs and {@code samples} more (as a link's {@code at} says):
     * from the start again if the run is past it; then paused there, showing that sample. Samples past the end of the
     * run stop at its end.
     */
    public Snapshot seek(int epochs, int samples) {
        synchronized (lock) {
            if (closed) return latest;
            Moment.At at = new Moment.At(epochs, samples);
            long target = training.samplesAt(at);
            if (training.samplesIntoRun() == target && shown.last() != null) return latest;
            if (target < 0 || training.samplesIntoRun() > target || training.diverged()) {
                resetLocked();
                target = training.samplesAt(at);
            }
            shown.leavePhases();
            untilEpochEnd = false;
            Trace last = training.seek(target);
            if (last != null) traced(last);
            state = stateAfterWork(target == 0 ? RunState.IDLE : RunState.PAUSED);
            publish();
            return latest;
        }
    }

    /**
     * Sets one weight or bias (a cell id W{l}-i-j or b{l}-i, see {@link Edit}) to {@code value} at the moment the run
     * is at, and keeps the edit for the run's link. The run must be paused, idle or done; a sample shown phase by phase
     * is left (its numbers were worked out at the old weights).
     *
     * @throws ConfigException for a bad cell or value, a run that is training, or one that has {@link Edit#MAX_EDITS}
     */
    public Snapshot edit(String ref, double value) {
        synchronized (lock) {
            edits.weight(training, state, ref, value);
            shown.leavePhases();
            publish();
            return latest;
        }
    }

    /**
     * Adds a point of the plane to the training set, or deletes the training point nearest (x1, x2) within {@link
     * #PICK_RADIUS} ({@code add} false), at the moment the run is at, and keeps the edit for the run's link. The run
     * must be paused or idle, on a 2-D set.
     *
     * @throws ConfigException see {@link Edits#point}
     */
    public Snapshot editPoint(boolean add, double x1, double x2, double target) {
        synchronized (lock) {
            edits.point(training, state, add, x1, x2, target);
            shown.leavePhases();
            state = stateAfterWork(state);
            publish();
            return latest;
        }
    }

    /** How near a click must be to a training point to delete it: 0.3 on the plane, 7.5 pixels of 300. */
    public static final double PICK_RADIUS = Edits.PICK_RADIUS;

    /**
     * Replays a link's edits (see {@link Edit#parse}) on a run that has not trained: trains to each edit's moment,
     * applies it, then goes to {@code at} (or stays at the last edit's moment), paused there.
     *
     * @throws ConfigException if {@code at} is before the last edit
     */
    public Snapshot replay(java.util.List<Edit> given, Moment.At at) {
        synchronized (lock) {
            if (closed) return latest;
            replayLocked(given, at);
            return latest;
        }
    }

    private void replayLocked(java.util.List<Edit> given, Moment.At at) {
        edits.replay(training, given, at, this::traced);
        shown.leavePhases();
        state = stateAfterWork(training.samplesIntoRun() == 0 ? RunState.IDLE : RunState.PAUSED);
        publish();
    }

    /** The weights this run started from when they were given (null when they come from the seed). */
    public Network initialWeights() {
        return initialWeights == null ? null : initialWeights.copy();
    }

    /** How close a learner's prediction was. */
    public record Feedback(String what, double guess, double actual, double error, double relativeError) {}

    /**
     * Predict, then reveal: compares a learner's guess of what the next phase reveals ({@code d{l}-0} for
     * delta^(l)_0, {@code W{l}-0-0} for w^(l)_00 after the update) with its value, then moves to that phase. The value
     * is the one that phase shows: the deltas of the phase-stepped trace, and the weights that {@link Training#peek}
     * worked out with the training code itself.
     *
     * @throws ConfigException if no sample is being shown phase by phase, {@code what} is not one of those values, or it is not what the
     *     next phase reveals (a weight in the middle of a mini-batch, where no update happens)
     */
    public Feedback predict(String what, double guess) {
        Feedback f;
        synchronized (lock) {
            double actual = Quiz.revealed(String.valueOf(what), shown.phased(), shown.phase(), config, training);
            double error = Math.abs(guess - actual);
            f = new Feedback(what, guess, actual, error, error / Math.max(1e-12, Math.abs(actual)));
        }
        phase();
        return f;
    }

    /** The i-th logged sample, 0 = the oldest kept. */
    public Moment moment(int i) {
        return shown.moment(i);
    }

    /** Shows a traced sample and keeps it in the log, with its place in the run. */
    private void traced(Trace tr) {
        shown.traced(tr, training);
    }

    /** Trains to the end of the current epoch (in slices, like running), then pauses. */
    public Snapshot epoch() {
        synchronized (lock) {
            if (closed || training.finished()) return latest;
            untilEpochEnd = true;
            runLocked();
            return latest;
        }
    }

    /** Back to the initial weights (the same ones: they come from the seed), idle. */
    public Snapshot reset() {
        synchronized (lock) {
            if (!closed) {
                resetLocked();
                publish();
            }
            return latest;
        }
    }

    public Snapshot setSpeed(Speed s) {
        synchronized (lock) {
            speed = s;
            slicer.anchor(training.samplesIntoRun());
            publish();
            return latest;
        }
    }

    /** Stops training for good and forgets the listeners. */
    void close() {
        synchronized (lock) {
            closed = true;
            if (state == RunState.RUNNING) state = RunState.PAUSED;
        }
        listeners.clear();
    }

    // ---- viewers ----

    public void addListener(Listener l) {
        listeners.add(l);
        touch();
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
        touch();
    }

    public int listenerCount() {
        return listeners.size();
    }

    /** Someone looked at this run (a request or an open stream). */
    public void touch() {
        lastSeenNanos = System.nanoTime();
    }

    long idleNanos() {
        return listeners.isEmpty() ? System.nanoTime() - lastSeenNanos : 0;
    }

    public boolean isRunning() {
        return latest.state() == RunState.RUNNING;
    }

    // ---- the work ----

    private void resetLocked() {
        training = new Training(config, initialWeights);
        state = RunState.IDLE;
        untilEpochEnd = false;
        shown.clear();
        edits.clear();
    }

    private void runLocked() {
        if (training.finished()) return;
        // a sample shown phase by phase is left: training moves on from where the weights are
        shown.leavePhases();
        state = RunState.RUNNING;
        slicer.anchor(training.samplesIntoRun());
        publish();
        if (!closed) slicer.schedule(0);
    }

    /** One slice of a running run's training (see {@link Slicer}), on a trainer thread. */
    private void slice() {
        synchronized (lock) {
            slicer.started();
            if (closed || state != RunState.RUNNING) return;
            long started = System.nanoTime();
            boolean flatOut = speed.isMax() || untilEpochEnd;
            long allowed = allowance();
            try {
                if (flatOut) fastSlice(allowed, false);
                else if (speed.paced())
                    fastSlice(Math.min(slicer.pacedBudget(speed, training, config.epochs()), allowed), true);
                else if (allowed > 0) slowSlice();
                progress = training.samplesIntoRun();
            } catch (Throwable e) { // OutOfMemoryError included: the run pauses, the trainer thread goes on
                LOG.log(Level.SEVERE, logTag() + " event=slice-failed", e);
                state = RunState.PAUSED;
                publish();
                return;
            }
            if (state == RunState.RUNNING && !closed) {
                // held back by its partner (a Lockstep): the next look a millisecond later, not at once
                slicer.schedule(slicer.delayAfter(speed, flatOut, started) + (allowed <= 0 ? 1 : 0));
            }
        }
    }

    /** Samples this run may train now within its {@link #bound} (Long.MAX_VALUE without one). */
    private long allowance() {
        Bound b = bound;
        long limit = b == null ? Long.MAX_VALUE : b.limit(this);
        return limit == Long.MAX_VALUE ? limit : Math.max(0, limit - training.samplesIntoRun());
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
            state = stateAfterWork(RunState.PAUSED);
            publish();
            return;
        }
        state = stateAfterWork(RunState.RUNNING);
        if (state == RunState.DIVERGED) traced(training.divergedTrace());
        if (state != RunState.RUNNING || frameDue) publish();
    }

    private void slowSlice() {
        traced(training.traceStep());
        state = stateAfterWork(RunState.RUNNING);
        publish();
    }

    private RunState stateAfterWork(RunState otherwise) {
        if (training.diverged()) return RunState.DIVERGED;
        if (training.finished()) return RunState.DONE;
        return otherwise;
    }

    /** Builds and hands out a snapshot. Called with the lock held. */
    private void publish() {
        progress = training.samplesIntoRun();
        long now = System.nanoTime();
        long samples = training.samplesDone();
        double samplesPerSecond = rate.update(now, samples, state == RunState.RUNNING);
        lastPublishNanos = now;
        Snapshot s = shown.into(new SnapshotBuilder(id, ++version, config)
                        .run(speed, state, samplesPerSecond)
                        .training(training)
                        .weights(training.network(), samples, latest))
                .edits(edits.text(), edits.losses())
                .build();
        latest = s;
        for (Listener l : listeners) {
            try {
                l.onSnapshot(s);
            } catch (Throwable e) { // one failing viewer must not stop the run or the other viewers
                LOG.log(Level.WARNING, logTag() + " event=listener-failed", e);
            }
        }
    }
}
