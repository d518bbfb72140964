package playground.view;

import playground.training.RunState;
import playground.training.Snapshot;

/** The status line: state, epoch k of N, sample i of n, samples per second, progress, and the run's message. */
public record StatusView(
        String runId,
        String state,
        String stateLabel,
        int epoch,
        int epochs,
        int sample,
        int samples,
        String rate,
        int progressPermille,
        String message,
        String lastTrainLoss,
        String lastTestLoss,
        String testRmse,
        boolean running,
        boolean paused,
        boolean finished,
        String speed,
        String at,
        String testAccuracy,
        long version) {

    public static StatusView of(Snapshot s) {
        RunState st = s.state();
        int epochShown = st == RunState.DONE ? s.epoch() : Math.min(s.config().epochs(), s.epoch() + 1);
        if (st == RunState.IDLE) epochShown = 0;
        String train = s.trainLoss().isEmpty()
                ? Num.compact(s.initialTrainLoss())
                : Num.compact(s.trainLoss().get(s.trainLoss().size() - 1));
        String test = s.testLoss().isEmpty()
                ? Num.compact(s.initialTestLoss())
                : Num.compact(s.testLoss().get(s.testLoss().size() - 1));
        return new StatusView(
                s.runId(),
                st.id(),
                label(st),
                epochShown,
                s.config().epochs(),
                // a finished run has done every sample of its last epoch
                st == RunState.DONE ? s.trainCount() : s.sample(),
                s.trainCount(),
                Num.rate(s.samplesPerSecond()),
                (int) Math.round(1000 * s.progress()),
                st == RunState.DONE
                        ? s.message() + " Reset to watch it again, or raise Epochs to train further."
                        : s.message(),
                train,
                test,
                Num.compact(s.testRmse()),
                st == RunState.RUNNING,
                st == RunState.PAUSED,
                st == RunState.DONE || st == RunState.DIVERGED,
                s.speed().id(),
                s.epoch() + ":" + s.sample(),
                accuracy(s),
                s.version());
    }

    /** The last test accuracy as a percentage, "" for regression. */
    static String accuracy(Snapshot s) {
        if (!s.config().classification()) return "";
        double a = s.testAccuracy().isEmpty()
                ? s.initialTestAccuracy()
                : s.testAccuracy().get(s.testAccuracy().size() - 1);
        return Double.isFinite(a) ? String.format(java.util.Locale.ROOT, "%.1f%%", 100 * a) : "–";
    }

    static String label(RunState st) {
        return switch (st) {
            case IDLE -> "idle";
            case RUNNING -> "running";
            case PAUSED -> "paused";
            case DONE -> "done";
            case DIVERGED -> "diverged";
        };
    }
}
