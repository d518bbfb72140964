package playground.training;

import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import playground.nn.GradientCheck;
import playground.nn.Network;

/**
 * A training run that belongs to one session, and its one lock: every control is a move of its state machine ({@link
 * Machine}: start, pause, resume, epoch, reset, speed; {@link ByHand}: step, phase, seek, edits) made under it. It
 * trains in slices on a shared, bounded pool ({@link Slicer} decides when and how much), so runs share the cores
 * fairly; after a slice (at most about {@link Slicer#FRAMES_PER_SECOND} times a second) and after every control it
 * publishes an immutable {@link Snapshot} to its {@link Viewers}, whose listeners must not block.
 */
public final class Run {
    private static final Logger LOG = Logger.getLogger(Run.class.getName());

    /** Receives every snapshot a run publishes. Must return at once (it is called on a trainer thread). */
    public interface Listener {
        void onSnapshot(Snapshot s);
    }

    private final String id;
    private final String sessionId;
    /** "run=ID session=TAG" for log lines, see {@link #logTag}. */
    private final String logTag;

    private final Config config;
    private final Network initialWeights;
    private final Slicer slicer;
    private final Viewers viewers = new Viewers();
    private final Object lock = new Object();

    // guarded by lock
    private final Machine machine;
    private final ByHand byHand;
    private long version;
    private final SampleRate rate = new SampleRate();

    private volatile Snapshot latest;
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
        this.logTag = "run=" + id + " session=" + tag(sessionId);
        this.config = config;
        this.initialWeights = initialWeights == null ? null : initialWeights.copy();
        this.slicer = new Slicer(pool, this::slice);
        this.machine = new Machine(config, speed, this.initialWeights, slicer, this::publish);
        this.byHand = new ByHand(machine);
        synchronized (lock) {
            machine.publish();
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
        return logTag;
    }

    private static String tag(String sessionId) {
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
        return slicer.waiting(() -> switch (action) {
            case PHASE -> phase();
            case START -> start();
            case PAUSE -> pause();
            case RESUME -> resume();
            case STEP -> step();
            case EPOCH -> epoch();
            case RESET -> reset();
        });
    }

    /** Start or resume; a finished run starts the same experiment again, its edits made again (see {@link Machine#start}). */
    public Snapshot start() {
        return locked(machine::start);
    }

    public Snapshot pause() {
        return locked(machine::pause);
    }

    public Snapshot resume() {
        return locked(machine::resume);
    }

    /** Trains to the end of the current epoch (in slices, like running), then pauses. */
    public Snapshot epoch() {
        return locked(machine::epoch);
    }

    /** Back to the initial weights (the same ones: they come from the seed), idle, without the learner's edits. */
    public Snapshot reset() {
        return locked(() -> {
            machine.reset();
            machine.publish();
        });
    }

    public Snapshot setSpeed(Speed s) {
        return locked(() -> machine.speed(s));
    }

    /** One sample: forward, backward, update. A running run pauses first. */
    public Snapshot step() {
        return locked(byHand::step);
    }

    /** One phase of the next sample (see {@link ByHand#phase}). A running run pauses first. */
    public Snapshot phase() {
        return locked(byHand::phase);
    }

    /**
     * Goes to an exact moment, {@code epochs} completed epochs and {@code samples} more (as a link's {@code at} says),
     * and pauses there, showing that sample (see {@link ByHand#seek}).
     */
    public Snapshot seek(int epochs, int samples) {
        return locked(() -> byHand.seek(epochs, samples));
    }

    /**
     * Sets one weight or bias (a cell id W{l}-i-j or b{l}-i, see {@link Edit}) to {@code value} at the moment the run
     * is at, and keeps the edit for the run's link. The run must be paused, idle or done; a sample shown phase by phase
     * is left (its numbers were worked out at the old weights).
     *
     * @throws ConfigException for a bad cell or value, a run that is training, or one that has {@link Edit#MAX_EDITS}
     */
    public Snapshot edit(String ref, double value) {
        return locked(() -> byHand.weight(ref, value));
    }

    /**
     * Adds a point of the plane to the training set, or deletes the training point nearest (x1, x2) within {@link
     * #PICK_RADIUS} ({@code add} false), at the moment the run is at, and keeps the edit for the run's link. The run
     * must be paused or idle, on a 2-D set.
     *
     * @throws ConfigException see {@link Edits#point}
     */
    public Snapshot editPoint(boolean add, double x1, double x2, double target) {
        return locked(() -> byHand.point(add, x1, x2, target));
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
        return locked(() -> machine.replay(given, at));
    }

