package playground.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class SlicerTest {
    private static final ScheduledExecutorService POOL = Executors.newSingleThreadScheduledExecutor();

    private static Training xor(int epochs) {
        return new Training(
                TrainingTest.cfg("dataset", "xor", "batch", "1", "epochs", String.valueOf(epochs), "seed", "3"));
    }

    /** Slices until one trains nothing (a slice also ends at its deadline); returns the samples trained. */
    private static long sliceUntilStopped(Slicer slicer, Training t, long budget, boolean toEpochEnd) {
        long total = 0;
        for (long k; (k = slicer.train(t, budget - total, toEpochEnd)) > 0; ) total += k;
        return total;
    }

    @Test
    void aSliceKeepsBackTheLastSampleBeforeItsStop() {
        Slicer slicer = new Slicer(POOL, () -> {});
        Training whole = xor(3);
        long all = whole.remaining();
        // flat out: up to the run's end, less the one sample the run traces and shows
        assertEquals(all - 1, sliceUntilStopped(slicer, whole, Long.MAX_VALUE, false));
        assertEquals(1, whole.remaining());

        Training epoch = xor(3);
        int n = epoch.trainCount();
        assertEquals(n - 1, sliceUntilStopped(slicer, epoch, Long.MAX_VALUE, true));
        assertEquals(0, epoch.epoch(), "still in the first epoch");
        assertEquals(1, epoch.leftInEpoch());

        Training paced = xor(3);
        assertEquals(4, sliceUntilStopped(slicer, paced, 5, false), "a budget of 5 trains 4 and leaves one to trace");
        assertEquals(4, paced.samplesIntoRun());
    }

    /** With mini-batches it keeps back the batch that holds the stop's last sample: the trace path ends it. */
    @Test
    void withMiniBatchesASliceKeepsBackTheLastBatchBeforeItsStop() {
        Slicer slicer = new Slicer(POOL, () -> {});
        Config c = TrainingTest.cfg("dataset", "xor", "batch", "7", "epochs", "2", "seed", "3");
        Training whole = new Training(c);
        int n = whole.trainCount();
        int last = n % 7 == 0 ? 7 : n % 7; // the epoch's last batch, short or whole
        assertEquals(2L * n - last, sliceUntilStopped(slicer, whole, Long.MAX_VALUE, false));
        assertEquals(last, whole.remaining());
        assertTrue(whole.traceToBatchEnd().updated(), "the last sample, with the batch's update");
        assertTrue(whole.finished());

        Training paced = new Training(c);
        assertEquals(14, sliceUntilStopped(slicer, paced, 20, false), "a budget of 20 leaves the batch of 15 to 21");
    }

    @Test
    void aSliceEndsAtOnceWhileAControlWaits() throws Exception {
        Slicer slicer = new Slicer(POOL, () -> {});
        Training t = xor(10_000);
        long[] trained = new long[1];
        slicer.waiting(() -> trained[0] = slicer.train(t, Long.MAX_VALUE, false));
        assertEquals(0, trained[0], "no sample trained while a control waited");
        assertTrue(slicer.train(t, Long.MAX_VALUE, false) > 0, "and training goes on after it");
    }

    @Test
    void theNextSliceComesAFrameApartWhenPacedAndAtOnceFlatOut() {
        Slicer slicer = new Slicer(POOL, () -> {});
        long now = System.nanoTime();
        assertEquals(0, slicer.delayAfter(Speed.parse("max"), true, now));
        long paced = slicer.delayAfter(Speed.parse("auto"), false, now);
        assertTrue(paced > 0 && paced <= Slicer.FRAME_MILLIS, "paced delay " + paced);
        long late = slicer.delayAfter(Speed.parse("auto"), false, now - 10 * Slicer.FRAME_MILLIS * 1_000_000L);
        assertEquals(1, late, "a slice that overran its frame is followed after a millisecond");
    }
}
