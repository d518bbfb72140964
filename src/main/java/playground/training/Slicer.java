package playground.training;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When a running run trains and how much: it trains in slices of at most {@link #SLICE_MILLIS} on a pool shared by all
 * runs, so that many runs share few threads and a control never waits long. Flat out, the next slice follows at once;
 * at a paced speed, slices come a frame apart and train what {@link Pace} allows; at a slow speed, one sample a slice.
 * Within a slice the fast path trains in calls of about 2 ms, so that a slice ends near its deadline on any network.
 *
 * <p>Not thread-safe on its own: everything but {@link #waiting} is called with the run's lock held.
 */
final class Slicer {
    static final int SLICE_MILLIS = 20;
    static final int FRAMES_PER_SECOND = 10;
    /** The milliseconds between two frames of a paced run. */
    static final long FRAME_MILLIS = 1000 / FRAMES_PER_SECOND;

    private final ScheduledExecutorService pool;
    private final Runnable slice;
    private final Pace pace = new Pace();
    private final AtomicInteger controlsWaiting = new AtomicInteger();
    private boolean scheduled;
    /** Samples a call of {@link Training#advance} trains, sized to take about 2 ms. */
    private int samplesPerCall = 64;

    Slicer(ScheduledExecutorService pool, Runnable slice) {
        this.pool = pool;
        this.slice = slice;
    }

    /**
     * Runs a control while counting it as waiting for the run's lock. A trainer that ends a slice and starts the next
     * at once can take the lock again and again before a waiting request wakes up (Java's monitors are not fair):
     * while a control waits, slices end early and the next one waits a millisecond.
     */
    <T> T waiting(java.util.function.Supplier<T> control) {
        controlsWaiting.incrementAndGet();
        try {
            return control.get();
        } finally {
            controlsWaiting.decrementAndGet();
        }
    }

    /** Schedules the next slice in {@code delayMillis} (at once if 0), unless one is scheduled already. */
    void schedule(long delayMillis) {
        if (scheduled) return;
        scheduled = true;
        try {
            if (delayMillis <= 0) pool.execute(slice);
            else pool.schedule(slice, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            scheduled = false; // shutting down
        }
    }

    /** The scheduled slice has started. */
    void started() {
        scheduled = false;
    }

    /** A paced run's pace counts from now (at a start, a resume, a change of speed). */
    void anchor(long samplesIntoRun) {
        pace.anchor(System.nanoTime(), samplesIntoRun);
    }

    /** How many samples a paced run trains now to keep to its pace. */
    long pacedBudget(Speed speed, Training training, int epochs) {
        double perSecond = speed.samplesPerSecond(epochs, training.trainCount());
        return pace.budget(System.nanoTime(), perSecond, training.samplesIntoRun(), FRAME_MILLIS);
    }

    /**
     * Trains up to {@code budget} samples on the fast path until the slice's time is up, always leaving the mini-batch
     * that holds the last sample before its stop (the caller may trace to its end, {@link Training#traceToBatchEnd}:
     * the fast path trains whole batches only, so one sample left is its batch left; with batch size 1, one sample),
     * and stopping early when a control waits.
     *
     * @param toEpochEnd stop at the end of the current epoch (else at the end of the run)
     * @return the samples trained
     */
    long train(Training training, long budget, boolean toEpochEnd) {
        long deadline = System.nanoTime() + SLICE_MILLIS * 1_000_000L;
        long start = training.samplesIntoRun();
        long stop = start + Math.min(budget, toEpochEnd ? training.leftInEpoch() : training.remaining());
        long fastTo = training.batchStart(stop);
        while (!training.finished() && training.samplesIntoRun() < fastTo) {
            if (System.nanoTime() >= deadline || controlsWaiting.get() > 0) break;
            int n = (int) Math.min(samplesPerCall, fastTo - training.samplesIntoRun());
            long t0 = System.nanoTime();
            int trained = training.advance(n);
            long took = System.nanoTime() - t0;
            if (trained >= n && n == samplesPerCall) {
                samplesPerCall = (int) Math.max(1, Math.min(1 << 20, samplesPerCall * 2_000_000L / Math.max(1, took)));
            }
        }
        return training.samplesIntoRun() - start;
    }

    /** The delay before the next slice of a run still running, the last one having started at {@code startedNanos}. */
    long delayAfter(Speed speed, boolean flatOut, long startedNanos) {
        long delay;
        if (flatOut) delay = 0;
        else if (speed.paced()) delay = Math.max(1, FRAME_MILLIS - (System.nanoTime() - startedNanos) / 1_000_000L);
        else delay = Math.max(1, 1000 / speed.value());
        return delay + (controlsWaiting.get() > 0 ? 1 : 0);
    }
}
