package playground.training;

/**
 * Samples a second, as the status line shows it: an average that halves the weight of the past every 200 ms or more,
 * so that it follows a change of speed within a second yet does not jump with each slice; 0 while not running.
 */
final class SampleRate {
    private static final long WINDOW_NANOS = 200_000_000L;

    private long samples;
    private long nanos;
    private double rate;

    /** The rate after {@code done} samples in all at {@code now}; call on every publication. */
    double update(long now, long done, boolean running) {
        if (nanos == 0 || !running) {
            rate = running ? rate : 0;
        } else if (now - nanos > WINDOW_NANOS) {
            double instant = (done - samples) * 1e9 / (now - nanos);
            rate = rate == 0 ? instant : 0.5 * rate + 0.5 * instant;
        }
        if (nanos == 0 || now - nanos > WINDOW_NANOS || !running) {
            nanos = now;
            samples = done;
        }
        return rate;
    }
}
