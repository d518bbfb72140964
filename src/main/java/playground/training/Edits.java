package playground.training;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import playground.nn.Trace;

/**
 * A run's changes by the learner, in the order made: weights and biases, points of the data (see {@link Edit}), each
 * with the loss it left. Checks a new one against the run as it is, makes it, and makes a link's again at their
 * moments. Not thread-safe: its run calls it with its lock held.
 */
final class Edits {
    /** How near a click must be to a training point to delete it: 0.3 on the plane, 7.5 pixels of 300. */
    static final double PICK_RADIUS = 0.3;

    private final Config config;
    private final List<Edit> made = new ArrayList<>();
    /** The loss at the weights each edit left, one per edit. */
    private final List<LossNow> losses = new ArrayList<>();

    Edits(Config config) {
        this.config = config;
    }

    /**
     * Sets one weight or bias (a cell id W{l}-i-j or b{l}-i) to {@code value} at the moment {@code training} is at.
     *
     * @throws ConfigException for a bad cell or value, a run that is training or diverged, or one that has {@link
     *     Edit#MAX_EDITS}
     */
    void weight(Training training, RunState state, String ref, double value) {
        String cell = Edit.ref(ref, config);
        Edit.checked(value);
        if (state == RunState.RUNNING) {
            throw new ConfigException("run", "is training: pause it first, then change a weight");
        }
        if (state == RunState.DIVERGED) {
            throw new ConfigException("run", "has diverged: reset it first, then change a weight");
        }
        if (made.size() >= Edit.MAX_EDITS) {
            throw new ConfigException(
                    "value", "a run keeps at most " + Edit.MAX_EDITS + " edits; reset it to edit more");
        }
        make(training, new Edit(new Moment.At(training.epoch(), training.position()), cell, value));
    }

    /**
     * Adds a point of the plane to the training set (see {@link Training#addPoint}), or deletes the training point
     * nearest (x1, x2) within {@link #PICK_RADIUS} ({@code add} false), at the moment {@code training} is at.
     *
     * @throws ConfigException for a set that is not 2-D, a point outside the plane, a target the set does not have, no
     *     point there to delete, a run that is training or finished, or one that has {@link Edit#MAX_POINT_EDITS}
     */
    void point(Training training, RunState state, boolean add, double x1, double x2, double target) {
        if (!config.dataset().planar()) {
            throw new ConfigException("dataset", "points can be added or deleted only on the 2-D sets");
        }
        if (add) Edit.checkPoint(config, x1, x2, target);
        else if (!(Math.abs(x1) <= Edit.PLANE && Math.abs(x2) <= Edit.PLANE)) {
            throw new ConfigException("x1", "the point must be on the plane, x1 and x2 from -6 to 6");
        }
        if (state == RunState.RUNNING) {
            throw new ConfigException("run", "is training: pause it first, then change the data");
        }
        if (training.finished()) {
            throw new ConfigException("run", "has " + state.id() + ": reset it first, then change the data");
        }
        if (Edit.pointEdits(made) >= Edit.MAX_POINT_EDITS) {
            throw new ConfigException(
                    "x1",
                    "a run keeps at most " + Edit.MAX_POINT_EDITS + " changes of its data; reset it to make more");
        }
        Moment.At at = new Moment.At(training.epoch(), training.position());
        if (add) {
            make(training, Edit.add(at, x1, x2, target));
            return;
        }
        int i = training.nearestPoint(x1, x2, PICK_RADIUS);
        if (i < 0) {
            throw new ConfigException(
                    "x1",
                    "there is no training point within " + PICK_RADIUS + " of (" + Param.fmt(Edit.round2(x1)) + ", "
                            + Param.fmt(Edit.round2(x2)) + "); test points (dark ring) stay");
        }
        make(training, Edit.delete(at, i));
    }

    private void make(Training training, Edit e) {
        losses.add(training.apply(e));
        made.add(e);
    }

    /**
     * Makes {@code given} (a link's edits, or a finished run's own) on {@code training}, which has not trained past
     * the first: trains to each edit's moment and makes it, then trains to {@code at} if given. Each sample traced on
     * the way goes to {@code traced}.
     *
     * @throws ConfigException if {@code at} is before the last edit, or a moment or an edit does not fit the run
     */
    void replay(Training training, List<Edit> given, Moment.At at, Consumer<Trace> traced) {
        if (at != null && !given.isEmpty()) {
            Moment.At last = given.get(given.size() - 1).at();
            if (at.epoch() < last.epoch() || at.epoch() == last.epoch() && at.sample() < last.sample()) {
                throw new ConfigException("url", "at: must not be before the last edit's moment");
            }
        }
        // moments are counted as the run goes: after a change of the data an epoch has as many samples as its
        // order (Training#samplesAt), so each moment is checked and found when the run gets near it
        for (Edit e : given) {
            if (!seek(training, e.at(), "edits: ", traced)) break;
            if (training.diverged()) break;
            try {
                make(training, e);
            } catch (ConfigException x) { // a deleted point the run does not have
                throw new ConfigException("url", "edits: " + e + ": " + x.getMessage());
            }
        }
        if (at != null) seek(training, at, "", traced);
    }

    /** Trains to {@code at} (no further than the run's end); false if it ended (or diverged) first. */
    private static boolean seek(Training training, Moment.At at, String what, Consumer<Trace> traced) {
        String problem = training.momentProblem(at);
        if (problem != null) throw new ConfigException("url", what + problem);
        long target = training.samplesAt(at);
        if (target < 0) {
            throw new ConfigException("url", what + at + " is before the moment the run is at");
        }
        if (training.samplesIntoRun() < target) {
            Trace last = training.seek(target);
            if (last != null) traced.accept(last);
        }
        return training.samplesIntoRun() == target;
    }

    /** The edits made, in order. */
    List<Edit> list() {
        return List.copyOf(made);
    }

    /** The loss each edit left, one per edit. */
    List<LossNow> losses() {
        return losses;
    }

    /** As a link's {@code edits=} reads them ("" for none). */
    String text() {
        return Edit.format(made);
    }

    boolean isEmpty() {
        return made.isEmpty();
    }

    void clear() {
        made.clear();
        losses.clear();
    }
}
