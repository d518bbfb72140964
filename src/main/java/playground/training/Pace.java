package playground.training;

/**
 * Keeps a paced run to its pace: how many samples it trains now, counted from where the pace was last anchored. After
 * a stall (a busy machine, a slow network) it does not catch up in a burst: at most a frame and a half's worth at
 * once, and the pace starts again from there.
 */
final class Pace {
    private long nanos;
    private long samples;

    /** The pace counts from now and from {@code samplesIntoRun} (at a start, a resume, a change of speed). */
    void anchor(long now, long samplesIntoRun) {
        nanos = now;
        samples = samplesIntoRun;
    }

    /** How many samples to train now, at {@code perSecond}, with frames {@code frameMillis} apart. */
    long budget(long now, double perSecond, long samplesIntoRun, long frameMillis) {
        long target = samples + (long) ((now - nanos) * perSecond / 1e9);
        long behind = target - samplesIntoRun;
        long most = Math.max(1, (long) Math.ceil(perSecond * 1.5 * frameMillis / 1000.0));
        if (behind > most) {
            anchor(now, samplesIntoRun + most);
            behind = most;
        }
        return Math.max(0, behind);
    }
}
