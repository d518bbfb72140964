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
        String edits,
        boolean lossNow,
        String lossTitle,
        boolean lossStale,
        boolean replayFits) {

    public static StatusView of(Snapshot s) {
        RunState st = s.state();
        String train = s.trainLoss().isEmpty()
                ? Num.compact(s.initialTrainLoss())
                : Num.compact(s.trainLoss().get(s.trainLoss().size() - 1));
        String test = s.testLoss().isEmpty()
                ? Num.compact(s.initialTestLoss())
                : Num.compact(s.testLoss().get(s.testLoss().size() - 1));
        playground.training.LossNow now = s.lossNow();
        boolean finished = st == RunState.DONE || st == RunState.DIVERGED;
        // Start on a finished run makes its edits again from the start, within a request's budget of work
        boolean replayFits = !finished
                || s.edits().isEmpty()
                || playground.training.Edit.replayFits(
                        playground.training.Edit.parse(s.edits(), s.config()), s.config());
        String title = s.trainLoss().isEmpty()
                ? "the mean loss over the whole set at the initial weights"
                : "the mean loss over the whole set at the end of epoch "
                        + s.trainLoss().size();
        boolean stale = now != null && !now.workedOut();
        if (stale) {
            // too much work for the request that made the edit: the epoch's figures, said to be the epoch's
            title = "the loss at the weights you changed is not worked out on a run this size (the data times the"
                    + " net is over the budget of an edit); the next epoch's end gives it. This is "
                    + title.substring("the ".length());
            now = null;
        }
        if (now != null) {
            // the learner changed a weight: the loss at the weights as they are now, not an epoch's
            train = Num.compact(now.trainLoss());
            test = Num.compact(now.testLoss());
            title = "the loss now: the mean over the whole set at the weights you changed ("
                    + now.at().words(s.trainCount()) + "), not an epoch's; ◆ on the loss chart";
        }
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
                        ? s.message()
                                + (s.edits().isEmpty()
                                        ? " Reset to watch it again, or raise Epochs to train further."
                                        : replayFits
                                                ? " Start to run it again with your changes of the weights made"
                                                        + " again at their moments; Reset to drop them."
                                                : " Your changes are too far into a run this size to make again"
                                                        + " from the start: Reset starts it again without them.")
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
                s.edits(),
                now != null,
                title,
                stale,
                replayFits);
    }

    /** How many edits of the weights the run keeps. */
    public int editCount() {
        return edits.isEmpty() ? 0 : edits.split(",", -1).length;
    }

    /** "1 edit", "3 edits". */
    public String editsWord() {
        return editCount() + (editCount() == 1 ? " edit" : " edits");
    }

    /** The last test accuracy as a percentage, "" for regression. */
    static String accuracy(Snapshot s) {
        if (!s.config().classification()) return "";
        double a = s.lossNow() != null && s.lossNow().workedOut()
                ? s.lossNow().testAccuracy()
                : s.testAccuracy().isEmpty()
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
