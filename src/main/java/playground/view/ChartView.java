package playground.view;

import java.util.ArrayList;
import java.util.List;
import playground.training.Edit;
import playground.training.LossNow;
import playground.training.Snapshot;

/**
 * The loss chart in both scales; the page's log-scale toggle shows one of them (no script, no new request). A learner's
 * change of a weight is marked on it at its moment, at the loss it left (the loss now, not an epoch's).
 *
 * @param edits the run's edits of the weights, in order
 * @param editLosses the loss at the weights each edit left, one per edit
 * @param trainCount samples in an epoch, to place an edit's moment between epochs
 */
public record ChartView(
        LossChart linear,
        LossChart log,
        int epochs,
        int done,
        List<Edit> edits,
        List<LossNow> editLosses,
        int trainCount) {
    /**
     * The chart's size in CSS pixels, as the page shows it (so that its 11 px labels are 11 px on screen): under the
     * output heatmap on the 2-D sets; alone, and taller, in a wider column on the others.
     */
    public static final int WIDTH = 300, HEIGHT = 170, WIDE = 400, TALL = 330;

    /**
     * An edit's marker: where it is drawn (pixels; y kept inside the plot when the loss is off it or cannot be drawn,
     * on the epoch axis when it was not worked out) and what it says.
     */
    public record Mark(double x, double y, String title) {}

    public static ChartView of(Snapshot s) {
        List<Edit> edits = s.editLosses().stream().map(LossNow::edit).toList();
        return new ChartView(
                chart(s, false),
                chart(s, true),
                s.config().epochs(),
                s.trainLoss().size(),
                edits,
                s.editLosses(),
                s.trainCount());
    }

    /** The edits' markers on chart {@code c}: one per moment, the last edit made there (the loss it left). */
    public List<Mark> marks(LossChart c) {
        List<Mark> out = new ArrayList<>();
        int n = Math.min(edits.size(), editLosses.size());
        for (int k = 0; k < n; k++) {
            LossNow l = editLosses.get(k);
            if (k + 1 < n && editLosses.get(k + 1).at().equals(l.at())) continue; // a later edit at the same moment
            double epoch = l.at().epoch() + (double) l.at().sample() / Math.max(1, trainCount);
            double y = c.yOf(l.trainLoss());
            if (!l.workedOut()) y = c.bottom(); // no loss to mark: on the epoch axis, at its moment
            else if (Double.isNaN(y)) y = Double.isFinite(l.trainLoss()) && l.trainLoss() <= 0 ? c.bottom() : c.top();
            y = Math.max(c.top(), Math.min(c.bottom(), y));
            StringBuilder what = new StringBuilder();
            for (int j = 0; j <= k; j++) {
                Edit e = edits.get(j);
                if (!e.at().equals(l.at())) continue;
                what.append(what.length() > 0 ? ", " : "");
                if (e.deleted() >= 0) {
                    what.append("the data (training point ").append(e.deleted()).append(" deleted)");
                } else if (e.isPoint()) {
                    what.append("the data (a point added at (")
                            .append(Num.compact(e.point()[0]))
                            .append(", ")
                            .append(Num.compact(e.point()[1]))
                            .append("), target ")
                            .append(Num.compact(e.value()))
                            .append(')');
                } else {
                    what.append(e.ref()).append(" = ").append(Num.compact(e.value()));
                }
            }
            out.add(new Mark(
                    LossChart.round2(c.xOf(epoch)),
                    LossChart.round2(y),
                    "You changed " + what + " at " + l.at().words(trainCount)
                            + (l.workedOut()
                                    ? ": the loss now, train " + Num.compact(l.trainLoss()) + ", test "
                                            + Num.compact(l.testLoss())
                                    : " (the loss it left is not worked out on a run this size)")));
        }
        return out;
    }

    private static LossChart chart(Snapshot s, boolean log) {
        boolean planar = s.data().features() != null;
        return LossChart.of(
                s.initialTrainLoss(),
                s.initialTestLoss(),
                s.trainLoss(),
                s.testLoss(),
                s.config().epochs(),
                log,
                planar ? WIDTH : WIDE,
                planar ? HEIGHT : TALL);
    }
}
