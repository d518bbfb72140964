package playground.view;

import playground.training.Moment;
import playground.training.RunState;
import playground.training.Snapshot;

/**
 * The timeline slider over the run's log of samples: every logged sample, phase by phase (forward layer by layer,
 * loss, deltas, update); the right end is the latest sample, whole.
 *
 * @param at the moment the slider's right end shows, as the header names moments ("" before any sample, and while the
 *     run trains)
 */
public record TimelineView(String runId, int samples, int capacity, int phases, int max, boolean enabled, String at) {
    public static TimelineView of(Snapshot s) {
        int capacity = playground.training.SampleLog.capacity(s.config().layers());
        int phases = Moment.phases(s.layers());
        int max = Math.max(0, s.logSize() * phases - 1);
        boolean enabled = s.logSize() > 0 && s.state() != RunState.RUNNING;
        // while the run trains the slider stands still and the header names the moment: a moment here would go stale
        Moment.At at = enabled ? s.traceAt() : null;
        return new TimelineView(
                s.runId(), s.logSize(), capacity, phases, max, enabled, at == null ? "" : at.words(s.trainCount()));
    }

    /** The sample (0 = oldest kept) and phase (1..phases) of a slider position. */
    public static int[] at(int position, int phases) {
        return new int[] {position / phases, position % phases + 1};
    }
}
