package playground.view;

import playground.training.Snapshot;

/** The loss chart in both scales; the page's log-scale toggle shows one of them (no script, no new request). */
public record ChartView(LossChart linear, LossChart log, int epochs, int done) {
    public static final int WIDTH = 300;
    public static final int HEIGHT = 170;

    public static ChartView of(Snapshot s) {
        return new ChartView(
                chart(s, false),
                chart(s, true),
                s.config().epochs(),
                s.trainLoss().size());
    }

    private static LossChart chart(Snapshot s, boolean log) {
        return LossChart.of(
                s.initialTrainLoss(),
                s.initialTestLoss(),
                s.trainLoss(),
                s.testLoss(),
                s.config().epochs(),
                log,
                WIDTH,
                HEIGHT);
    }
}