    /** How close a learner's prediction was. */
    public record Feedback(String what, double guess, double actual, double error, double relativeError) {}

    /**
     * Predict, then reveal: compares a learner's guess of what the next phase reveals ({@code d{l}-0} for
     * delta^(l)_0, {@code W{l}-0-0} for w^(l)_00 after the update) with its value, then moves to that phase. The value
     * is the one that phase shows: the deltas of the phase-stepped trace, and the weights that {@link Training#peek}
     * worked out with the training code itself.
     *
     * @throws ConfigException if no sample is being shown phase by phase, {@code what} is not one of those values, or
     *     it is not what the next phase reveals (a weight in the middle of a mini-batch, where no update happens)
     */
    public Feedback predict(String what, double guess) {
        synchronized (lock) {
            double actual = byHand.revealed(String.valueOf(what));
            double error = Math.abs(guess - actual);
            if (!closed) byHand.phase();
            return new Feedback(what, guess, actual, error, error / Math.max(1e-12, Math.abs(actual)));
        }
    }

    /** A gradient check, and the sample and weights it was made on. */
    public record Check(double[] x, double[] t, GradientCheck.Result result) {}

    /**
     * Backprop's gradient of every weight beside a central finite difference, for the current sample (the last one
     * shown, or else the next to train) at the current weights, worked out outside the lock. Nothing changes.
     */
    public Check gradientCheck() {
        Network net;
        double[][] sample;
        synchronized (lock) {
            net = machine.training.network().copy();
            sample = byHand.currentSample();
        }
        return new Check(sample[0], sample[1], GradientCheck.check(net, sample[0], sample[1]));
    }

    /** The weights this run started from when they were given (null when they come from the seed). */
    public Network initialWeights() {
        return initialWeights == null ? null : initialWeights.copy();
    }

    /** The i-th logged sample, 0 = the oldest kept. */
    public Moment moment(int i) {
        return machine.shown.moment(i);
    }

    /** Stops training for good and forgets the listeners. */
    void close() {
        synchronized (lock) {
            closed = true;
            if (machine.state == RunState.RUNNING) machine.state = RunState.PAUSED;
        }
        viewers.clear();
    }

    /** Runs {@code move} on the open run under its lock, and answers the snapshot after it. */
    private Snapshot locked(Runnable move) {
        synchronized (lock) {
            if (!closed) move.run();
            return latest;
        }
    }

    // ---- viewers ----

    public void addListener(Listener l) {
        viewers.add(l);
    }

    public void removeListener(Listener l) {
        viewers.remove(l);
    }

    public int listenerCount() {
        return viewers.count();
    }

    /** Someone looked at this run (a request or an open stream). */
    public void touch() {
        viewers.touch();
    }

    long idleNanos() {
        return viewers.idleNanos();
    }

    public boolean isRunning() {
        return latest.state() == RunState.RUNNING;
    }

    // ---- training and publishing ----

    /** One slice of a running run's training (see {@link Slicer}), on a trainer thread. */
    private void slice() {
        synchronized (lock) {
            slicer.started();
            if (closed || machine.state != RunState.RUNNING) return;
            try {
                Bound b = bound;
                long limit = b == null ? Long.MAX_VALUE : b.limit(this);
                long into = machine.training.samplesIntoRun();
                machine.slice(limit == Long.MAX_VALUE ? limit : Math.max(0, limit - into));
                progress = machine.training.samplesIntoRun();
            } catch (Throwable e) { // OutOfMemoryError included: the run pauses, the trainer thread goes on
                LOG.log(Level.SEVERE, logTag + " event=slice-failed", e);
                machine.failed();
            }
        }
    }

    /** Builds a snapshot and hands it to the viewers. Called with the lock held, through {@link Machine#publish}. */
    private void publish() {
        Training training = machine.training;
        progress = training.samplesIntoRun();
        long samples = training.samplesDone();
        double samplesPerSecond = rate.update(System.nanoTime(), samples, machine.state == RunState.RUNNING);
        Snapshot s = machine.shown
                .into(new SnapshotBuilder(id, ++version, config)
                        .run(machine.speed, machine.state, samplesPerSecond)
                        .training(training)
                        .weights(training.network(), samples, latest))
                .edits(machine.edits.text(), machine.edits.losses())
                .build();
        latest = s;
        viewers.show(s, logTag);
    }
}
