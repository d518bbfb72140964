package playground.view;

import playground.training.Snapshot;

/** The loss chart in both scales; the page's log-scale toggle shows one of them (no script, no new request). */
public record ChartView(LossChart linear, LossChart log, int epochs, int done) {
    /**
     * The chart's size in CSS pixels, as the page shows it (so that its 11 px labels are 11 px on screen): under the
     * output heatmap on the 2-D sets; alone, and taller, in a wider column on the others.
     */
    public static final int WIDTH = 300, HEIGHT = 170, WIDE = 400, TALL = 330;

    public static ChartView of(Snapshot s) {
        return new ChartView(
                chart(s, false),
                chart(s, true),
                s.config().epochs(),
                s.trainLoss().size());
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
