package playground.view;

import playground.training.RunState;
import playground.training.Snapshot;

/**
 * The status line: state, epoch E/N and sample S/n (E epochs and S samples of the next done, as a link's {@code at=E:S}
 * reads), samples per second, progress, and the run's message.
 */
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
        long version,
        String edits) {

    public static StatusView of(Snapshot s) {
        RunState st = s.state();
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
                // the moment as a link's at= names it (Moment.At): epochs done, and samples of the next
                s.epoch(),
                s.config().epochs(),
                s.sample(),
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
                s.at().toString(),
                accuracy(s),
                s.version(),
                s.edits());
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
